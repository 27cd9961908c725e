import type { Generation } from '../../pipeline/index.js';
import { parsePasswordHash, SID, userToken, verifyPassword, type Directory, type Principal, type Sid } from '../../identity/index.js';
import { ADMIN_SIDS, BROAD_GROUP_SIDS, PRIVILEGED_GROUP_NAMES } from '../vocabulary.js';
import type { CredentialState, IdentityModel, PrincipalModel, PrincipalRef, UserModel } from './model.js';

/** Display name, short name and kind of any SID, including one that names nobody (an orphaned ACE). */
export function principalRef(directory: Directory, sid: Sid): PrincipalRef {
  const principal: Principal = directory.lookup(sid) ?? { sid, name: sid, kind: 'unknown' };
  return { sid, name: principal.name, shortName: directory.shortName(sid), kind: principal.kind };
}

/** Every group `sid` belongs to, following groups inside groups. */
function membershipClosure(directory: Directory, sid: Sid): Sid[] {
  const seen = new Set<Sid>();
  const pending = [...directory.groupsContaining(sid)];
  while (pending.length > 0) {
    const group = pending.pop()!;
    if (seen.has(group)) continue;
    seen.add(group);
    pending.push(...directory.groupsContaining(group));
  }
  return [...seen];
}

// scrypt at ln=17 already needs 128 MiB; a hash that expensive is not worth trying the empty password on.
const MAX_TRIED_LN = 16;

/** Whether the stored hash is the hash of the empty password: Usher refuses to write one, an import or a hand edit may not. */
async function credentialOf(hash: string): Promise<CredentialState> {
  let ln: number;
  try {
    ln = parsePasswordHash(hash).ln;
  } catch {
    return 'malformed';
  }
  if (ln > MAX_TRIED_LN) return 'unverified';
  return (await verifyPassword('', hash)) ? 'empty' : 'hash';
}

/** Principals and users; `webIdentities` is completed once the locations (anonymous identities) are known. */
export async function buildIdentities(generation: Generation): Promise<Omit<IdentityModel, 'webIdentities'>> {
  const directory = generation.directory;
  const privilegedGroups = new Set<Sid>([SID.administrators]);
  for (const principal of directory.principals()) {
    if (principal.kind === 'local-group' && PRIVILEGED_GROUP_NAMES.has(principal.name.toLowerCase())) privilegedGroups.add(principal.sid);
  }
  const model = (principal: Principal): PrincipalModel => {
    const memberOf = membershipClosure(directory, principal.sid);
    const admin = ADMIN_SIDS.has(principal.sid) || memberOf.includes(SID.administrators);
    return {
      ...principalRef(directory, principal.sid),
      memberOf,
      admin,
      privileged: admin || privilegedGroups.has(principal.sid) || memberOf.some((sid) => privilegedGroups.has(sid)),
    };
  };
  const principals = directory.principals().map(model);
  const admins = new Set(principals.filter((principal) => principal.admin).map((principal) => principal.sid));
  const users = await Promise.all((generation.config.identities?.users ?? []).map(async (user): Promise<UserModel> => ({
    ...model(directory.resolve(user.name)),
    credential: await credentialOf(user.password),
    token: userToken(directory, user.name),
  })));
  return { directory, principals, users, admins, privilegedGroups, broadGroups: BROAD_GROUP_SIDS };
}

/** W (catalogue §2.1): pool identities, anonymous identities, IUSR and the broad groups, minus the admin set. */
export function webIdentitiesOf(
  identities: Pick<IdentityModel, 'admins' | 'broadGroups'>,
  pools: readonly { readonly worker: PrincipalRef; readonly poolSid: Sid }[],
  anonymous: readonly PrincipalRef[],
): ReadonlySet<Sid> {
  const sids = new Set<Sid>([SID.iusr, ...identities.broadGroups]);
  for (const pool of pools) sids.add(pool.worker.sid).add(pool.poolSid);
  for (const principal of anonymous) sids.add(principal.sid);
  for (const admin of identities.admins) sids.delete(admin);
  return sids;
}
