import type { Sid } from '../identity/index.js';

/**
 * The two-letter words of SDDL that can appear in a file DACL (win32 ace-strings, sid-strings;
 * MS-DTYP 2.5.1.1). Rights and SIDs share spellings (`WD` is WRITE_DAC as a right and Everyone as
 * a SID, `DC` and `RC` likewise), so the two tables are only ever read by field.
 */

// Single bits, in the ascending order Windows concatenates them (`GXGR` for 0xA0000000). The
// directory-service names are what Windows prints for file bits that have no file code, e.g.
// `(A;CIID;LC;;;BU)` for FILE_ADD_SUBDIRECTORY (reference §6.5).
export const SDDL_BIT_RIGHTS: readonly (readonly [string, number])[] = [
  ['CC', 0x1],
  ['DC', 0x2],
  ['LC', 0x4],
  ['SW', 0x8],
  ['RP', 0x10],
  ['WP', 0x20],
  ['DT', 0x40],
  ['LO', 0x80],
  ['CR', 0x100],
  ['SD', 0x10000],
  ['RC', 0x20000],
  ['WD', 0x40000],
  ['WO', 0x80000],
  ['GA', 0x10000000],
  ['GX', 0x20000000],
  ['GW', 0x40000000],
  ['GR', 0x80000000],
];

/** Combined rights Windows writes when a mask is exactly one of them. */
export const SDDL_FILE_SETS: readonly (readonly [string, number])[] = [
  ['FA', 0x1f01ff],
  ['FR', 0x120089],
  ['FW', 0x120116],
  ['FX', 0x1200a0],
];

// Registry sets are accepted on input because some tools emit them for any object type.
const SDDL_KEY_SETS: readonly (readonly [string, number])[] = [
  ['KA', 0xf003f],
  ['KR', 0x20019],
  ['KW', 0x20006],
  ['KX', 0x20019],
];

export const SDDL_RIGHTS: ReadonlyMap<string, number> = new Map([...SDDL_BIT_RIGHTS, ...SDDL_FILE_SETS, ...SDDL_KEY_SETS]);

/** Aliases whose SID is the same on every machine. */
export const SDDL_SID_ALIASES: ReadonlyMap<string, Sid> = new Map([
  ['WD', 'S-1-1-0'],
  ['CO', 'S-1-3-0'],
  ['CG', 'S-1-3-1'],
  ['OW', 'S-1-3-4'],
  ['NU', 'S-1-5-2'],
  ['IU', 'S-1-5-4'],
  ['SU', 'S-1-5-6'],
  ['AN', 'S-1-5-7'],
  ['ED', 'S-1-5-9'],
  ['PS', 'S-1-5-10'],
  ['AU', 'S-1-5-11'],
  ['RC', 'S-1-5-12'],
  ['SY', 'S-1-5-18'],
  ['LS', 'S-1-5-19'],
  ['NS', 'S-1-5-20'],
  ['WR', 'S-1-5-33'],
  ['BA', 'S-1-5-32-544'],
  ['BU', 'S-1-5-32-545'],
  ['BG', 'S-1-5-32-546'],
  ['PU', 'S-1-5-32-547'],
  ['AO', 'S-1-5-32-548'],
  ['SO', 'S-1-5-32-549'],
  ['PO', 'S-1-5-32-550'],
  ['BO', 'S-1-5-32-551'],
  ['RE', 'S-1-5-32-552'],
  ['RU', 'S-1-5-32-554'],
  ['RD', 'S-1-5-32-555'],
  ['NO', 'S-1-5-32-556'],
  ['MU', 'S-1-5-32-558'],
  ['LU', 'S-1-5-32-559'],
  ['IS', 'S-1-5-32-568'],
  ['CY', 'S-1-5-32-569'],
  ['ER', 'S-1-5-32-573'],
  ['CD', 'S-1-5-32-574'],
  ['RA', 'S-1-5-32-575'],
  ['ES', 'S-1-5-32-576'],
  ['MS', 'S-1-5-32-577'],
  ['HA', 'S-1-5-32-578'],
  ['AA', 'S-1-5-32-579'],
  ['RM', 'S-1-5-32-580'],
  ['UD', 'S-1-5-84-0-0-0-0-0'],
  ['AC', 'S-1-15-2-1'],
  ['LW', 'S-1-16-4096'],
  ['ME', 'S-1-16-8192'],
  ['MP', 'S-1-16-8448'],
  ['HI', 'S-1-16-12288'],
  ['SI', 'S-1-16-16384'],
]);

/** Local accounts: the machine SID plus a fixed RID. */
export const SDDL_MACHINE_ALIASES: ReadonlyMap<string, { rid: number; what: string }> = new Map([
  ['LA', { rid: 500, what: 'the local Administrator account' }],
  ['LG', { rid: 501, what: 'the local Guest account' }],
]);

/** Aliases relative to an Active Directory domain, which Usher has none of. */
export const SDDL_DOMAIN_ALIASES: ReadonlySet<string> = new Set([
  'DA', 'DG', 'DU', 'DD', 'DC', 'SA', 'CA', 'RS', 'EA', 'PA', 'RO', 'CN', 'AP', 'EK', 'AK',
]);

export const SDDL_SID_BY_VALUE: ReadonlyMap<Sid, string> = new Map([...SDDL_SID_ALIASES].map(([alias, sid]) => [sid, alias]));

/** ACE types SDDL defines that a file DACL in Usher cannot hold, with what they are. */
export const SDDL_OTHER_ACE_TYPES: ReadonlyMap<string, string> = new Map([
  ['OA', 'object allow'],
  ['OD', 'object deny'],
  ['AU', 'audit'],
  ['AL', 'alarm'],
  ['OU', 'object audit'],
  ['OL', 'object alarm'],
  ['ML', 'mandatory label'],
  ['XA', 'callback allow'],
  ['XD', 'callback deny'],
  ['XU', 'callback audit'],
  ['ZA', 'callback object allow'],
  ['RA', 'resource attribute'],
  ['SP', 'scoped policy'],
]);
