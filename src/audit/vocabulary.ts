import { mapGenericBits, SPECIFIC_RIGHTS } from '../acl/index.js';
import { SID, type Sid } from '../identity/index.js';

/**
 * The catalogue's vocabulary (§2.1) as code, so that every rule means the same thing by "admin",
 * "privileged", "broad group" or "write access". Pure: rules import it through rule.ts.
 */

export const TRUSTED_INSTALLER: Sid = 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464';
export const ANONYMOUS_LOGON: Sid = 'S-1-5-7';

/** The admin set A's fixed members (members of Administrators join them in the snapshot). */
export const ADMIN_SIDS: ReadonlySet<Sid> = new Set([SID.system, SID.administrators, TRUSTED_INSTALLER]);

/** G: groups that reach every pool, every visitor or every local account. */
export const BROAD_GROUP_SIDS: ReadonlySet<Sid> = new Set([
  SID.everyone, ANONYMOUS_LOGON, SID.users, SID.authenticatedUsers, SID.iisIusrs,
]);

/**
 * P: the STIG V-218750 list, by name, for local groups an import or an administrator created with
 * those names, plus the Linux groups that amount to root (sudo, wheel, adm, docker, disk, shadow).
 * Administrators itself is matched by SID.
 */
export const PRIVILEGED_GROUP_NAMES: ReadonlySet<string> = new Set([
  'administrators', 'backup operators', 'cert publishers', 'certificate service dcom access', 'distributed com users',
  'event log readers', 'network configuration operators', 'performance log users', 'performance monitor users',
  'power users', 'print operators', 'remote desktop users', 'replicator',
  'root', 'sudo', 'wheel', 'adm', 'docker', 'disk', 'shadow',
]);

/** Any of WriteData/AddFile, AppendData/AddSubdirectory, WriteEA, DeleteChild, WriteAttributes, DELETE, WRITE_DAC, WRITE_OWNER. */
export const WRITE_CLASS_MASK = 0xd0156;

/** WRITE_DAC or WRITE_OWNER: who holds either can give themselves everything else. */
export const CONTROL_CLASS_MASK = (SPECIFIC_RIGHTS.WDAC | SPECIFIC_RIGHTS.WO) >>> 0;

/** Read-or-better: the bits of Read (R) beyond SYNCHRONIZE, any of which discloses something. */
export const READ_CLASS_MASK = (SPECIFIC_RIGHTS.RD | SPECIFIC_RIGHTS.REA | SPECIFIC_RIGHTS.RA | SPECIFIC_RIGHTS.RC) >>> 0;

/** The mask of an ACE grants some write-class right (generic bits mapped first). */
export function grantsWrite(mask: number): boolean {
  return (mapGenericBits(mask) & WRITE_CLASS_MASK) !== 0;
}

/** The mask grants control: WRITE_DAC or WRITE_OWNER (GENERIC_ALL and Full control include both). */
export function grantsControl(mask: number): boolean {
  return (mapGenericBits(mask) & CONTROL_CLASS_MASK) !== 0;
}

export function grantsRead(mask: number): boolean {
  return (mapGenericBits(mask) & READ_CLASS_MASK) !== 0;
}

/**
 * Sensitive locations (catalogue §2.1): a path segment an admin area typically uses. Compared
 * case-insensitively, segment by segment.
 */
export const SENSITIVE_SEGMENTS: ReadonlySet<string> = new Set([
  'admin', 'administrator', 'manage', 'manager', 'management', 'console', 'dashboard', 'cpanel', 'setup', 'install',
  'wp-admin', 'phpmyadmin', 'pma', 'server-status', 'server-info', '_admin',
]);

export function isSensitivePath(urlPath: string): boolean {
  return urlPath.split('/').some((segment) => SENSITIVE_SEGMENTS.has(segment.toLowerCase()));
}

/** 127.0.0.0/8 and ::1 (also as an IPv4-mapped address). `*` and every other address are reachable from outside. */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.toLowerCase().replace(/^::ffff:/, '');
  return bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/** Quotes one argument for a POSIX shell, so a fix can be pasted as it is printed. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
