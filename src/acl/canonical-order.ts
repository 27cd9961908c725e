import type { Ace } from './ace.js';

type Orderable = Ace & { readonly level?: number };

// Explicit deny, explicit allow, then inherited ACEs by distance (parent before grandparent), deny
// before allow within each distance. An ACE stored on the object with the inherited marker belongs
// to the inherited part even at distance 0. Without a distance (a plain stored DACL) the inherited
// part keeps its order, since ACEs from different ancestors may legitimately interleave there.
function rank(ace: Orderable): number {
  const deny = ace.type === 'deny' ? 0 : 1;
  if (!ace.flags.inherited && (ace.level ?? 0) === 0) return deny;
  if (ace.level === undefined) return 2;
  return 2 + 2 * ace.level + deny;
}

/** The ACEs in canonical order; ties keep their given order. */
export function canonicalOrder<T extends Orderable>(aces: readonly T[]): T[] {
  return aces
    .map((ace, index) => ({ ace, index, rank: rank(ace) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.ace);
}

export function isCanonical(aces: readonly Orderable[]): boolean {
  for (let i = 1; i < aces.length; i++) {
    if (rank(aces[i - 1]!) > rank(aces[i]!)) return false;
  }
  return true;
}
