import type { Sid } from '../identity/index.js';
import type { Ace } from './ace.js';
import type { SddlOptions } from './sddl-ace.js';
import type { SddlDacl } from './sddl.js';
import { SDDL_BIT_RIGHTS, SDDL_FILE_SETS, SDDL_MACHINE_ALIASES, SDDL_SID_BY_VALUE } from './sddl-tokens.js';

/** Rights as Windows writes them: FA/FR/FW/FX when exact, two-letter codes when every bit has one, else hex. */
export function formatSddlRights(mask: number): string {
  const value = mask >>> 0;
  for (const [name, bits] of SDDL_FILE_SETS) if (bits === value) return name;
  if (value === 0) return '0x0';
  let words = '';
  let remaining = value;
  for (const [name, bit] of SDDL_BIT_RIGHTS) {
    if (remaining & bit) {
      words += name;
      remaining = (remaining & ~bit) >>> 0;
    }
  }
  return remaining === 0 ? words : '0x' + value.toString(16);
}

export function formatSddlSid(sid: Sid, options: SddlOptions = {}): string {
  const alias = SDDL_SID_BY_VALUE.get(sid);
  if (alias !== undefined) return alias;
  if (options.machineSid !== undefined) {
    for (const [name, local] of SDDL_MACHINE_ALIASES) if (sid === `${options.machineSid}-${local.rid}`) return name;
  }
  return sid;
}

export function formatSddlAce(ace: Ace, options: SddlOptions = {}): string {
  const { flags } = ace;
  const flagText =
    (flags.objectInherit ? 'OI' : '') +
    (flags.containerInherit ? 'CI' : '') +
    (flags.noPropagate ? 'NP' : '') +
    (flags.inheritOnly ? 'IO' : '') +
    (flags.inherited ? 'ID' : '');
  return `(${ace.type === 'allow' ? 'A' : 'D'};${flagText};${formatSddlRights(ace.mask)};;;${formatSddlSid(ace.sid, options)})`;
}

/** A DACL as `icacls /save` writes it: `D:` + flags (P, AR, AI) + ACEs. */
export function formatSddl(
  dacl: Pick<SddlDacl, 'protected' | 'aces'> & Partial<Pick<SddlDacl, 'autoInherited' | 'autoInheritRequired' | 'nullDacl'>>,
  options: SddlOptions = {},
): string {
  const flags = (dacl.protected ? 'P' : '') + (dacl.autoInheritRequired ? 'AR' : '') + (dacl.autoInherited ? 'AI' : '');
  if (dacl.nullDacl) return `D:${flags}NO_ACCESS_CONTROL`;
  return `D:${flags}${dacl.aces.map((ace) => formatSddlAce(ace, options)).join('')}`;
}
