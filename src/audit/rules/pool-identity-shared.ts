import { defineRule, listSome, scope, shellQuote, type PoolModel } from '../rule.js';

const served = (pool: PoolModel) => pool.usedBy.map((use) => `${use.site}${use.application === '/' ? '' : use.application}`);

export default defineRule({
  meta: {
    id: 'pool-identity-shared',
    severity: 'medium',
    title: "Several pools run as the same principal, so each can reach the others' resources",
    sources: ['MS-Isolation', 'CIS 1.4'],
    fix: 'usher pool set POOL --identity ApplicationPoolIdentity for each of the pools (each gets a virtual account of its own)',
    docs:
      'Fires when two or more application pools run their workers as the same principal: the same specific user, or the ' +
      'same built-in account (NetworkService, LocalService, LocalSystem). Pools are the isolation boundary between ' +
      'applications, and the worker identity is what ACLs see: whatever one pool may read or write, code in the others may ' +
      'too. ApplicationPoolIdentity pools never share, since each runs as its own `IIS AppPool\\<pool>`. One finding per ' +
      'shared principal, naming the pools.',
  },
  check(snapshot, report) {
    const bySid = new Map<string, PoolModel[]>();
    for (const pool of snapshot.pools) {
      if (pool.identityType === 'ApplicationPoolIdentity' || pool.worker.sid === pool.poolSid) continue;
      bySid.set(pool.worker.sid, [...(bySid.get(pool.worker.sid) ?? []), pool]);
    }
    for (const pools of bySid.values()) {
      if (pools.length < 2) continue;
      const worker = pools[0]!.worker;
      const uses = pools.flatMap(served);
      report({
        scope: scope.principal(worker.name),
        message: `pools ${listSome(pools.map((pool) => pool.name))} all run as ${worker.name}: code in any of them can read and change ` +
          `whatever the others can${uses.length > 0 ? ` (they serve ${listSome(uses)})` : ''}`,
        fix: pools.map((pool) => `usher pool set ${shellQuote(pool.name)} --identity ApplicationPoolIdentity`).join('; '),
      });
    }
  },
});
