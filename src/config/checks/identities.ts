import { BUILTIN_GROUPS } from '../defaults.js';
import { formatFieldPath, type FieldPath } from '../field-path.js';
import { NameIndex, type CheckContext } from './check-context.js';

export interface AccountIndexes {
  readonly users: NameIndex;
  /** Local groups and the built-in groups, which any user may belong to. */
  readonly groups: NameIndex;
}

/**
 * Local users and groups: one namespace for both (as on Windows), unique RIDs under one machine
 * SID, and references between them that resolve.
 */
export function checkIdentities(context: CheckContext): AccountIndexes {
  const identities = context.config.identities ?? {};
  const builtin = context.options.builtinGroups ?? BUILTIN_GROUPS;
  const builtinIndex = new NameIndex();
  for (const name of builtin) builtinIndex.add(name, []);
  const accounts = new NameIndex();
  const users = new NameIndex();
  const groups = new NameIndex();
  const rids = new Map<number, FieldPath>();
  const claimRid = (rid: number, path: FieldPath): void => {
    const earlier = rids.get(rid);
    if (earlier) context.report(path, `duplicate rid ${rid} (also ${formatFieldPath(earlier)}): each account needs its own SID`);
    else rids.set(rid, path);
  };
  const claimName = (name: string, path: FieldPath): boolean => {
    const earlier = accounts.add(name, path);
    if (earlier) context.report(path, `duplicate account name '${name}' (also ${formatFieldPath(earlier.path)})`);
    return earlier === undefined;
  };

  // Users first, as DESIGN §5 writes them, so a clash is reported on the later entry.
  identities.users?.forEach((user, index) => {
    const path: FieldPath = ['identities', 'users', index];
    if (builtinIndex.lookup(user.name) !== undefined) context.report([...path, 'name'], `'${user.name}' is a built-in group`);
    else if (claimName(user.name, [...path, 'name'])) users.add(user.name, [...path, 'name']);
    claimRid(user.rid, [...path, 'rid']);
  });

  for (const name of builtin) groups.add(name, []);
  identities.groups?.forEach((group, index) => {
    const path: FieldPath = ['identities', 'groups', index];
    if (!claimName(group.name, [...path, 'name'])) return;
    const builtinName = builtinIndex.lookup(group.name);
    if (builtinName === undefined) {
      if (group.rid === undefined) {
        context.report([...path, 'rid'], `a local group needs a rid; only built-in groups (${builtin.join(', ')}) are listed without one`);
      } else claimRid(group.rid, [...path, 'rid']);
      groups.add(group.name, [...path, 'name']);
    } else if (builtinName !== group.name) {
      context.report([...path, 'name'], `the built-in group is spelled '${builtinName}'`);
    } else if (group.rid !== undefined) {
      context.report([...path, 'rid'], `'${group.name}' is a built-in group with a well-known SID: remove the rid`);
    }
  });

  identities.users?.forEach((user, index) => {
    user.groups?.forEach((group, groupIndex) => {
      const problem = groups.missing('group', group);
      if (problem) context.report(['identities', 'users', index, 'groups', groupIndex], `${problem}; add it under identities.groups`);
    });
  });

  const hasLocalSids = (identities.users ?? []).length > 0 || (identities.groups ?? []).some((group) => group.rid !== undefined);
  if (hasLocalSids && identities.machineSid === undefined) {
    context.report(['identities', 'machineSid'], 'local users and groups need a machineSid (S-1-5-21-…), as usher init writes');
  }
  return { users, groups };
}

/** Group members that are not local accounts are asked about through `checkPrincipal`. */
export function checkGroupMembers(context: CheckContext, accounts: AccountIndexes): void {
  const check = context.options.checkPrincipal;
  if (!check) return;
  context.config.identities?.groups?.forEach((group, index) => {
    group.members?.forEach((member, memberIndex) => {
      if (accounts.users.has(member) || accounts.groups.has(member)) return;
      const problem = check(member, 'any', context.config);
      if (problem) context.report(['identities', 'groups', index, 'members', memberIndex], problem);
    });
  });
}

/** `{user: NAME}` identities, for pools and anonymous access, name a local user. */
export function checkUserReference(context: CheckContext, users: NameIndex, name: string, path: FieldPath): void {
  const problem = users.missing('local user', name);
  if (problem) context.report(path, `${problem}; add it with usher user add`);
}

export function checkPoolIdentities(context: CheckContext, users: NameIndex): void {
  context.config.applicationPools?.forEach((pool, index) => {
    if (typeof pool.identity === 'object') checkUserReference(context, users, pool.identity.user, ['applicationPools', index, 'identity', 'user']);
  });
}
