import { defineRule, shellQuote } from '../rule.js';

/**
 * Linux's default `fs.nr_open`, the most file descriptors one process can ever hold: a connection
 * limit above it is never reached, so it limits nothing (IIS's "unlimited" is 4294967295).
 */
const REACHABLE_LIMIT = 1_048_576;

export default defineRule({
  meta: {
    id: 'max-connections-unbounded',
    severity: 'low',
    title: 'Unlimited simultaneous connections',
    sources: ['STIG V-218826'],
    fix: 'Set limits: { maxConnections: N } on the site to a finite value (Usher\'s default is 10000)',
    docs:
      'Fires for a site whose `limits.maxConnections` is above 1 048 576, Linux\'s default ceiling on the file descriptors ' +
      'of one process, which includes IIS\'s "unlimited" 4294967295: such a limit is never reached, so a flood of ' +
      'connections runs the server out of descriptors for every site instead of being refused for one. Usher\'s own ' +
      'default (10000) and any value that can be reached pass. Reported at the site, where the value is set.',
  },
  check(snapshot, report) {
    for (const site of snapshot.sites) {
      const limit = site.resolved.limits.maxConnections;
      if (limit <= REACHABLE_LIMIT) continue;
      report({
        scope: site.scope,
        message: `site ${site.name} accepts up to ${limit} simultaneous connections${limit >= 4_294_967_295 ? " (IIS's \"unlimited\")" : ''}, ` +
          `more than a process can hold (${REACHABLE_LIMIT} descriptors): in effect, no limit`,
        fix: `set limits: { maxConnections: 10000 } (or what the site needs) on site ${shellQuote(site.name)} under sites: in the configuration`,
      });
    }
  },
});
