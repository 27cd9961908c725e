import { formatAceFlags } from '../acl/index.js';
import type { AppliedAce } from './snapshot/model.js';
import { shellQuote } from './vocabulary.js';

/**
 * What the ACE rules share: a finding about an ACE is reported once, at the path where the ACE is
 * explicit (issue 4), listing every ACE there that the rule picked, and saying how far it reaches.
 */

/** The items grouped by the path where their ACE is explicit, in the order first seen. */
export function byExplicitPath<T>(items: Iterable<T>, aceOf: (item: T) => AppliedAce): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const path = aceOf(item).from;
    const group = groups.get(path);
    if (group) group.push(item);
    else groups.set(path, [item]);
  }
  return groups;
}

/** The ACEs the rule picked from the snapshot, grouped by their explicit path. */
export function acesByPath(applied: readonly AppliedAce[], picked: (applied: AppliedAce) => boolean): Map<string, AppliedAce[]> {
  return byExplicitPath(applied.filter(picked), (ace) => ace);
}

/** `, down to /srv/www/a/b.txt`: an object below `path` that the ACEs reach, or nothing when they reach only `path`. */
export function downTo(path: string, aces: readonly AppliedAce[]): string {
  const example = aces.map((applied) => applied.example).find((object) => object !== path);
  return example ? `, down to ${example}` : '';
}

/** The principals the ACEs name, each once, as the trail and icacls write them. */
export function principalsOf(aces: readonly AppliedAce[]): string[] {
  return [...new Set(aces.map((applied) => applied.principal.name))];
}

/** `usher acl remove PATH WHO --grants` for each principal the ACEs name, joined with `; `. */
export function removeGrants(path: string, aces: readonly AppliedAce[], name: (sid: string) => string): string {
  return [...new Set(aces.map((applied) => name(applied.ace.sid)))]
    .map((who) => `usher acl remove ${shellQuote(path)} ${shellQuote(who)} --grants`).join('; ');
}

/** `usher acl grant PATH 'WHO:(OI)(CI)(RIGHTS)' --replace` for each ACE: the same principal and inheritance, only `rights`. */
export function replaceGrants(path: string, aces: readonly AppliedAce[], rights: string, name: (sid: string) => string): string {
  return aces.map((applied) =>
    `usher acl grant ${shellQuote(path)} ${shellQuote(`${name(applied.ace.sid)}:${formatAceFlags(applied.ace.flags)}(${rights})`)} --replace`).join('; ');
}
