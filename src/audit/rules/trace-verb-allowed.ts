import { defineRule, listSome, locationTarget, type LocationModel, type Scope } from '../rule.js';

/** Where a person last touched the verb filter: a deeper location key beats the site, which beats Usher's default. */
const depth = (where: Scope) => (where === 'server' ? 0 : where.startsWith('site:') ? 1 : 1 + where.split('/').length - 1);
const deeper = (a: Scope, b: Scope): Scope => (depth(b) > depth(a) ? b : a);

/** Why TRACE passes request filtering here, and the origin of the setting that lets it, or undefined when it is refused. */
function traceAllowed(location: LocationModel): { why: string; where: Scope } | undefined {
  const verbs = location.settings.requestFiltering.verbs;
  const has = (list: readonly string[]) => list.some((verb) => verb.toUpperCase() === 'TRACE');
  if (has(verbs.deny)) return undefined;
  if (verbs.allowUnlisted) {
    return {
      why: 'verbs.allowUnlisted is true and verbs.deny does not list TRACE',
      where: deeper(location.origins['requestFiltering.verbs.allowUnlisted'], location.origins['requestFiltering.verbs.deny']),
    };
  }
  if (has(verbs.allow)) return { why: 'verbs.allow lists TRACE', where: location.origins['requestFiltering.verbs.allow'] };
  return undefined;
}

export default defineRule({
  meta: {
    id: 'trace-verb-allowed',
    severity: 'low',
    title: 'TRACE requests are not refused',
    sources: ['CIS 4.6'],
    fix: 'Add TRACE to requestFiltering.verbs.deny in each site (refused with 404.6)',
    docs:
      'Fires where request filtering lets the TRACE method through: `verbs.allowUnlisted` is true (the default) and ' +
      '`verbs.deny` does not list TRACE, or the verb allow-list names it. TRACE echoes the request back, cookies and ' +
      'authorization headers included, which cross-site tracing abuses; Usher\'s static handler answers it with 405 today, ' +
      'so the deny is defence in depth that keeps holding when a handler that echoes arrives. TRACK is not checked: ' +
      'Node\'s HTTP parser rejects it with 400 before any stage runs. Reported where the verb filter was last set, and at ' +
      '`server` for sites that keep the default.',
  },
  check(snapshot, report) {
    const found = new Map<Scope, { sites: Set<string>; why: string }>();
    for (const location of snapshot.locations) {
      const allowed = traceAllowed(location);
      if (!allowed) continue;
      const entry = found.get(allowed.where) ?? { sites: new Set<string>(), why: allowed.why };
      found.set(allowed.where, entry);
      entry.sites.add(location.site);
    }
    for (const [where, { sites, why }] of found) {
      const keys = where === 'server' ? [...sites] : [locationTarget(where, [...sites][0]!)];
      report({
        scope: where,
        message: where === 'server'
          ? `TRACE passes request filtering in ${listSome(keys)}, where the default verb filter is kept (${why})`
          : `TRACE passes request filtering at ${keys[0]} (${why})`,
        fix: `add TRACE to requestFiltering.verbs.deny under locations ${listSome(keys.map((key) => `'${key}'`))} in the configuration ` +
          '(verbs: { deny: [TRACE] }), or take it out of verbs.allow',
      });
    }
  },
});
