import { UsherError } from '../shared/index.js';
import { normalizeSid, type Sid } from '../identity/index.js';
import { type Ace, type AceFlags, NO_FLAGS } from './ace.js';
import {
  SDDL_DOMAIN_ALIASES,
  SDDL_MACHINE_ALIASES,
  SDDL_OTHER_ACE_TYPES,
  SDDL_RIGHTS,
  SDDL_SID_ALIASES,
} from './sddl-tokens.js';

export interface SddlOptions {
  /** Resolves `LA`/`LG` (local Administrator/Guest), which are relative to the machine SID. */
  readonly machineSid?: Sid | undefined;
}

const ACE_FLAGS: ReadonlyMap<string, keyof AceFlags> = new Map([
  ['OI', 'objectInherit'],
  ['CI', 'containerInherit'],
  ['NP', 'noPropagate'],
  ['IO', 'inheritOnly'],
  ['ID', 'inherited'],
]);

/** One `;`-separated part of an ACE, with where it starts for error messages. */
interface Field {
  readonly value: string;
  readonly offset: number;
}

/** The text being parsed; every error names the offset it is about. */
export class SddlReader {
  constructor(readonly text: string) {}

  /** `PROBLEM [in ACE #N] (offset N of SDDL '…'): expected …`, problem first, then where, then the fix. */
  fail(offset: number, problem: string, expected?: string, ace?: number): never {
    // A long descriptor is shown around the offending offset, where the reader needs to look.
    const from = Math.max(0, Math.min(offset - 70, this.text.length - 100));
    const shown =
      this.text.length <= 120
        ? this.text
        : `${from > 0 ? '...' : ''}${this.text.slice(from, from + 100)}${from + 100 < this.text.length ? '...' : ''}`;
    const inAce = ace === undefined ? '' : ` in ACE #${ace}`;
    const hint = expected === undefined ? '' : `: expected ${expected}`;
    throw new UsherError('USHER_ERR_ACL_SDDL', `${problem}${inAce} (offset ${offset} of SDDL '${shown}')${hint}`);
  }

  isSectionStart(at: number): boolean {
    return /[OGDS]/i.test(this.text[at] ?? '') && this.text[at + 1] === ':';
  }

  skipSpace(at: number): number {
    while (at < this.text.length && /\s/.test(this.text[at]!)) at++;
    return at;
  }
}

/** One `(type;flags;rights;guid;guid;sid)` ACE starting at `open`, numbered `index` for messages. */
export function readAce(reader: SddlReader, open: number, index: number, options: SddlOptions): { ace: Ace; end: number } {
  const text = reader.text;
  const where = index;
  const typeEnd = text.indexOf(';', open + 1);
  const close = text.indexOf(')', open + 1);
  if (typeEnd < 0 || (close >= 0 && close < typeEnd)) {
    reader.fail(open + 1, "no ';' after the ACE type", "type;flags;rights;;;sid, as in (A;OICI;FA;;;SY)", where);
  }
  const type = text.slice(open + 1, typeEnd).trim().toUpperCase();
  if (type !== 'A' && type !== 'D') {
    const other = SDDL_OTHER_ACE_TYPES.get(type);
    const problem = other === undefined ? `unknown ACE type '${type}'` : `unsupported ACE type '${type}' (${other})`;
    reader.fail(open + 1, problem, 'A (allow) or D (deny), the only types a file DACL in usher holds', where);
  }
  if (close < 0) reader.fail(text.length, 'no closing parenthesis', "')' at the end of the ACE", where);
  const nested = text.indexOf('(', open + 1);
  if (nested >= 0 && nested < close) reader.fail(nested, "'(' before the ACE was closed", "')' to close the ACE first", where);

  const fields: Field[] = [];
  let fieldStart = open + 1;
  for (let at = open + 1; at <= close; at++) {
    if (at === close || text[at] === ';') {
      fields.push({ value: text.slice(fieldStart, at).trim(), offset: fieldStart });
      fieldStart = at + 1;
    }
  }
  if (fields.length !== 6) {
    reader.fail(open, `${fields.length} fields`, '6: type;flags;rights;object-guid;inherit-object-guid;sid', where);
  }
  const [, flagField, rightsField, objectGuid, inheritGuid, sidField] = fields as [Field, Field, Field, Field, Field, Field];
  for (const guid of [objectGuid, inheritGuid]) {
    if (guid.value !== '') reader.fail(guid.offset, `object GUID '${guid.value}'`, 'an empty field (GUIDs apply to directory objects, not files)', where);
  }
  const ace: Ace = {
    type: type === 'A' ? 'allow' : 'deny',
    flags: readFlags(reader, flagField, where),
    mask: readRights(reader, rightsField, where),
    sid: readSid(reader, sidField, where, options),
  };
  return { ace, end: close + 1 };
}

function readFlags(reader: SddlReader, field: Field, where: number): AceFlags {
  const flags: { -readonly [K in keyof AceFlags]: boolean } = { ...NO_FLAGS };
  const value = field.value.toUpperCase();
  for (let at = 0; at < value.length; at += 2) {
    const word = value.slice(at, at + 2);
    const flag = ACE_FLAGS.get(word);
    if (flag !== undefined) {
      flags[flag] = true;
      continue;
    }
    if (word === 'SA' || word === 'FA') {
      reader.fail(field.offset + at, `audit flag '${word}'`, 'OI, CI, NP, IO or ID (audit flags belong in a SACL)', where);
    }
    reader.fail(field.offset + at, `unknown ACE flag '${word}'`, 'OI, CI, NP, IO or ID', where);
  }
  return flags;
}

function readRights(reader: SddlReader, field: Field, where: number): number {
  const value = field.value;
  let number: number | undefined;
  if (/^0x[0-9a-f]+$/i.test(value)) number = parseInt(value.slice(2), 16);
  else if (/^0[0-7]*$/.test(value)) number = parseInt(value, 8); // MS-DTYP allows octal, as strtoul does
  else if (/^[1-9][0-9]*$/.test(value)) number = Number(value);
  if (number !== undefined) {
    if (!(number <= 0xffffffff)) reader.fail(field.offset, `rights '${value}' larger than 32 bits`, 'at most 0xffffffff', where);
    return number >>> 0;
  }
  let mask = 0;
  for (let at = 0; at < value.length; at += 2) {
    const word = value.slice(at, at + 2).toUpperCase();
    const bits = SDDL_RIGHTS.get(word);
    if (bits === undefined || word.length < 2) {
      reader.fail(field.offset + at, `unknown right '${word}'`, 'a number (0x1200a9) or two-letter codes such as FA, FR, FW, FX, GA, GR, RC, SD, WD, WO', where);
    }
    mask |= bits;
  }
  return mask >>> 0;
}

function readSid(reader: SddlReader, field: Field, where: number, options: SddlOptions): Sid {
  const value = field.value;
  if (value === '') reader.fail(field.offset, 'no SID', 'a SID (S-1-5-17) or an alias (SY, BA, BU, WD, …)', where);
  if (/^S-/i.test(value)) {
    const sid = normalizeSid(value);
    if (sid === undefined) reader.fail(field.offset, `malformed SID '${value}'`, 'S-1-<authority>-<sub>…', where);
    return sid;
  }
  const alias = value.toUpperCase();
  const known = SDDL_SID_ALIASES.get(alias);
  if (known !== undefined) return known;
  const local = SDDL_MACHINE_ALIASES.get(alias);
  if (local !== undefined) {
    if (options.machineSid === undefined) {
      reader.fail(field.offset, `'${alias}' (${local.what}) needs the machine SID`, 'the machine SID as an option, or the SID written numerically', where);
    }
    return `${options.machineSid}-${local.rid}`;
  }
  if (SDDL_DOMAIN_ALIASES.has(alias)) {
    reader.fail(field.offset, `domain alias '${alias}'`, 'its SID written numerically (usher has no Active Directory domain to resolve it in)', where);
  }
  return reader.fail(field.offset, `unknown SID alias '${value}'`, 'S-1-… or an alias such as SY, BA, BU, AU, WD, IS', where);
}
