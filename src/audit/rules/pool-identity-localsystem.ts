import { SID } from '../../identity/index.js';
import { defineRule, shellQuote } from '../rule.js';

export default defineRule({
  meta: {
    id: 'pool-identity-localsystem',
    severity: 'high',
    title: "Worker process runs as the machine's most powerful account",
    sources: ['CIS 1.4', 'STIG V-218802'],
    fix: 'usher pool set POOL --identity ApplicationPoolIdentity, then grant IIS AppPool\\POOL only what the application needs',
    docs:
      'Fires for every application pool whose workers run as LocalSystem (NT AUTHORITY\\SYSTEM), whether it is configured as ' +
      '`identity: LocalSystem` or as a specific user that resolves to SYSTEM. SYSTEM is in the admin set: it passes every ACL ' +
      'that grants Administrators, so a flaw in any application of the pool hands over the whole server. ' +
      'ApplicationPoolIdentity gives each pool its own virtual account, `IIS AppPool\\<pool>`, which holds nothing it was not granted.',
  },
  check(snapshot, report) {
    for (const pool of snapshot.pools) {
      if (pool.worker.sid !== SID.system) continue;
      const how = pool.identityType === 'LocalSystem' ? 'identity LocalSystem' : `user ${pool.userName}, which resolves to SYSTEM`;
      report({
        scope: pool.scope,
        message: `pool ${pool.name} runs its workers as NT AUTHORITY\\SYSTEM (${how}); ` +
          `it serves ${pool.usedBy.map((use) => `${use.site}${use.application === '/' ? '' : use.application}`).join(', ') || 'no application'}`,
        fix: `usher pool set ${shellQuote(pool.name)} --identity ApplicationPoolIdentity`,
      });
    }
  },
});
