import { type Ace, type Acl, sameInheritance } from './ace.js';
import { mapGenericBits } from './access-mask.js';
import { canonicalOrder } from './canonical-order.js';

/**
 * icacls' documented edits of one object's explicit ACL (`/grant`, `/grant:r`, `/deny`, `/remove`).
 * ACEs stored with the inherited marker are not explicit grants and are left alone. The result is in
 * canonical order, as icacls keeps it.
 */

const isExplicit = (ace: Ace) => !ace.flags.inherited;

/** Adds `addition` to the list, OR-ing it into an ACE of the same principal, type and inheritance. */
function merge(aces: readonly Ace[], addition: Ace): Ace[] {
  const at = aces.findIndex(
    (ace) => isExplicit(ace) && ace.type === addition.type && ace.sid === addition.sid && sameInheritance(ace.flags, addition.flags),
  );
  if (at < 0) return [...aces, { ...addition, flags: { ...addition.flags, inherited: false } }];
  const merged = { ...aces[at]!, mask: (aces[at]!.mask | addition.mask) >>> 0 };
  return aces.map((ace, index) => (index === at ? merged : ace));
}

/** `icacls /grant` merges with the principal's grant of the same flags; `/grant:r` replaces its grants. */
export function grantAces(acl: Acl, grants: readonly Ace[], options: { replace?: boolean } = {}): Acl {
  const replaced = new Set(options.replace ? grants.map((grant) => grant.sid) : []);
  let aces: Ace[] = acl.aces.filter((ace) => !(isExplicit(ace) && ace.type === 'allow' && replaced.has(ace.sid)));
  for (const grant of grants) aces = merge(aces, { ...grant, type: 'allow' });
  return { protected: acl.protected, aces: canonicalOrder(aces) };
}

/**
 * `icacls /deny`: adds the deny ACE and removes the denied rights from every explicit grant to the
 * same principal on this object (dropping a grant left with nothing). Generic rights are compared as
 * the file rights they stand for.
 */
export function denyAces(acl: Acl, denies: readonly Ace[]): Acl {
  let aces: Ace[] = [...acl.aces];
  for (const deny of denies) {
    aces = merge(aces, { ...deny, type: 'deny' });
    const denied = mapGenericBits(deny.mask);
    aces = aces.flatMap((ace) => {
      if (!isExplicit(ace) || ace.type !== 'allow' || ace.sid !== deny.sid) return [ace];
      const left = (mapGenericBits(ace.mask) & ~denied) >>> 0;
      if (left === mapGenericBits(ace.mask)) return [ace];
      return left === 0 ? [] : [{ ...ace, mask: left }];
    });
  }
  return { protected: acl.protected, aces: canonicalOrder(aces) };
}

/** `icacls /remove[:g|:d]`: every explicit ACE of the principal, or only its grants or denies. */
export function removeAces(acl: Acl, sid: string, which: 'all' | 'grants' | 'denies' = 'all'): Acl {
  const doomed = (ace: Ace) =>
    isExplicit(ace) && ace.sid === sid && (which === 'all' || (which === 'grants' ? ace.type === 'allow' : ace.type === 'deny'));
  return { protected: acl.protected, aces: acl.aces.filter((ace) => !doomed(ace)) };
}
