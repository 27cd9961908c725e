import { describe, expect, it } from 'vitest';
import { percentDecode } from './percent-decode.js';

describe('percentDecode: exactly once, as UTF-8', () => {
  it.each([
    ['/a%20b', '/a b'],
    ['/a+b', '/a+b'],
    ['/%2525', '/%25'],
    ['/%e2%82%ac%F0%9F%98%80', '/€😀'],
    ['/ü%C3%BC', '/üü'],
    ['/😀', '/😀'],
    ['/plain', '/plain'],
  ])('%s → %s', (raw, decoded) => {
    expect(percentDecode(raw)).toBe(decoded);
  });

  it('decodes a long path in slices (no argument-count limit)', () => {
    expect(percentDecode(`/${'a%41'.repeat(5000)}`)).toBe(`/${'aA'.repeat(5000)}`);
  });

  it.each(['/%', '/%4', '/%4g', '/%u0041', '/%C3', '/%C3A', '/%C0%80', '/%ED%BF%BF', '/%F4%90%80%80', '/\ud83d', '/\ude00x'])(
    'refuses %s with a 400', (raw) => {
      expect(percentDecode(raw)).toMatchObject({ status: 400, substatus: 0 });
    });
});
