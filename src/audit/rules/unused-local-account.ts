import { defineRule, shellQuote, type Snapshot, type UserModel } from '../rule.js';

const split = (text: string | undefined) => (text ?? '').split(',').map((item) => item.trim().toLowerCase()).filter((item) => item !== '');

/** What uses the account, or an empty list. Stops at nothing: the message of a used account is never shown. */
function usesOf(snapshot: Snapshot, user: UserModel): string[] {
  const { identities } = snapshot;
  const name = user.name.toLowerCase();
  const tokenSids = new Set(user.token.sids.filter((entry) => !entry.denyOnly).map((entry) => entry.sid));
  // Through a group: any group it is in, except the broad ones every account is in.
  const groups = new Set(user.memberOf.filter((sid) => !identities.broadGroups.has(sid)));
  const uses: string[] = [];
  for (const pool of snapshot.pools) if (pool.worker.sid === user.sid) uses.push(`identity of pool ${pool.name}`);
  for (const location of snapshot.locations) {
    if (location.anonymous?.principal.sid === user.sid) uses.push(`anonymous identity at ${location.scope}`);
    const basic = location.settings.authentication.basic.enabled;
    for (const rule of location.settings.authorization) {
      const users = split(rule.users);
      const roles = split(rule.roles).flatMap((role) => {
        try {
          return [identities.directory.resolve(role).sid];
        } catch {
          return [];
        }
      });
      // Named (allow or deny: usher user remove refuses either), or let in to sign in where basic is on.
      if (users.includes(name)) uses.push(`URL rule at ${location.scope}`);
      else if (basic && rule.access === 'allow' && (users.includes('*') || roles.some((sid) => tokenSids.has(sid)))) {
        uses.push(`basic sign-in at ${location.scope}`);
      } else if (roles.some((sid) => groups.has(sid))) uses.push(`URL rule for a group at ${location.scope}`);
    }
  }
  for (const entry of snapshot.files.aclEntries) {
    if (entry.aces.some((ace) => ace.principal.sid === user.sid || groups.has(ace.principal.sid))) uses.push(`ACE on ${entry.path}`);
  }
  for (const site of snapshot.evidence.sites) {
    if (site.records.some((record) => record.username?.toLowerCase() === name)) uses.push(`signed in to ${site.site}`);
  }
  return uses;
}

export default defineRule({
  meta: {
    id: 'unused-local-account',
    severity: 'low',
    title: 'A local account that nothing uses',
    sources: ['STIG V-218796'],
    fix: 'usher user remove USER',
    docs:
      'Fires for a local user that nothing in the configuration uses: not a pool or anonymous identity, not named by a URL ' +
      'authorization rule, not let in to sign in where basic authentication is enabled (by `*` or a group it is in), not ' +
      'named by an ACE, directly or through a group it is a member of (the broad groups such as Users do not count), and, ' +
      'when the audit read logs, not the user name of any request in the window. An account nobody uses is a password ' +
      'nobody rotates. Usher has no `adminPrincipals` list or web manager accounts, so those references do not exist yet.',
  },
  check(snapshot, report) {
    for (const user of snapshot.identities.users) {
      if (usesOf(snapshot, user).length > 0) continue;
      const logs = snapshot.evidence.windowDays > 0 ? `, and no request of the last ${snapshot.evidence.windowDays} days in the logs was signed in as it` : '';
      report({
        scope: `user:${user.name}`,
        message: `local user ${user.name} is not used: no pool, anonymous identity, URL rule or ACE names it or a group it is in, ` +
          `and no location lets it sign in${logs}`,
        fix: `usher user remove ${shellQuote(user.name)}`,
      });
    }
  },
});
