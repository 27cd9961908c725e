import { UsherError } from '../shared/index.js';
import { type Ace, type Acl, type EffectiveAce, aceFlags, isInheritable } from './ace.js';
import { hasGenericBits, mapGenericBits } from './access-mask.js';
import { canonicalOrder } from './canonical-order.js';

/** One object on the way from the topmost relevant ancestor down to the target. */
export interface ChainNode {
  readonly path: string;
  readonly isDirectory: boolean;
  /** The object's own ACL; absent means no explicit ACEs and inheritance enabled. */
  readonly acl?: Acl | undefined;
}

/**
 * Why an ACE set above the target does not apply to it: `this-object-only` (no OI/CI),
 * `folders-only` (CI without OI, met by a file: "List folder contents"), `no-propagate` (NP stopped it
 * one level down), `protected` (a node on the way has inheritance disabled).
 */
export type UnreachedReason = 'this-object-only' | 'folders-only' | 'no-propagate' | 'protected';

export interface UnreachedAce {
  /** The ACE as set on `from`. */
  readonly ace: Ace;
  /** Where the ACE is set. */
  readonly from: string;
  /** The first object on the way down that did not receive it. */
  readonly stoppedAt: string;
  readonly reason: UnreachedReason;
}

export interface EffectiveAcl {
  readonly path: string;
  /** Everything in the target's DACL, canonical order, inherit-only entries included. */
  readonly aces: readonly EffectiveAce[];
  /** The nearest object at or above the target whose ACL is protected. */
  readonly protectedAt?: string | undefined;
  readonly unreached: readonly UnreachedAce[];
}

const inheritedOnly = (set: Parameters<typeof aceFlags>[0] = {}) => aceFlags({ ...set, inherited: true });

/**
 * What one ACE of a folder gives a child, as Windows computes it (MS-DTYP ComputeInheritedACLfromParent).
 * Where the child's copy both applies and passes on generic rights, it is split like Windows splits
 * it: an effective copy with the generic bits mapped to file rights, and an inherit-only copy that
 * keeps them for the next level (`BUILTIN\Users:(I)(RX)` + `(I)(OI)(CI)(IO)(GR,GE)`).
 */
export function inheritedCopies(ace: Ace, childIsDirectory: boolean): Ace[] {
  const { flags } = ace;
  if (!childIsDirectory) {
    return flags.objectInherit ? [{ ...ace, mask: mapGenericBits(ace.mask), flags: inheritedOnly() }] : [];
  }
  if (flags.containerInherit) {
    if (flags.noPropagate) return [{ ...ace, mask: mapGenericBits(ace.mask), flags: inheritedOnly() }];
    const passOn = { objectInherit: flags.objectInherit, containerInherit: true };
    if (!hasGenericBits(ace.mask)) return [{ ...ace, flags: inheritedOnly(passOn) }];
    return [
      { ...ace, mask: mapGenericBits(ace.mask), flags: inheritedOnly() },
      { ...ace, flags: inheritedOnly({ ...passOn, inheritOnly: true }) },
    ];
  }
  if (flags.objectInherit && !flags.noPropagate) {
    return [{ ...ace, flags: inheritedOnly({ objectInherit: true, inheritOnly: true }) }];
  }
  return [];
}

function whyNotInherited(ace: Ace, childIsDirectory: boolean): UnreachedReason {
  if (!isInheritable(ace.flags)) return 'this-object-only';
  if (!childIsDirectory && !ace.flags.objectInherit) return 'folders-only';
  return 'no-propagate';
}

function bareAce(ace: Ace): Ace {
  return { type: ace.type, sid: ace.sid, mask: ace.mask, flags: ace.flags };
}

function checkChain(chain: readonly ChainNode[]): void {
  if (chain.length === 0) throw new UsherError('USHER_ERR_ACL_PATH', 'no path given to compute an ACL for');
  chain.forEach((node, index) => {
    if (index < chain.length - 1 && !node.isDirectory) {
      throw new UsherError('USHER_ERR_ACL_PATH', `'${node.path}' is a file, so '${chain[index + 1]!.path}' cannot be below it`);
    }
  });
}

/**
 * The target's ACL as Windows would hold it after propagation: its own ACEs plus what each folder
 * above passes down, computed now rather than copied, so new and moved files need nothing stored.
 */
export function effectiveAcl(chain: readonly ChainNode[]): EffectiveAcl {
  checkChain(chain);
  let above: EffectiveAce[] = [];
  let protectedAt: string | undefined;
  const unreached: UnreachedAce[] = [];
  chain.forEach((node, index) => {
    const isProtected = node.acl?.protected === true;
    if (isProtected) protectedAt = node.path;
    const received: EffectiveAce[] = [];
    for (const ace of index === 0 ? [] : above) {
      const stop = (reason: UnreachedReason, stoppedAt = node.path) =>
        unreached.push({ ace: ace.origin, from: ace.from, stoppedAt, reason });
      const copies = inheritedCopies(ace, node.isDirectory);
      if (copies.length === 0) {
        // Inherited copies without inheritance flags were reported where NP stopped them (or are the
        // applied half of a split ACE); an IO ACE without OI/CI applies nowhere at all.
        const worthTelling = isInheritable(ace.flags) || (ace.level === 0 && !ace.flags.inheritOnly);
        if (worthTelling) stop(whyNotInherited(ace, node.isDirectory));
        continue;
      }
      if (isProtected) {
        stop('protected');
        continue;
      }
      for (const copy of copies) received.push({ ...copy, from: ace.from, level: ace.level + 1, origin: ace.origin });
      const next = chain[index + 1];
      if (ace.flags.noPropagate && node.isDirectory && next) stop('no-propagate', next.path);
    }
    const own = (node.acl?.aces ?? []).map((ace): EffectiveAce => {
      const origin = bareAce(ace);
      return { ...origin, from: node.path, level: 0, origin };
    });
    above = canonicalOrder([...own, ...received]);
  });
  return { path: chain[chain.length - 1]!.path, aces: above, protectedAt, unreached };
}

export function effectiveAces(chain: readonly ChainNode[]): EffectiveAce[] {
  return [...effectiveAcl(chain).aces];
}

/**
 * `icacls /inheritance:d` (copy) or `/inheritance:r` (remove): the target's new explicit ACL, protected.
 * Copies become explicit: the inherited marker is cleared and their inheritance flags are kept, so
 * the children see the same ACEs as before.
 */
export function disableInheritance(chain: readonly ChainNode[], mode: 'copy' | 'remove'): Acl {
  checkChain(chain);
  const own = chain[chain.length - 1]!.acl?.aces ?? [];
  const explicit = (ace: Ace): Ace => ({ ...bareAce(ace), flags: { ...ace.flags, inherited: false } });
  if (mode === 'remove') {
    return { protected: true, aces: canonicalOrder(own.filter((ace) => !ace.flags.inherited)) };
  }
  const received = effectiveAcl(chain).aces.filter((ace) => ace.level > 0);
  return { protected: true, aces: canonicalOrder([...own, ...received].map(explicit)) };
}
