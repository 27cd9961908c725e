import { defineRule, shellQuote } from '../rule.js';

export default defineRule({
  meta: {
    id: 'pool-idle-timeout-disabled',
    severity: 'low',
    title: 'Idle workers are never shut down',
    sources: ['STIG V-218762'],
    fix: 'usher pool set POOL --idle-timeout 20m',
    docs:
      'Fires for an application pool with `idleTimeout: 0`: its workers keep running, with their identity\'s token, open ' +
      'handles and whatever state a request left in memory, however long nobody uses them. STIG V-218762 asks that idle ' +
      'worker processes be shut down; Usher\'s default is 20 minutes, and any non-zero value passes.',
  },
  check(snapshot, report) {
    for (const pool of snapshot.pools) {
      if (pool.resolved.idleTimeoutMs !== 0) continue;
      report({
        scope: pool.scope,
        message: `pool ${pool.name} never stops idle workers (idleTimeout: 0)`,
        fix: `usher pool set ${shellQuote(pool.name)} --idle-timeout 20m`,
      });
    }
  },
});
