import { SID } from '../../identity/index.js';
import { defineRule, listSome, shellQuote } from '../rule.js';

export default defineRule({
  meta: {
    id: 'pool-identity-privileged-user',
    severity: 'high',
    title: 'Pool runs as a specific user that holds privileges',
    sources: ['STIG V-218802', 'STIG V-218750', 'CIS 1.4'],
    fix: 'usher pool set POOL --identity ApplicationPoolIdentity, or take the user out of its privileged groups',
    docs:
      'Fires for every application pool configured with `identity: {user: NAME}` whose user is in the admin set or, directly ' +
      'or through nested groups, in a privileged group: Administrators, the other groups of STIG V-218750 (Backup Operators, ' +
      'Power Users, Remote Desktop Users …) and groups named after Linux groups that amount to root (sudo, wheel, adm, docker, ' +
      'disk, shadow). Every request the pool serves runs code with those privileges. A pool running as SYSTEM is reported by ' +
      '`pool-identity-localsystem` instead.',
  },
  check(snapshot, report) {
    const { identities } = snapshot;
    for (const pool of snapshot.pools) {
      if (pool.identityType !== 'SpecificUser' || pool.worker.sid === SID.system) continue;
      const user = identities.principals.find((principal) => principal.sid === pool.worker.sid);
      if (!user?.privileged) continue;
      const groups = user.memberOf
        .filter((sid) => identities.privilegedGroups.has(sid) || identities.admins.has(sid))
        .map((sid) => identities.directory.shortName(sid));
      const why = groups.length > 0 ? `a member of ${listSome(groups)}` : 'in the admin set';
      const removal = groups.map((group) => `usher group members ${shellQuote(group)} --remove ${shellQuote(user.shortName)}`);
      report({
        scope: pool.scope,
        message: `pool ${pool.name} runs as user ${user.name}, who is ${why}: every application in the pool runs with those privileges`,
        fix: [`usher pool set ${shellQuote(pool.name)} --identity ApplicationPoolIdentity`, ...removal].join('   or   '),
      });
    }
  },
});
