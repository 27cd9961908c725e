import { UsherError } from '../shared/index.js';

/** A SID in its string form, `S-1-…`, upper-case `S`, decimal sub-authorities. */
export type Sid = string;

// Revision 1, a 48-bit identifier authority (decimal, or hex as Windows prints large ones),
// then up to 15 sub-authorities that each fit in 32 bits.
const SID_PATTERN = /^S-1-(\d{1,15}|0x[0-9A-F]{12})((?:-\d{1,10}){0,15})$/i;

/** Accepts `S-1-5-17` and icacls' `*S-1-5-17`; returns the canonical form or undefined. */
export function normalizeSid(text: string): Sid | undefined {
  const bare = text.startsWith('*') ? text.slice(1) : text;
  const match = SID_PATTERN.exec(bare.trim());
  if (!match) return undefined;
  const subs = (match[2] ?? '').split('-').filter((part) => part !== '');
  if (subs.some((part) => Number(part) > 0xffffffff)) return undefined;
  const authority = match[1]!.toLowerCase().startsWith('0x') ? String(parseInt(match[1]!, 16)) : match[1]!;
  return ['S', '1', String(Number(authority)), ...subs.map((part) => String(Number(part)))].join('-');
}

export function isSid(text: string): boolean {
  return normalizeSid(text) !== undefined;
}

export function parseSid(text: string): Sid {
  const sid = normalizeSid(text);
  if (sid === undefined) {
    throw new UsherError('USHER_ERR_ID_BAD_SID', `'${text}' is not a well-formed SID (expected S-1-<authority>-<sub>…, e.g. S-1-5-17)`);
  }
  return sid;
}
