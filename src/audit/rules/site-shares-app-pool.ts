import { defineRule, listSome, shellQuote } from '../rule.js';

/** A pool name for a site: the site's name without the characters pool names refuse, plus `Pool`. */
const poolFor = (site: string) => `${site.replace(/[|<>&\\"/[\]+=;:,?*@]/g, '')}Pool`;

export default defineRule({
  meta: {
    id: 'site-shares-app-pool',
    severity: 'medium',
    title: 'Two sites run in one application pool',
    sources: ['CIS 1.5', 'STIG V-218771'],
    fix: 'One pool per site: usher pool add SITEPool, then usher site set SITE --pool SITEPool (and usher app set SITE PATH --pool SITEPool)',
    docs:
      'Fires for an application pool that serves applications of two or more different sites. The sites then share one ' +
      'worker process and one identity: a flaw in either reaches the other site\'s content, secrets and sessions, and one ' +
      'site crashing or recycling takes the other down with it. Several applications of the same site sharing a pool do ' +
      'not count. One finding per pool, naming the sites.',
  },
  check(snapshot, report) {
    for (const pool of snapshot.pools) {
      const sites = [...new Set(pool.usedBy.map((use) => use.site))];
      if (sites.length < 2) continue;
      const moves = sites.slice(1).flatMap((site) => {
        const target = poolFor(site);
        const apps = pool.usedBy.filter((use) => use.site === site);
        return [
          `usher pool add ${shellQuote(target)}`,
          ...apps.map((use) => (use.application === '/'
            ? `usher site set ${shellQuote(site)} --pool ${shellQuote(target)}`
            : `usher app set ${shellQuote(site)} ${shellQuote(use.application)} --pool ${shellQuote(target)}`)),
        ];
      });
      report({
        scope: pool.scope,
        message: `pool ${pool.name} serves ${sites.length} sites, ${listSome(sites)} ` +
          `(${listSome(pool.usedBy.map((use) => `${use.site}${use.application === '/' ? '' : use.application}`))}): ` +
          'they share one worker process and one identity',
        fix: moves.join('; '),
      });
    }
  },
});
