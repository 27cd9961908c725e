import { SID } from '../../identity/index.js';
import { defineRule, shellQuote } from '../rule.js';

const SERVICE_ACCOUNTS: ReadonlySet<string> = new Set([SID.networkService, SID.localService]);

export default defineRule({
  meta: {
    id: 'pool-identity-builtin-service',
    severity: 'medium',
    title: 'Pool runs as a shared built-in service account',
    sources: ['CIS 1.4'],
    fix: 'usher pool set POOL --identity ApplicationPoolIdentity, then grant IIS AppPool\\POOL what the application needs',
    docs:
      'Fires for every application pool whose workers run as NetworkService or LocalService, configured by type or as a ' +
      'specific user that resolves to one of them. These accounts are shared by every pool and every service configured with ' +
      'them, so ACLs cannot tell the applications apart, and whatever the account was granted for one is granted to all. ' +
      'ApplicationPoolIdentity gives each pool a virtual account of its own. LocalSystem is `pool-identity-localsystem`\'s.',
  },
  check(snapshot, report) {
    for (const pool of snapshot.pools) {
      if (!SERVICE_ACCOUNTS.has(pool.worker.sid)) continue;
      const how = pool.identityType === 'SpecificUser' ? `user ${pool.userName}, which resolves to ${pool.worker.name}` : `identity ${pool.identityType}`;
      report({
        scope: pool.scope,
        message: `pool ${pool.name} runs its workers as ${pool.worker.name} (${how}), an account every service configured with it shares`,
        fix: `usher pool set ${shellQuote(pool.name)} --identity ApplicationPoolIdentity`,
      });
    }
  },
});
