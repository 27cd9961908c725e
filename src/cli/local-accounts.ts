import {
  BUILTIN_GROUPS, directoryOf, identitiesSchema, setValue, type UsherConfig,
} from '../config/index.js';
import { FIRST_LOCAL_RID, generateMachineSid } from '../identity/index.js';
import { UsherError } from '../shared/index.js';
import type { EditInput } from './config-edit.js';
import { quoteArg } from './config-lookup.js';

/**
 * Local users and groups share one namespace and one series of RIDs under the machine SID, as on
 * Windows. These helpers keep the commands that create and change them in agreement.
 */

const fold = (text: string) => text.toLowerCase();

/** Refuses a name the schema refuses, or one that would shadow a principal that exists already. */
export function refuseTakenAccountName(config: UsherConfig, name: string, kind: 'user' | 'group'): void {
  const schemaCheck = identitiesSchema.safeParse({ groups: [{ name }] });
  if (!schemaCheck.success) throw new UsherError('USHER_ERR_CLI_USAGE', `'${name}': ${schemaCheck.error.issues[0]?.message ?? 'not a valid name'}`);
  if (/^\*?S-/i.test(name)) {
    throw new UsherError('USHER_ERR_CLI_USAGE', `'${name}' would be read as a SID (names starting with S- are SIDs): choose another name`);
  }
  const builtin = BUILTIN_GROUPS.find((group) => fold(group) === fold(name));
  if (builtin) {
    throw new UsherError('USHER_ERR_CLI_USAGE', `'${builtin}' is a built-in group with a well-known SID: ` +
      (kind === 'group' ? `it exists already; add members with usher group members ${builtin} --add NAME` : 'choose another name for the user'));
  }
  const local = [...(config.identities?.users ?? []).map((u) => ({ ...u, kind: 'user' })), ...(config.identities?.groups ?? []).map((g) => ({ ...g, kind: 'group' }))]
    .find((account) => fold(account.name) === fold(name));
  if (local) {
    throw new UsherError('USHER_ERR_CFG_EXISTS', `a local ${local.kind} named '${local.name}' already exists (users and groups share one set of names)` +
      (local.kind === kind ? '' : ': choose another name'));
  }
  let principal;
  try {
    principal = directoryOf(config).resolve(name);
  } catch {
    return;
  }
  throw new UsherError('USHER_ERR_CLI_USAGE', `'${name}' is the built-in principal ${principal.name} (${principal.sid}): choose another name for the ${kind}`);
}

/** The machine SID local accounts derive from; a file that lacks one (written by hand) gets one now. */
export function ensureMachineSid({ config, document }: EditInput): { sid: string; created: boolean } {
  const existing = config.identities?.machineSid;
  if (existing !== undefined) return { sid: existing, created: false };
  const sid = generateMachineSid();
  setValue(document, ['identities', 'machineSid'], sid);
  return { sid, created: true };
}

/**
 * The next RID: one above every RID in use or still named by an orphaned SID (`*S-…-1004` in an
 * ACE or a group), so a new account never inherits a removed one's grants. Windows never reuses RIDs either.
 */
export function nextRid(config: UsherConfig, machineSid: string): number {
  const used = [
    ...(config.identities?.users ?? []).map((user) => user.rid),
    ...(config.identities?.groups ?? []).flatMap((group) => (group.rid === undefined ? [] : [group.rid])),
  ];
  const pattern = new RegExp(`${machineSid.replace(/-/g, '\\-')}-(\\d+)\\b`, 'gi');
  const texts = [
    ...Object.values(config.acl ?? {}).flatMap((entry) => entry.aces ?? []),
    ...(config.identities?.groups ?? []).flatMap((group) => group.members ?? []),
  ];
  for (const text of texts) for (const match of text.matchAll(pattern)) used.push(Number(match[1]));
  return Math.max(FIRST_LOCAL_RID - 1, ...used) + 1;
}

export interface GroupRef {
  /** As the file spells it: the local group's name, or the built-in group's canonical name. */
  readonly name: string;
  readonly builtin: boolean;
  readonly sid: string;
}

/** A local or built-in group by name (case-insensitively), or a refusal that lists what exists. */
export function requireGroup(config: UsherConfig, name: string): GroupRef {
  const local = (config.identities?.groups ?? []).find((group) => group.rid !== undefined && fold(group.name) === fold(name));
  const builtin = BUILTIN_GROUPS.find((group) => fold(group) === fold(name));
  const spelled = local?.name ?? builtin;
  if (spelled === undefined) {
    const known = (config.identities?.groups ?? []).filter((group) => group.rid !== undefined).map((group) => group.name);
    throw new UsherError('USHER_ERR_CFG_NO_ITEM', `no group named '${name}': create it with usher group add ${quoteArg(name)} ` +
      `(local groups: ${known.join(', ') || 'none yet'}; built-in: ${BUILTIN_GROUPS.join(', ')})`);
  }
  return { name: spelled, builtin: local === undefined, sid: directoryOf(config).resolve(spelled).sid };
}

/** A local user's SID: the machine SID and its RID. */
export const localSid = (config: UsherConfig, rid: number): string => `${config.identities?.machineSid ?? 'S-1-5-21-?'}-${rid}`;

/** Everyone a group holds: local users that list it, and its own `members` entries. */
export function membersOf(config: UsherConfig, group: string): string[] {
  const users = (config.identities?.users ?? []).filter((user) => (user.groups ?? []).some((name) => fold(name) === fold(group))).map((user) => user.name);
  const listed = (config.identities?.groups ?? []).filter((entry) => fold(entry.name) === fold(group)).flatMap((entry) => entry.members ?? []);
  return [...users, ...listed];
}

/** Groups a local user is in: its `groups` list, and groups whose `members` name it. */
export function groupsOf(config: UsherConfig, user: string): string[] {
  const entry = (config.identities?.users ?? []).find((candidate) => fold(candidate.name) === fold(user));
  const listed = (config.identities?.groups ?? []).filter((group) => (group.members ?? []).some((member) => fold(member) === fold(user) || fold(member) === `.\\${fold(user)}`))
    .map((group) => group.name);
  return [...new Set([...(entry?.groups ?? []), ...listed])];
}
