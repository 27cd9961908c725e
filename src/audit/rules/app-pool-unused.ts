import { defineRule, shellQuote } from '../rule.js';

export default defineRule({
  meta: {
    id: 'app-pool-unused',
    severity: 'low',
    title: 'A pool serves nothing but is configured to run',
    sources: ['CIS 1.5'],
    fix: 'usher pool remove POOL, or usher pool set POOL --auto-start off',
    docs:
      'Fires for an application pool that no site or application uses while `autoStart` is true (the default). Such a pool ' +
      'is an identity and a process nobody needs: its account may still hold grants, and an application assigned to it by ' +
      'mistake later runs with whatever it was given. A pool with `autoStart: false` that nothing uses is kept on purpose ' +
      'and does not count.',
  },
  check(snapshot, report) {
    for (const pool of snapshot.pools) {
      if (pool.usedBy.length > 0 || !pool.resolved.autoStart) continue;
      report({
        scope: pool.scope,
        message: `pool ${pool.name} serves no site or application, yet starts with the server (autoStart)`,
        fix: `usher pool remove ${shellQuote(pool.name)}   or   usher pool set ${shellQuote(pool.name)} --auto-start off`,
      });
    }
  },
});
