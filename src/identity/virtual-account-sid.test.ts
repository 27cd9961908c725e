import { describe, expect, it } from 'vitest';
import { poolSid, serviceSid } from './virtual-account-sid.js';

describe('virtual account SIDs (reference §7 test vectors from real servers)', () => {
  it.each([
    ['DefaultAppPool', 'S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415'],
    ['web', 'S-1-5-82-2971860261-2701350812-2118117159-340795515-2183480550'],
    ['Blog', 'S-1-5-82-2734256158-3485737692-275298378-1529073857-2789248872'],
  ])('pool %s', (name, sid) => {
    expect(poolSid(name)).toBe(sid);
  });

  it('ignores the case of the pool name, as IIS does', () => {
    expect(poolSid('DEFAULTAPPPOOL')).toBe(poolSid('defaultapppool'));
  });

  it('derives NT SERVICE\\TrustedInstaller from the upper-cased name', () => {
    expect(serviceSid('TrustedInstaller')).toBe('S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464');
  });
});
