import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../identity/index.js';
import { VerificationCache } from './verification-cache.js';

/** A cache whose scrypt derivations are counted. */
function counted(options: { ttlMs?: number; now?: () => number } = {}) {
  const calls = { count: 0 };
  const cache = new VerificationCache({
    ...options,
    verify: (password, hash) => {
      calls.count += 1;
      return verifyPassword(password, hash);
    },
  });
  return { cache, calls };
}

describe('the cache of successful Basic verifications', () => {
  it('verifies once, then answers from the cache until the entry expires', async () => {
    let now = 1_000;
    const { cache, calls } = counted({ ttlMs: 60_000, now: () => now });
    const hash = await hashPassword('right');
    expect(await cache.verify('alice', 'right', hash)).toBe(true);
    expect(await cache.verify('ALICE', 'right', hash)).toBe(true);
    expect(calls.count).toBe(1);
    now += 61_000;
    expect(await cache.verify('alice', 'right', hash)).toBe(true);
    expect(calls.count).toBe(2);
  });

  it('never caches a failure, and a wrong password never matches a cached success', async () => {
    const { cache, calls } = counted();
    const hash = await hashPassword('right');
    expect(await cache.verify('alice', 'right', hash)).toBe(true);
    expect(await cache.verify('alice', 'wrong', hash)).toBe(false);
    expect(await cache.verify('alice', 'wrong', hash)).toBe(false);
    expect(calls.count).toBe(3);
  });

  it('forgets a success when the stored hash changes (a new password)', async () => {
    const cache = new VerificationCache();
    const before = await hashPassword('old');
    const after = await hashPassword('new');
    expect(await cache.verify('alice', 'old', before)).toBe(true);
    expect(await cache.verify('alice', 'old', after)).toBe(false);
  });

  it('answers false for a user with no hash, after the same work as a real check', async () => {
    const { cache, calls } = counted();
    expect(await cache.verify('nobody', 'x', undefined)).toBe(false);
    expect(calls.count).toBe(1);
  });

  it('shares one derivation between concurrent requests with the same credentials', async () => {
    const { cache, calls } = counted();
    const hash = await hashPassword('right');
    const results = await Promise.all(Array.from({ length: 5 }, () => cache.verify('alice', 'right', hash)));
    expect(results).toEqual([true, true, true, true, true]);
    expect(calls.count).toBe(1);
  });
});
