import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { UsherError } from '../shared/index.js';

/**
 * Local users' passwords are stored as scrypt in the PHC string format
 * `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64 without padding). ln=15 (N = 32768) with r=8 needs
 * 32 MiB, which Node 20 accepts once maxmem is raised; it costs ~50–100 ms, which Basic
 * authentication amortises with its cache of successful verifications.
 */
const DEFAULT_PARAMS = { ln: 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
// Bounds that keep a hostile or mistyped config from turning one login into a denial of service.
const LIMITS = { ln: [10, 20], r: [1, 32], p: [1, 16] } as const;

interface ScryptHash {
  readonly ln: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

function derive(password: string, salt: Buffer, params: { ln: number; r: number; p: number }, length: number): Promise<Buffer> {
  const N = 2 ** params.ln;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r * params.p };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

const b64 = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');

export async function hashPassword(password: string): Promise<string> {
  if (password.length === 0) {
    throw new UsherError('USHER_ERR_ID_PASSWORD', 'a password cannot be empty');
  }
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, DEFAULT_PARAMS, HASH_BYTES);
  const { ln, r, p } = DEFAULT_PARAMS;
  return `$scrypt$ln=${ln},r=${r},p=${p}$${b64(salt)}$${b64(hash)}`;
}

export function parsePasswordHash(text: string): ScryptHash {
  const fail = (why: string): never => {
    throw new UsherError(
      'USHER_ERR_ID_HASH',
      `password hash is not a supported scrypt string (${why}); set the password again with 'usher user passwd'`,
    );
  };
  const parts = text.split('$');
  if (parts.length !== 5 || parts[0] !== '' || parts[1] !== 'scrypt') fail("expected '$scrypt$ln=…,r=…,p=…$salt$hash'");
  const params = new Map((parts[2] ?? '').split(',').map((pair) => pair.split('=') as [string, string]));
  const read = (key: keyof typeof LIMITS): number => {
    const value = Number(params.get(key));
    const [min, max] = LIMITS[key];
    if (!Number.isInteger(value) || value < min || value > max) fail(`${key} must be an integer from ${min} to ${max}`);
    return value;
  };
  const salt = Buffer.from(parts[3] ?? '', 'base64');
  const hash = Buffer.from(parts[4] ?? '', 'base64');
  if (salt.length < 8 || hash.length < 16) fail('salt or hash too short');
  return { ln: read('ln'), r: read('r'), p: read('p'), salt, hash };
}

export function isPasswordHash(text: string): boolean {
  try {
    parsePasswordHash(text);
    return true;
  } catch {
    return false;
  }
}

/** Constant-time comparison of the derived key; a malformed stored hash is an error, not a mismatch. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  const candidate = await derive(password, parsed.salt, parsed, parsed.hash.length);
  return timingSafeEqual(candidate, parsed.hash);
}
