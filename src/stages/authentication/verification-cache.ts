import { createHmac, randomBytes } from 'node:crypto';
import { verifyPassword } from '../../identity/index.js';
import { BoundedCache } from '../../pipeline/index.js';

// A hash every unknown or hash-less user is checked against, so a miss costs what a hit costs and
// response times do not tell which user names exist.
const DECOY_HASH = '$scrypt$ln=15,r=8,p=1$dXNoZXItZGVjb3ktc2FsdA$4f2jHgaiUYuBBaSSzLofuh+74Beja01hVOEW4kE6yPI';

/**
 * Successful Basic verifications, remembered for a short while under a keyed hash of
 * (user, password, stored hash) — never the password itself — so a signed-in browser costs one
 * scrypt, not one per request. A changed password or hash changes the key; failures are never cached.
 */
export class VerificationCache {
  readonly #key = randomBytes(32);
  readonly #verified = new BoundedCache<string, number>(10_000);
  readonly #inFlight = new Map<string, Promise<boolean>>();

  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #derive: (password: string, hash: string) => Promise<boolean>;

  constructor(options: { ttlMs?: number; now?: () => number; verify?: (password: string, hash: string) => Promise<boolean> } = {}) {
    this.#ttlMs = options.ttlMs ?? 5 * 60_000;
    this.#now = options.now ?? Date.now;
    this.#derive = options.verify ?? verifyPassword;
  }

  async verify(user: string, password: string, storedHash: string | undefined): Promise<boolean> {
    const key = createHmac('sha256', this.#key).update(`${user.toLowerCase()}\0${password}\0${storedHash ?? ''}`).digest('base64');
    const until = this.#verified.get(key);
    if (until !== undefined && until > this.#now()) return storedHash !== undefined;
    // Concurrent requests with the same credentials share one scrypt.
    let pending = this.#inFlight.get(key);
    if (!pending) {
      pending = this.#check(password, storedHash).finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, pending);
    }
    const ok = await pending;
    if (ok) this.#verified.set(key, this.#now() + this.#ttlMs);
    return ok;
  }

  async #check(password: string, storedHash: string | undefined): Promise<boolean> {
    if (storedHash === undefined) {
      await this.#derive(password, DECOY_HASH).catch(() => false);
      return false;
    }
    try {
      return await this.#derive(password, storedHash);
    } catch {
      return false;
    }
  }
}
