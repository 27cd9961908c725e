import { deleteValue, directoryOf, removeItem, setValue } from '../config/index.js';
import type { Principal } from '../identity/index.js';
import { UsherError } from '../shared/index.js';
import { appendListItem, type EditInput } from './config-edit.js';
import { requireGroup } from './local-accounts.js';

/**
 * `usher group members NAME --add P --remove P`. A local user's memberships live in its own
 * `groups` list; any other principal (IUSR, `IIS AppPool\X`, NETWORK SERVICE …) goes into the
 * group entry's `members`. A built-in group's entry has no rid and exists only to hold members.
 */

const fold = (text: string) => text.toLowerCase();

function memberPrincipal(input: EditInput, text: string): Principal {
  const principal = directoryOf(input.config).resolve(text);
  if (principal.kind === 'local-group' || principal.kind === 'builtin-group') {
    throw new UsherError('USHER_ERR_CLI_USAGE', `${principal.name} is a group: groups here hold users and accounts, not other groups (as Windows local groups)`);
  }
  if (principal.kind === 'placeholder') {
    throw new UsherError('USHER_ERR_CLI_USAGE', `${principal.name} is a placeholder for ACL inheritance, not an account that can be a member`);
  }
  return principal;
}

export function applyMembership(input: EditInput, name: string, change: { add: readonly string[]; remove: readonly string[] }): string {
  const { config, document } = input;
  const group = requireGroup(config, name);
  const directory = directoryOf(config);
  const users = config.identities?.users ?? [];
  const groupIndex = (config.identities?.groups ?? []).findIndex((entry) => fold(entry.name) === fold(group.name));
  const entry = groupIndex < 0 ? undefined : config.identities!.groups![groupIndex]!;
  let members = [...(entry?.members ?? [])];
  const userGroups = new Map<number, string[]>();
  const groupsOfUser = (index: number) => userGroups.get(index) ?? [...(users[index]!.groups ?? [])];
  const listedAt = (sid: string) => members.findIndex((member) => directory.resolve(member).sid === sid);
  const added: string[] = [];
  const removed: string[] = [];
  const already: string[] = [];

  for (const text of change.add) {
    const principal = memberPrincipal(input, text);
    const userIndex = principal.kind === 'local-user' ? users.findIndex((user) => fold(user.name) === fold(principal.name)) : -1;
    if (userIndex >= 0) {
      const groups = groupsOfUser(userIndex);
      if (groups.some((g) => fold(g) === fold(group.name)) || listedAt(principal.sid) >= 0) already.push(principal.name);
      else {
        userGroups.set(userIndex, [...groups, group.name]);
        added.push(principal.name);
      }
    } else if (listedAt(principal.sid) >= 0) already.push(directory.shortName(principal.sid));
    else {
      members.push(directory.shortName(principal.sid));
      added.push(directory.shortName(principal.sid));
    }
  }

  for (const text of change.remove) {
    const principal = directory.resolve(text);
    const userIndex = principal.kind === 'local-user' ? users.findIndex((user) => fold(user.name) === fold(principal.name)) : -1;
    let found = false;
    if (userIndex >= 0) {
      const groups = groupsOfUser(userIndex);
      const kept = groups.filter((g) => fold(g) !== fold(group.name));
      if (kept.length !== groups.length) {
        userGroups.set(userIndex, kept);
        found = true;
      }
    }
    const at = listedAt(principal.sid);
    if (at >= 0) {
      members = members.filter((_, i) => i !== at);
      found = true;
    }
    if (!found) {
      throw new UsherError('USHER_ERR_CFG_NO_ITEM', `${text} is not a member of ${group.name}: see usher group members ${group.name}`);
    }
    removed.push(principal.kind === 'local-user' ? principal.name : directory.shortName(principal.sid));
  }

  for (const [index, groups] of userGroups) {
    if (groups.length === 0) deleteValue(document, ['identities', 'users', index, 'groups']);
    else setValue(document, ['identities', 'users', index, 'groups'], groups);
  }
  if (JSON.stringify(members) !== JSON.stringify(entry?.members ?? [])) {
    if (entry === undefined) appendListItem(document, ['identities', 'groups'], { name: group.name, members });
    else if (members.length > 0) setValue(document, ['identities', 'groups', groupIndex, 'members'], members);
    // A built-in group's entry exists only for its members.
    else if (group.builtin) removeItem(document, ['identities', 'groups'], groupIndex);
    else deleteValue(document, ['identities', 'groups', groupIndex, 'members']);
  }

  const parts = [
    ...(added.length > 0 ? [`added ${added.join(', ')}`] : []),
    ...(removed.length > 0 ? [`removed ${removed.join(', ')}`] : []),
    ...(already.length > 0 ? [`${already.join(', ')} ${already.length === 1 ? 'was' : 'were'} already in it`] : []),
  ];
  return `${group.name}: ${parts.join('; ')}`;
}
