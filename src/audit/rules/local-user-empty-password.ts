import { defineRule, shellQuote, type Snapshot, type UserModel } from '../rule.js';

const split = (text: string | undefined) => (text ?? '').split(',').map((item) => item.trim().toLowerCase()).filter((item) => item !== '');

/** How the account is reachable: as a pool or anonymous identity, or through a URL rule where basic sign-in is on. */
function uses(snapshot: Snapshot, user: UserModel): string[] {
  const name = user.name.toLowerCase();
  const found = new Set<string>();
  for (const pool of snapshot.pools) if (pool.userName?.toLowerCase() === name) found.add(`identity of pool ${pool.name}`);
  for (const location of snapshot.locations) {
    const where = `${location.site}${location.path === '/' ? '' : location.path}`;
    const identity = location.anonymous?.identity;
    if (typeof identity === 'object' && identity.user.toLowerCase() === name) found.add(`anonymous identity at ${where}`);
    if (!location.settings.authentication.basic.enabled) continue;
    for (const rule of location.settings.authorization) {
      if (rule.access !== 'allow') continue;
      const users = split(rule.users);
      const roles = split(rule.roles).flatMap((role) => {
        try {
          return [snapshot.identities.directory.resolve(role).sid];
        } catch {
          return [];
        }
      });
      if (users.includes(name) || users.includes('*') || roles.some((sid) => user.memberOf.includes(sid))) {
        found.add(`basic sign-in at ${where}`);
      }
    }
  }
  return [...found];
}

export default defineRule({
  meta: {
    id: 'local-user-empty-password',
    severity: 'high',
    title: 'An account that can sign in has an empty password',
    sources: ['STIG V-218823'],
    fix: 'usher user passwd USER (or remove the account with usher user remove USER)',
    docs:
      'Fires for every local user whose stored hash verifies the empty password and that something uses: a pool or an ' +
      'anonymous identity, or a URL authorization allow rule (by name, by a group it is in, or `*`) at a location where ' +
      "basic authentication is enabled. Usher's own commands refuse an empty password, so such a hash comes from an import " +
      'or a hand edit; anyone who knows the user name signs in. IUSR and the pools\' virtual accounts have no password and are ' +
      'not local users, so they never count. Hashes too costly to try (scrypt ln above 16) are not judged.',
  },
  check(snapshot, report) {
    for (const user of snapshot.identities.users) {
      if (user.credential !== 'empty') continue;
      const reached = uses(snapshot, user);
      if (reached.length === 0) continue;
      report({
        scope: `user:${user.name}`,
        message: `local user ${user.name} has an empty password and is used as ${reached.join('; ')}`,
        fix: `usher user passwd ${shellQuote(user.name)}`,
      });
    }
  },
});
