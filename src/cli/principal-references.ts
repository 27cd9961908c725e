import type { Document } from 'yaml';
import { formatAce, parseAce } from '../acl/index.js';
import { deleteValue, directoryOf, isAuthorizationClear, removeItem, setValue, type UsherConfig } from '../config/index.js';
import type { Sid } from '../identity/index.js';
import { commaList } from './option-values.js';

/**
 * Where a principal is named in a configuration, so that removing it can refuse (it is still
 * needed), clean up (memberships) or warn (ACEs left with a bare SID, as NTFS leaves them).
 */

export interface AceReference {
  /** The `acl:` key, e.g. `./wwwroot`. */
  readonly key: string;
  readonly index: number;
  readonly text: string;
}

export interface RuleReference {
  readonly location: string;
  /** 1-based, as `usher authz list` numbers them. */
  readonly number: number;
}

function sidOf(config: UsherConfig, name: string): Sid | undefined {
  try {
    return directoryOf(config).resolve(name).sid;
  } catch {
    return undefined;
  }
}

export function aceReferences(config: UsherConfig, sid: Sid): AceReference[] {
  const directory = directoryOf(config);
  return Object.entries(config.acl ?? {}).flatMap(([key, entry]) => (entry.aces ?? []).flatMap((text, index) => {
    const ace = parseAce(text, (name) => directory.resolve(name).sid);
    return ace.sid === sid ? [{ key, index, text }] : [];
  }));
}

/** Rewrites the ACEs naming `sid` to name the bare SID (`*S-1-5-21-…`), so they stay valid without the name. */
export function orphanAces(document: Document, config: UsherConfig, sid: Sid): AceReference[] {
  const directory = directoryOf(config);
  const references = aceReferences(config, sid);
  for (const reference of references) {
    const ace = parseAce(reference.text, (name) => directory.resolve(name).sid);
    const text = formatAce(ace, (trustee) => (trustee === sid ? `*${sid}` : directory.shortName(trustee)));
    setValue(document, ['acl', reference.key, 'aces', reference.index], text);
  }
  return references;
}

/** URL authorization rules whose users or roles name `sid`. */
export function ruleReferences(config: UsherConfig, sid: Sid): RuleReference[] {
  return Object.entries(config.locations ?? {}).flatMap(([location, settings]) =>
    (settings.authorization ?? []).flatMap((rule, index) => {
      if (isAuthorizationClear(rule)) return [];
      const names = [rule.users, rule.roles].flatMap((list) => (list === undefined ? [] : commaList(list)));
      return names.some((name) => name !== '*' && name !== '?' && sidOf(config, name) === sid) ? [{ location, number: index + 1 }] : [];
    }));
}

/**
 * Takes `sid` out of every group entry's `members`. A built-in group's entry left empty goes too:
 * it exists only to add members. Returns the names of the groups it was in.
 */
export function dropMemberships(document: Document, config: UsherConfig, sid: Sid): string[] {
  const groups = config.identities?.groups ?? [];
  const touched: string[] = [];
  const emptied: number[] = [];
  groups.forEach((group, index) => {
    const members = group.members ?? [];
    const kept = members.filter((member) => sidOf(config, member) !== sid);
    if (kept.length === members.length) return;
    touched.push(group.name);
    if (kept.length > 0) setValue(document, ['identities', 'groups', index, 'members'], kept);
    else if (group.rid === undefined) emptied.push(index);
    else deleteValue(document, ['identities', 'groups', index, 'members']);
  });
  for (const index of emptied.reverse()) removeItem(document, ['identities', 'groups'], index);
  return touched;
}

export function describeRules(references: readonly RuleReference[]): string {
  return references.map((ref) => `rule ${ref.number} at '${ref.location}'`).join(', ');
}

/** `./wwwroot (2), ./data`: where orphaned ACEs are, for a warning. */
export function describeAces(references: readonly AceReference[]): string {
  const counts = new Map<string, number>();
  for (const ref of references) counts.set(ref.key, (counts.get(ref.key) ?? 0) + 1);
  return [...counts].map(([key, n]) => (n === 1 ? key : `${key} (${n})`)).join(', ');
}

/** The warning for ACEs a removal left with a bare SID. */
export function orphanWarning(references: readonly AceReference[], who: string, sid: Sid, after = ''): string {
  const one = references.length === 1;
  return `${references.length} ACE${one ? '' : 's'} on ${describeAces(references)} named ${who}: ${one ? 'it stays' : 'they stay'}, orphaned, ` +
    `and usher acl show shows the SID ${sid}${after}; remove ${one ? 'it' : 'them'} with usher acl remove PATH '*${sid}'`;
}
