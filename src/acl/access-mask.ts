/**
 * File access masks (winnt.h) and their icacls names. Masks are always handled as unsigned 32-bit
 * numbers: GENERIC_READ is bit 31, so every combination goes through `>>> 0`.
 */

/** icacls' specific rights, one bit each (reference §6.1). */
export const SPECIFIC_RIGHTS = {
  RD: 0x1,
  WD: 0x2,
  AD: 0x4,
  REA: 0x8,
  WEA: 0x10,
  X: 0x20,
  DC: 0x40,
  RA: 0x80,
  WA: 0x100,
  DE: 0x10000,
  RC: 0x20000,
  WDAC: 0x40000,
  WO: 0x80000,
  S: 0x100000,
  AS: 0x1000000,
  MA: 0x2000000,
  GA: 0x10000000,
  GE: 0x20000000,
  GW: 0x40000000,
  GR: 0x80000000,
} as const;

export type SpecificRight = keyof typeof SPECIFIC_RIGHTS;

/** icacls' simple rights, the permission sets Explorer shows (reference §6.2). */
export const SIMPLE_RIGHTS = {
  F: 0x1f01ff,
  M: 0x1301bf,
  RX: 0x1200a9,
  R: 0x120089,
  W: 0x100116,
  D: 0x110000,
  N: 0,
} as const;

export type SimpleRight = keyof typeof SIMPLE_RIGHTS;

export const SYNCHRONIZE: number = SPECIFIC_RIGHTS.S;
export const MAXIMUM_ALLOWED: number = SPECIFIC_RIGHTS.MA;
export const GENERIC_BITS: number = 0xf0000000;

export const FILE_GENERIC_READ: number = 0x120089;
export const FILE_GENERIC_WRITE: number = 0x120116;
export const FILE_GENERIC_EXECUTE: number = 0x1200a0;
export const FILE_ALL_ACCESS: number = 0x1f01ff;

/** What each generic bit means on a file or folder (the file object type's GENERIC_MAPPING). */
export const FILE_GENERIC_MAPPING = {
  read: FILE_GENERIC_READ,
  write: FILE_GENERIC_WRITE,
  execute: FILE_GENERIC_EXECUTE,
  all: FILE_ALL_ACCESS,
} as const;

/** What a static GET/HEAD needs on the file (DESIGN §4). */
export const READ_FILE: number = SIMPLE_RIGHTS.R;
/** What opening a folder for enumeration asks: FILE_LIST_DIRECTORY | SYNCHRONIZE (DESIGN §4). */
export const LIST_DIRECTORY: number = (SPECIFIC_RIGHTS.RD | SYNCHRONIZE) >>> 0;

/** Replaces generic bits by the file rights they stand for, as Windows does before comparing. */
export function mapGenericBits(mask: number): number {
  let mapped = (mask & ~GENERIC_BITS) >>> 0;
  if (mask & SPECIFIC_RIGHTS.GR) mapped |= FILE_GENERIC_MAPPING.read;
  if (mask & SPECIFIC_RIGHTS.GW) mapped |= FILE_GENERIC_MAPPING.write;
  if (mask & SPECIFIC_RIGHTS.GE) mapped |= FILE_GENERIC_MAPPING.execute;
  if (mask & SPECIFIC_RIGHTS.GA) mapped |= FILE_GENERIC_MAPPING.all;
  return mapped >>> 0;
}

export function hasGenericBits(mask: number): boolean {
  return (mask & GENERIC_BITS) !== 0;
}

/** `0x` and eight lower-case hex digits, the one way masks are printed (DESIGN §7). */
export function formatMask(mask: number): string {
  return '0x' + (mask >>> 0).toString(16).padStart(8, '0');
}

// icacls lists permission sets before single rights and picks a set only when it adds something not
// already printed: 0x1201BF is (RX,W), not (RX,R,W). Specific rights follow in the order real icacls
// output shows them: standard rights, generic rights, then the file-specific bits
// (e.g. `(DE,WDAC,WO,WD,DC)`, `(RC,RD,REA,X,RA)`, `(W,D,RC,DC)`, `(GR,GE)`).
const LIST_SETS: readonly SimpleRight[] = ['F', 'M', 'RX', 'R', 'W', 'D'];
const LIST_ORDER: readonly SpecificRight[] = [
  'DE', 'RC', 'WDAC', 'WO', 'S', 'AS', 'MA', 'GR', 'GW', 'GE', 'GA',
  'RD', 'WD', 'AD', 'REA', 'WEA', 'X', 'DC', 'RA', 'WA',
];

/**
 * The rights part of icacls' display, without parentheses: a simple right for an exact match,
 * otherwise a comma list (`RX,W`, `GR,GE`, `RD,X`). Bits with no icacls name (none are defined for
 * files, but imported SDDL can carry them) are appended as one hex token so nothing is lost.
 */
export function icaclsRights(mask: number): string {
  const value = mask >>> 0;
  for (const [name, bits] of Object.entries(SIMPLE_RIGHTS)) {
    if (bits === value) return name;
  }
  const names: string[] = [];
  let remaining = value;
  for (const name of LIST_SETS) {
    const bits = SIMPLE_RIGHTS[name];
    if ((value & bits) >>> 0 === bits && (remaining & bits) !== 0) {
      names.push(name);
      remaining = (remaining & ~bits) >>> 0;
    }
  }
  for (const name of LIST_ORDER) {
    const bit = SPECIFIC_RIGHTS[name];
    if (remaining & bit) {
      names.push(name);
      remaining = (remaining & ~bit) >>> 0;
    }
  }
  if (remaining !== 0) names.push('0x' + remaining.toString(16));
  return names.join(',');
}

/** The right names icacls accepts, upper-cased: simple rights win where a name is both (`D`). */
export function rightByName(name: string): number | undefined {
  const upper = name.toUpperCase();
  if (Object.hasOwn(SIMPLE_RIGHTS, upper)) return SIMPLE_RIGHTS[upper as SimpleRight];
  if (Object.hasOwn(SPECIFIC_RIGHTS, upper)) return SPECIFIC_RIGHTS[upper as SpecificRight];
  return undefined;
}

export function isSimpleRight(name: string): boolean {
  return Object.hasOwn(SIMPLE_RIGHTS, name.toUpperCase());
}
