import { randomBytes } from 'node:crypto';
import type { Sid } from './sid.js';

/**
 * A machine's local accounts are S-1-5-21-a-b-c-<rid>. Generated once by `usher init` and kept
 * in the configuration, so SIDs survive restarts and moves the way they do on Windows.
 */
export function generateMachineSid(): Sid {
  const bytes = randomBytes(12);
  // Windows' sub-authorities are random 32-bit values; keep them above 2^30 so they read like real ones.
  const words = [0, 4, 8].map((offset) => (bytes.readUInt32LE(offset) | 0x40000000) >>> 0);
  return `S-1-5-21-${words.join('-')}`;
}

/** The first RID Windows gives a local account an administrator creates. */
export const FIRST_LOCAL_RID = 1000;
