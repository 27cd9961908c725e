import type { Sid, Token } from '../identity/index.js';
import type { AceType, EffectiveAce } from './ace.js';
import { MAXIMUM_ALLOWED, mapGenericBits } from './access-mask.js';
import { type AccessNote, explainNotes } from './access-notes.js';
import type { UnreachedAce } from './inheritance.js';
import { viewToken } from './token-view.js';

export interface AccessCheckRequest {
  /** The target's effective ACL in canonical order (`effectiveAcl(chain).aces`). */
  readonly aces: readonly EffectiveAce[];
  readonly token: Pick<Token, 'sids'>;
  /** The rights asked for; generic bits are mapped to file rights, 0 asks "is anything granted". */
  readonly desired: number;
  /** From `effectiveAcl`: lets the explanation name protection and ACEs that stop above the target. */
  readonly protectedAt?: string | undefined;
  readonly unreached?: readonly UnreachedAce[] | undefined;
}

/** One ACE that decided at least one bit: the first matching ACE to mention a bit decides it. */
export interface ExplainEntry {
  readonly ace: EffectiveAce;
  readonly effect: AceType;
  /** The bits this ACE decided (mapped to file rights). */
  readonly bits: number;
  /** It decided at least one desired bit. */
  readonly decisive: boolean;
  readonly from: string;
  readonly level: number;
  readonly inherited: boolean;
  /** The token entry it matched, by the name the token gives it. */
  readonly matched: { readonly sid: Sid; readonly name: string };
}

export interface AccessCheckResult {
  readonly allowed: boolean;
  /** The maximum-allowed mask, whatever was desired. */
  readonly grantedMask: number;
  readonly desiredMask: number;
  /** Desired bits that were refused, by a deny or by no ACE at all. */
  readonly refusedMask: number;
  readonly decisions: readonly ExplainEntry[];
  readonly notes: readonly AccessNote[];
}

/**
 * THE access check (reference §6.4, MS-DTYP AccessCheck): walk the ACEs in canonical order, skip
 * inherit-only ones and ones whose SID the token does not carry (allow ACEs ignore deny-only SIDs),
 * and let the first ACE that mentions a bit decide it. That is Windows' maximum-allowed walk; on the
 * desired bits it gives the same answer as the "remaining bits" walk, where a deny of any still-needed
 * bit refuses. Bits nobody decides are refused: an empty ACL grants nothing.
 */
export function accessCheck(request: AccessCheckRequest): AccessCheckResult {
  const token = viewToken(request.token);
  const desired = (mapGenericBits(request.desired) & ~MAXIMUM_ALLOWED) >>> 0;
  let decided = 0;
  let granted = 0;
  const decisions: ExplainEntry[] = [];
  for (const ace of request.aces) {
    if (ace.flags.inheritOnly) continue;
    const matched = token.matches(ace);
    if (matched === undefined) continue;
    const bits = (mapGenericBits(ace.mask) & ~decided) >>> 0;
    if (bits === 0) continue;
    decided = (decided | bits) >>> 0;
    if (ace.type === 'allow') granted = (granted | bits) >>> 0;
    decisions.push({
      ace,
      effect: ace.type,
      bits,
      decisive: (bits & desired) !== 0,
      from: ace.from,
      level: ace.level,
      inherited: ace.level > 0 || ace.flags.inherited,
      matched: { sid: matched.sid, name: matched.name },
    });
  }
  const allowed = desired === 0 ? granted !== 0 : (granted & desired) >>> 0 === desired;
  const refusedMask = (desired & ~granted) >>> 0;
  const result = { allowed, grantedMask: granted, desiredMask: desired, refusedMask, decisions };
  return { ...result, notes: explainNotes({ ...request, token, desired }, result) };
}
