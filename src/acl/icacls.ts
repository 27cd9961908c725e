import { UsherError } from '../shared/index.js';
import type { Sid } from '../identity/index.js';
import { type Ace, type AceFlags, type AceType, NO_FLAGS } from './ace.js';
import { icaclsRights, isSimpleRight, rightByName } from './access-mask.js';

/** Turns a principal as written (`IUSR`, `IIS AppPool\X`, `*S-1-5-17`) into a SID, or throws. */
export type ResolveName = (name: string) => Sid;
export type NameOf = (sid: Sid) => string;

const FLAG_TOKENS: Readonly<Record<string, keyof AceFlags>> = {
  OI: 'objectInherit',
  CI: 'containerInherit',
  NP: 'noPropagate',
  IO: 'inheritOnly',
  I: 'inherited',
};

const PERMS_HINT = 'rights such as (RX), (OI)(CI)(M), F or (RD,X)';

/** `PROBLEM in ACE 'TEXT': expected …`: what is wrong, where, and what would be right. */
function syntaxError(text: string, problem: string, expected: string): UsherError {
  return new UsherError('USHER_ERR_ACL_SYNTAX', `${problem} in ACE '${text}': expected ${expected}`);
}

// A name may itself contain ':' in odd cases, so the split is the last ':' that starts something
// icacls could read as permissions: a '(' or the first letter of a simple right.
function splitPrincipal(text: string): { principal: string; perms: string } {
  for (let at = text.length - 2; at >= 0; at--) {
    if (text[at] === ':' && /[(FMRWDN]/i.test(text[at + 1]!)) {
      return { principal: text.slice(0, at).trim(), perms: text.slice(at + 1) };
    }
  }
  throw new UsherError(
    'USHER_ERR_ACL_SYNTAX',
    `'${text}' is not an ACE: expected PRINCIPAL:PERMS, e.g. 'IUSR:(OI)(CI)(RX)' or '*S-1-5-17:R'`,
  );
}

function parseRightList(list: string, text: string): number {
  let mask = 0;
  for (const raw of list.split(',')) {
    const name = raw.trim();
    if (name === '') throw syntaxError(text, `empty right in '(${list})'`, 'a right name between the commas');
    const bits = /^0x[0-9a-f]{1,8}$/i.test(name) ? parseInt(name, 16) : rightByName(name);
    if (bits === undefined) {
      throw syntaxError(
        text,
        `unknown right '${name}'`,
        'F, M, RX, R, W, D or N, or specific rights such as RD, WD, AD, REA, WEA, X, DC, RA, WA, DE, RC, WDAC, WO, S, GR, GW, GE, GA',
      );
    }
    mask |= bits;
  }
  return mask >>> 0;
}

interface ParsedPerms {
  flags: AceFlags;
  deny: boolean;
  mask: number;
}

function parsePerms(perms: string, text: string): ParsedPerms {
  const flags: { -readonly [K in keyof AceFlags]: boolean } = { ...NO_FLAGS };
  let deny = false;
  let mask = 0;
  let sawRights = false;
  let at = 0;
  while (at < perms.length) {
    if (perms[at] === '(') {
      const close = perms.indexOf(')', at);
      if (close < 0) throw syntaxError(text, `unclosed '${perms.slice(at)}'`, "')'");
      const inner = perms.slice(at + 1, close).trim();
      const upper = inner.toUpperCase();
      const flag = FLAG_TOKENS[upper];
      if (flag !== undefined) {
        if (sawRights) throw syntaxError(text, `flag '(${inner})' after the rights`, 'the flags first, as in (OI)(CI)(RX)');
        flags[flag] = true;
      } else if (upper === 'DENY') {
        deny = true;
      } else {
        mask |= parseRightList(inner, text);
        sawRights = true;
      }
      at = close + 1;
      continue;
    }
    // icacls also takes one bare simple right at the end: IUSR:F, IUSR:(OI)(CI)RX.
    const bare = perms.slice(at).trim();
    if (!isSimpleRight(bare)) {
      throw syntaxError(text, `unexpected '${bare}'`, `${PERMS_HINT}; a right without parentheses must be F, M, RX, R, W, D or N`);
    }
    mask |= rightByName(bare)!;
    sawRights = true;
    break;
  }
  if (!sawRights) throw syntaxError(text, 'no rights', PERMS_HINT);
  return { flags, deny, mask: mask >>> 0 };
}

/**
 * Reads one icacls-style ACE: `IUSR:(OI)(CI)(RX)`, `*S-1-5-17:F`, `Everyone:(OI)(CI)(DENY)(W)`,
 * `BUILTIN\Users:(I)(OI)(CI)(IO)(GR,GE)`. `(DENY)` or `type: 'deny'` makes a deny ACE; `(D)` is
 * always the Delete right. Errors from `resolve` (unknown names) propagate unchanged.
 */
export function parseAce(text: string, resolve: ResolveName, type: AceType = 'allow'): Ace {
  const trimmed = text.trim();
  const { principal, perms } = splitPrincipal(trimmed);
  if (principal === '') throw syntaxError(trimmed, "no principal before ':'", 'a name such as IUSR or a SID such as *S-1-5-17');
  const parsed = parsePerms(perms, trimmed);
  const sid = resolve(principal);
  return { type: parsed.deny ? 'deny' : type, sid, mask: parsed.mask, flags: parsed.flags };
}

/**
 * A rights expression on its own, as `acl check --right` takes it: `R`, `RX`, `(RD,X)`, `RD,X`,
 * `GR` or a hex mask such as `0x120089`.
 */
export function parseRights(text: string): number {
  const inner = text.trim().replace(/^\((.*)\)$/, '$1');
  if (inner === '') throw new UsherError('USHER_ERR_ACL_SYNTAX', `no rights in '${text}': expected ${PERMS_HINT}`);
  return parseRightList(inner, text);
}

/** The flags part as icacls prints it, in its order: (I)(OI)(CI)(NP)(IO). */
export function formatAceFlags(flags: AceFlags): string {
  return (
    (flags.inherited ? '(I)' : '') +
    (flags.objectInherit ? '(OI)' : '') +
    (flags.containerInherit ? '(CI)' : '') +
    (flags.noPropagate ? '(NP)' : '') +
    (flags.inheritOnly ? '(IO)' : '')
  );
}

/** One ACE as icacls displays it: `NAME:(I)(OI)(CI)(NP)(IO)(DENY)(RX,W)`. */
export function formatAce(ace: Ace, nameOf: NameOf): string {
  const deny = ace.type === 'deny' ? '(DENY)' : '';
  return `${nameOf(ace.sid)}:${formatAceFlags(ace.flags)}${deny}(${icaclsRights(ace.mask)})`;
}
