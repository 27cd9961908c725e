import { UsherError } from '../shared/index.js';
import type { Directory, PoolAccount } from './directory.js';
import type { Principal } from './principal.js';
import type { Sid } from './sid.js';
import type { Token, TokenEntry } from './token.js';
import { SID } from './well-known.js';

/** How Usher's anonymous authentication is configured (DESIGN §5). */
export type AnonymousIdentity = 'IUSR' | 'ApplicationPoolIdentity' | { readonly user: string };

// The groups every logon gets, in the order `whoami /groups` lists them on IIS servers (DESIGN §3).
const INTERACTIVE_LIKE = [SID.everyone, SID.users, SID.authenticatedUsers, SID.thisOrganization, SID.local, SID.consoleLogon];
const NETWORK_LOGON = [SID.everyone, SID.users, SID.authenticatedUsers, SID.thisOrganization, SID.network, SID.localAccount];

function assemble(directory: Directory, user: Principal, groups: readonly Sid[], denyOnly: readonly Sid[] = []): Token {
  const seen = new Set<Sid>([user.sid]);
  const entries: TokenEntry[] = [{ sid: user.sid, name: user.name }];
  const add = (sid: Sid, isDenyOnly: boolean) => {
    if (seen.has(sid)) return;
    seen.add(sid);
    entries.push(isDenyOnly ? { sid, name: directory.nameOf(sid), denyOnly: true } : { sid, name: directory.nameOf(sid) });
  };
  for (const sid of groups) add(sid, false);
  // Local group membership is expanded once over what the logon already carries, as Windows expands
  // aliases; a deny-only SID never makes someone a member.
  for (const sid of [...entries.map((entry) => entry.sid)]) {
    for (const group of directory.groupsContaining(sid)) add(group, false);
  }
  for (const sid of denyOnly) add(sid, true);
  return { identity: { name: user.name, sid: user.sid }, sids: entries };
}

/** Anonymous as IUSR: SERVICE is present only to be denied (IIS's token as `whoami /all` shows it). */
export function anonymousToken(directory: Directory): Token {
  return assemble(directory, directory.resolve(SID.iusr), INTERACTIVE_LIKE, [SID.service]);
}

/** A local user signed in over the network (Basic authentication). */
export function userToken(directory: Directory, userName: string): Token {
  const user = directory.resolve(userName);
  if (user.kind !== 'local-user') {
    throw new UsherError('USHER_ERR_ID_NOT_LOGON', `'${userName}' is not a local user; add one with 'usher user add ${userName}'`);
  }
  return assemble(directory, user, NETWORK_LOGON);
}

function poolUser(directory: Directory, pool: PoolAccount): Principal {
  const identity = pool.identity;
  if (typeof identity === 'object') return directory.resolve(identity.user);
  switch (identity) {
    case 'ApplicationPoolIdentity':
      return pool;
    case 'NetworkService':
      return directory.resolve(SID.networkService);
    case 'LocalService':
      return directory.resolve(SID.localService);
    case 'LocalSystem':
      return directory.resolve(SID.system);
  }
}

/**
 * A pool's worker process, which is also anonymous requests' token when anonymous runs as the pool
 * identity. The pool SID is injected whatever account the pool runs as, so a grant to
 * `IIS AppPool\<pool>` works for every identity type.
 */
export function poolToken(directory: Directory, poolName: string): Token {
  const pool = directory.pool(poolName);
  if (!pool) {
    throw new UsherError('USHER_ERR_ID_UNKNOWN_NAME', `there is no application pool '${poolName}'; see 'usher pool list'`);
  }
  const user = poolUser(directory, pool);
  const groups: Sid[] = [pool.sid];
  if (!pool.manualGroupMembership) groups.push(SID.iisIusrs);
  groups.push(...INTERACTIVE_LIKE, SID.service, SID.allPools);
  if (user.sid === SID.system) groups.push(SID.administrators);
  return assemble(directory, user, groups);
}

/** SYSTEM, LOCAL SERVICE, NETWORK SERVICE or an `NT SERVICE\…` account running on its own. */
export function serviceToken(directory: Directory, account: Principal): Token {
  const groups: Sid[] = [...INTERACTIVE_LIKE, SID.service];
  if (account.sid === SID.system) groups.push(SID.administrators);
  return assemble(directory, account, groups);
}

/** The token a request gets from anonymous authentication at a location served by `poolName`. */
export function anonymousIdentityToken(directory: Directory, identity: AnonymousIdentity, poolName: string): Token {
  if (identity === 'IUSR') return anonymousToken(directory);
  if (identity === 'ApplicationPoolIdentity') return poolToken(directory, poolName);
  return userToken(directory, identity.user);
}

/** `usher token --identity NAME` and `acl check --identity NAME`: any principal that can log on. */
export function tokenFor(directory: Directory, name: string): Token {
  const principal = directory.resolve(name);
  switch (principal.kind) {
    case 'anonymous-account':
      return anonymousToken(directory);
    case 'pool-account':
      return poolToken(directory, (principal as PoolAccount).poolName);
    case 'local-user':
      return userToken(directory, principal.name);
    case 'service-account':
      return serviceToken(directory, principal);
    default:
      throw new UsherError(
        'USHER_ERR_ID_NOT_LOGON',
        `'${principal.name}' is a ${principal.kind.replace('-', ' ')} and never logs on, so it has no token; ` +
          "name IUSR, a pool ('IIS AppPool\\<pool>'), a local user or a service account such as 'NETWORK SERVICE'",
      );
  }
}
