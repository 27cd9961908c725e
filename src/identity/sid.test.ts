import { describe, expect, it } from 'vitest';
import { normalizeSid, parseSid } from './sid.js';

describe('SID syntax', () => {
  it.each([
    ['S-1-5-17', 'S-1-5-17'],
    ['*S-1-5-17', 'S-1-5-17'],
    ['s-1-5-32-545', 'S-1-5-32-545'],
    ['S-1-1-0', 'S-1-1-0'],
    ['S-1-5-21-1111111111-2222222222-3333333333-1001', 'S-1-5-21-1111111111-2222222222-3333333333-1001'],
    ['S-1-0x000000000005-17', 'S-1-5-17'],
    ['S-1-5', 'S-1-5'],
  ])('accepts %s', (text, canonical) => {
    expect(normalizeSid(text)).toBe(canonical);
  });

  it.each(['S-2-5-17', 'S-1-5-', 'S-1-5-17-', 'S-1-5-4294967296', 'IUSR', '', 'S-1-a', '**S-1-5-17', 'S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16'])(
    'refuses %j',
    (text) => {
      expect(normalizeSid(text)).toBeUndefined();
      expect(() => parseSid(text)).toThrow(expect.objectContaining({ code: 'USHER_ERR_ID_BAD_SID' }));
    },
  );
});
