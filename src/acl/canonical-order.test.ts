import { describe, expect, it } from 'vitest';
import type { EffectiveAce } from './ace.js';
import { canonicalOrder, isCanonical } from './canonical-order.js';
import { formatAce, parseAce } from './icacls.js';
import { nameOf, resolveName } from './fixtures/principals.js';

/** `level:ACE`, e.g. `1:IUSR:(DENY)(R)`; an (I) in the ACE marks an inherited one. */
function effective(text: string): EffectiveAce {
  const split = text.indexOf(':');
  const level = Number(text.slice(0, split));
  const ace = parseAce(text.slice(split + 1), resolveName);
  return { ...ace, from: `/level${level}`, level, origin: ace };
}
const show = (aces: readonly EffectiveAce[]) => aces.map((ace) => `${ace.level}:${formatAce(ace, nameOf)}`);

describe('canonicalOrder', () => {
  it.each<[string, string[], string[]]>([
    ['explicit deny before explicit allow', ['0:IUSR:(R)', '0:Users:(DENY)(W)'], ['0:BUILTIN\\Users:(DENY)(W)', '0:NT AUTHORITY\\IUSR:(R)']],
    ['explicit before inherited', ['1:IUSR:(I)(DENY)(R)', '0:IUSR:(R)'], ['0:NT AUTHORITY\\IUSR:(R)', '1:NT AUTHORITY\\IUSR:(I)(DENY)(R)']],
    ['parent before grandparent', ['2:IUSR:(I)(DENY)(R)', '1:IUSR:(I)(R)'], ['1:NT AUTHORITY\\IUSR:(I)(R)', '2:NT AUTHORITY\\IUSR:(I)(DENY)(R)']],
    ['deny before allow within a level', ['1:IUSR:(I)(R)', '1:Users:(I)(DENY)(W)'], ['1:BUILTIN\\Users:(I)(DENY)(W)', '1:NT AUTHORITY\\IUSR:(I)(R)']],
    [
      'stable within a group',
      ['0:IUSR:(R)', '0:Users:(R)', '0:Everyone:(R)', '0:Guests:(DENY)(R)', '0:SYSTEM:(DENY)(R)'],
      ['0:BUILTIN\\Guests:(DENY)(R)', '0:NT AUTHORITY\\SYSTEM:(DENY)(R)', '0:NT AUTHORITY\\IUSR:(R)', '0:BUILTIN\\Users:(R)', '0:Everyone:(R)'],
    ],
    ['an (I) ACE stored on the object goes after its explicit ones', ['0:IUSR:(I)(DENY)(R)', '0:IUSR:(R)', '1:Users:(I)(DENY)(R)'], [
      '0:NT AUTHORITY\\IUSR:(R)',
      '0:NT AUTHORITY\\IUSR:(I)(DENY)(R)',
      '1:BUILTIN\\Users:(I)(DENY)(R)',
    ]],
    [
      'everything at once',
      ['2:Users:(I)(R)', '1:Everyone:(I)(R)', '0:IUSR:(R)', '2:Users:(I)(DENY)(X)', '1:Everyone:(I)(DENY)(X)', '0:IUSR:(DENY)(X)'],
      ['0:NT AUTHORITY\\IUSR:(DENY)(X)', '0:NT AUTHORITY\\IUSR:(R)', '1:Everyone:(I)(DENY)(X)', '1:Everyone:(I)(R)', '2:BUILTIN\\Users:(I)(DENY)(X)', '2:BUILTIN\\Users:(I)(R)'],
    ],
  ])('%s', (_name, input, expected) => {
    const ordered = canonicalOrder(input.map(effective));
    expect(show(ordered)).toEqual(expected);
    expect(isCanonical(ordered)).toBe(true);
    expect(isCanonical(input.map(effective))).toBe(show(input.map(effective)).join() === expected.join());
  });

  it('does not change its input', () => {
    const input = ['0:IUSR:(R)', '0:Users:(DENY)(W)'].map(effective);
    canonicalOrder(input);
    expect(show(input)).toEqual(['0:NT AUTHORITY\\IUSR:(R)', '0:BUILTIN\\Users:(DENY)(W)']);
  });

  it('orders a stored DACL without levels: explicit first, inherited kept as they are', () => {
    const stored = ['IUSR:(I)(R)', 'IUSR:(I)(DENY)(W)', 'Users:(R)', 'Users:(DENY)(W)'].map((text) => parseAce(text, resolveName));
    const ordered = canonicalOrder(stored);
    expect(ordered.map((ace) => formatAce(ace, nameOf))).toEqual([
      'BUILTIN\\Users:(DENY)(W)',
      'BUILTIN\\Users:(R)',
      'NT AUTHORITY\\IUSR:(I)(R)',
      'NT AUTHORITY\\IUSR:(I)(DENY)(W)',
    ]);
    expect(isCanonical(ordered)).toBe(true);
    expect(isCanonical(stored)).toBe(false);
  });

  it('accepts an empty list', () => {
    expect(canonicalOrder([])).toEqual([]);
    expect(isCanonical([])).toBe(true);
  });
});
