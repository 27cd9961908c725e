import { UsherError } from '../shared/index.js';
import type { Principal } from './principal.js';
import { normalizeSid, type Sid } from './sid.js';
import { poolSid } from './virtual-account-sid.js';
import { WELL_KNOWN_PRINCIPALS } from './well-known.js';

export type PoolIdentityType = 'ApplicationPoolIdentity' | 'NetworkService' | 'LocalService' | 'LocalSystem';
export type PoolIdentity = PoolIdentityType | { readonly user: string };

export interface DirectoryInput {
  readonly machineSid?: Sid | undefined;
  readonly users?: readonly { readonly name: string; readonly rid: number; readonly groups?: readonly string[] | undefined }[] | undefined;
  /** A group named after a built-in one (IIS_IUSRS, Users, …) has no rid and only adds members. */
  readonly groups?: readonly { readonly name: string; readonly rid?: number | undefined; readonly members?: readonly string[] | undefined }[] | undefined;
  readonly pools?: readonly { readonly name: string; readonly identity?: PoolIdentity | undefined; readonly manualGroupMembership?: boolean | undefined }[] | undefined;
}

export interface PoolAccount extends Principal {
  readonly kind: 'pool-account';
  readonly poolName: string;
  readonly identity: PoolIdentity;
  readonly manualGroupMembership: boolean;
}

/**
 * The principals one configuration knows: the well-known ones, its pools' virtual accounts and its
 * local users and groups. It answers "Check Names" (resolve) and "who is this SID" (lookup).
 */
export interface Directory {
  readonly machineSid: Sid | undefined;
  resolve(text: string): Principal;
  lookup(sid: Sid): Principal | undefined;
  /** The display name, or the SID itself when it names nobody here. */
  nameOf(sid: Sid): string;
  /**
   * The shortest spelling that resolves back to `sid`, for writing ACEs people read:
   * `IUSR`, `Administrators`, `IIS AppPool\web`, `*S-1-5-21-…` for a SID that names nobody.
   */
  shortName(sid: Sid): string;
  pool(name: string): PoolAccount | undefined;
  /** Local and built-in groups that list `sid` as a member (through user.groups or group.members). */
  groupsContaining(sid: Sid): readonly Sid[];
  principals(): readonly Principal[];
}

const fold = (text: string) => text.trim().toLowerCase();

function splitDomain(text: string): { domain: string | undefined; bare: string } {
  const at = text.lastIndexOf('\\');
  return at < 0 ? { domain: undefined, bare: text } : { domain: text.slice(0, at), bare: text.slice(at + 1) };
}

function unknownName(text: string, hint: string): UsherError {
  return new UsherError(
    'USHER_ERR_ID_UNKNOWN_NAME',
    `no principal named '${text}': ${hint}`,
  );
}

const GENERAL_HINT =
  "use a built-in name (IUSR, IIS_IUSRS, Users, Everyone, SYSTEM, …), a pool as 'IIS AppPool\\<pool>', " +
  "a local user or group ('usher user list', 'usher group list'), or a SID such as *S-1-5-17";

export function createDirectory(input: DirectoryInput = {}): Directory {
  const bySid = new Map<Sid, Principal>();
  const byQualified = new Map<string, Principal>(); // "nt authority\iusr"
  const byBare = new Map<string, Principal>(); // "iusr", aliases, local names
  const pools = new Map<string, PoolAccount>();
  const memberships = new Map<Sid, Set<Sid>>(); // member → groups

  for (const known of WELL_KNOWN_PRINCIPALS) {
    const principal: Principal = { sid: known.sid, name: known.name, kind: known.kind };
    bySid.set(known.sid, principal);
    byQualified.set(fold(known.name), principal);
    // S-1-5-82-0 has no name; it resolves only as a SID.
    if (!known.name.startsWith('S-')) byBare.set(fold(splitDomain(known.name).bare), principal);
    for (const alias of known.aliases) byBare.set(fold(alias), principal);
  }

  const addLocal = (name: string, rid: number, kind: 'local-user' | 'local-group') => {
    if (input.machineSid === undefined) {
      throw new UsherError('USHER_ERR_ID_BAD_SID', `local ${kind === 'local-user' ? 'user' : 'group'} '${name}' needs identities.machineSid (run 'usher init' to create one)`);
    }
    if (byBare.has(fold(name))) {
      throw new UsherError('USHER_ERR_ID_UNKNOWN_NAME', `local ${kind === 'local-user' ? 'user' : 'group'} '${name}' has the same name as an existing principal; choose another name`);
    }
    const principal: Principal = { sid: `${input.machineSid}-${rid}`, name, kind };
    if (bySid.has(principal.sid)) {
      throw new UsherError('USHER_ERR_ID_BAD_SID', `rid ${rid} of '${name}' is already used by '${bySid.get(principal.sid)!.name}'`);
    }
    bySid.set(principal.sid, principal);
    byBare.set(fold(name), principal);
  };

  for (const group of input.groups ?? []) {
    if (group.rid !== undefined) addLocal(group.name, group.rid, 'local-group');
  }
  for (const user of input.users ?? []) addLocal(user.name, user.rid, 'local-user');

  for (const pool of input.pools ?? []) {
    const account: PoolAccount = {
      sid: poolSid(pool.name),
      name: `IIS AppPool\\${pool.name}`,
      kind: 'pool-account',
      poolName: pool.name,
      identity: pool.identity ?? 'ApplicationPoolIdentity',
      manualGroupMembership: pool.manualGroupMembership ?? false,
    };
    pools.set(fold(pool.name), account);
    bySid.set(account.sid, account);
  }

  const resolve = (text: string): Principal => {
    const trimmed = text.trim();
    if (trimmed === '') throw unknownName(text, GENERAL_HINT);
    if (/^\*?S-/i.test(trimmed)) {
      const sid = normalizeSid(trimmed);
      if (sid === undefined) {
        throw new UsherError('USHER_ERR_ID_BAD_SID', `'${text}' is not a well-formed SID (expected S-1-<authority>-<sub>…, e.g. S-1-5-17)`);
      }
      return bySid.get(sid) ?? { sid, name: sid, kind: 'unknown' };
    }
    const { domain, bare } = splitDomain(trimmed);
    if (domain === undefined) {
      const found = byBare.get(fold(bare));
      if (found) return found;
      if (pools.has(fold(bare))) throw unknownName(text, `a pool's account is written 'IIS AppPool\\${bare}'`);
      throw unknownName(text, GENERAL_HINT);
    }
    if (fold(domain) === 'iis apppool') {
      const pool = pools.get(fold(bare));
      if (pool) return pool;
      const known = [...pools.values()].map((p) => p.poolName).join(', ') || 'none';
      throw unknownName(text, `there is no application pool '${bare}' (pools: ${known})`);
    }
    if (domain === '.') {
      const local = byBare.get(fold(bare));
      if (local && (local.kind === 'local-user' || local.kind === 'local-group')) return local;
      throw unknownName(text, "'.\\' names a local user or group; see 'usher user list' and 'usher group list'");
    }
    const qualified = byQualified.get(fold(trimmed));
    if (qualified) return qualified;
    throw unknownName(text, GENERAL_HINT);
  };

  const addMembership = (member: Sid, group: Sid) => {
    const set = memberships.get(member) ?? new Set<Sid>();
    set.add(group);
    memberships.set(member, set);
  };
  const requireGroup = (name: string, context: string): Principal => {
    const group = resolve(name);
    if (group.kind !== 'local-group' && group.kind !== 'builtin-group') {
      throw new UsherError('USHER_ERR_ID_UNKNOWN_NAME', `${context}: '${name}' is not a local or built-in group`);
    }
    return group;
  };
  for (const user of input.users ?? []) {
    const userSid = resolve(user.name).sid;
    for (const groupName of user.groups ?? []) addMembership(userSid, requireGroup(groupName, `user '${user.name}'`).sid);
  }
  for (const group of input.groups ?? []) {
    const groupSid = requireGroup(group.name, `group '${group.name}'`).sid;
    for (const member of group.members ?? []) addMembership(resolve(member).sid, groupSid);
  }

  return {
    machineSid: input.machineSid,
    resolve,
    lookup: (sid) => bySid.get(sid),
    nameOf: (sid) => bySid.get(sid)?.name ?? sid,
    shortName: (sid) => {
      const principal = bySid.get(sid);
      if (!principal) return `*${sid}`;
      if (principal.name.startsWith('S-')) return `*${sid}`;
      if (principal.kind === 'pool-account') return principal.name;
      const { bare } = splitDomain(principal.name);
      return byBare.get(fold(bare))?.sid === sid ? bare : principal.name;
    },
    pool: (name) => pools.get(fold(name)),
    groupsContaining: (sid) => [...(memberships.get(sid) ?? [])],
    principals: () => [...bySid.values()],
  };
}
