import { createHash } from 'node:crypto';
import type { Sid } from './sid.js';

// Windows derives virtual-account SIDs from a SHA-1 of the name in UTF-16LE, read as five
// little-endian 32-bit words. Pools hash the lower-cased name, services the upper-cased one
// (reference §7, checked against SIDs from real servers).
function hashedSid(prefix: string, name: string): Sid {
  const digest = createHash('sha1').update(Buffer.from(name, 'utf16le')).digest();
  return prefix + [0, 4, 8, 12, 16].map((offset) => digest.readUInt32LE(offset)).join('-');
}

/** `IIS AppPool\<name>` */
export function poolSid(poolName: string): Sid {
  return hashedSid('S-1-5-82-', poolName.toLowerCase());
}

/** `NT SERVICE\<name>` */
export function serviceSid(serviceName: string): Sid {
  return hashedSid('S-1-5-80-', serviceName.toUpperCase());
}
