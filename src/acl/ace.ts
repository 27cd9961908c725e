import type { Sid } from '../identity/index.js';

export type AceType = 'allow' | 'deny';

/** The ACE header flags that matter on files (reference §6.3); SDDL and icacls spell them differently. */
export interface AceFlags {
  /** OI: files below receive it. */
  readonly objectInherit: boolean;
  /** CI: folders below receive it. */
  readonly containerInherit: boolean;
  /** NP: children receive it without inheritance flags, so it stops one level down. */
  readonly noPropagate: boolean;
  /** IO: only passed down, never applied to the object that holds it. */
  readonly inheritOnly: boolean;
  /** I / ID: the ACE came from a parent rather than being set on the object. */
  readonly inherited: boolean;
}

export interface Ace {
  readonly type: AceType;
  readonly sid: Sid;
  readonly mask: number;
  readonly flags: AceFlags;
}

/** The ACL set on one object (its explicit entries); what it inherits is computed, never stored. */
export interface Acl {
  /** Inheritance disabled (`icacls /inheritance:d|r`, SDDL `P`): nothing arrives from above. */
  readonly protected: boolean;
  readonly aces: readonly Ace[];
}

export const NO_FLAGS: AceFlags = Object.freeze({
  objectInherit: false,
  containerInherit: false,
  noPropagate: false,
  inheritOnly: false,
  inherited: false,
});

export function aceFlags(set: Partial<AceFlags> = {}): AceFlags {
  return { ...NO_FLAGS, ...set };
}

export function isInheritable(flags: AceFlags): boolean {
  return flags.objectInherit || flags.containerInherit;
}

/** Same inheritance, ignoring the inherited marker: what icacls merges grants on. */
export function sameInheritance(a: AceFlags, b: AceFlags): boolean {
  return (
    a.objectInherit === b.objectInherit &&
    a.containerInherit === b.containerInherit &&
    a.noPropagate === b.noPropagate &&
    a.inheritOnly === b.inheritOnly
  );
}

export function sameFlags(a: AceFlags, b: AceFlags): boolean {
  return sameInheritance(a, b) && a.inherited === b.inherited;
}

export function sameAce(a: Ace, b: Ace): boolean {
  return a.type === b.type && a.sid === b.sid && a.mask >>> 0 === b.mask >>> 0 && sameFlags(a.flags, b.flags);
}

/** Same principal, type and flags: two such ACEs can be merged into one mask. */
export function sameTrusteeAndFlags(a: Ace, b: Ace): boolean {
  return a.type === b.type && a.sid === b.sid && sameFlags(a.flags, b.flags);
}

/** An ACE as it applies to one object: where it was set and how many folders up (0 = on the object). */
export interface EffectiveAce extends Ace {
  /** The path of the object whose explicit ACL holds it. */
  readonly from: string;
  readonly level: number;
  /** The ACE as set on `from`, before inheritance changed its flags or split it: what people wrote. */
  readonly origin: Ace;
}
