import { describe, expect, it } from 'vitest';
import type { Ace } from './ace.js';
import { formatAce, parseAce } from './icacls.js';
import { type ChainNode, disableInheritance, effectiveAcl, inheritedCopies } from './inheritance.js';
import { nameOf, resolveName } from './fixtures/principals.js';

const parse = (text: string) => parseAce(text, resolveName);
const show = (aces: readonly Ace[]) => aces.map((ace) => formatAce(ace, nameOf));
const node = (path: string, isDirectory: boolean, aces: string[] = [], isProtected = false): ChainNode => ({
  path,
  isDirectory,
  acl: { protected: isProtected, aces: aces.map(parse) },
});

describe('inheritedCopies: what one ACE gives a child', () => {
  it.each<[string, boolean, string[]]>([
    ['IUSR:(OI)(CI)(RX)', false, ['NT AUTHORITY\\IUSR:(I)(RX)']],
    ['IUSR:(OI)(CI)(RX)', true, ['NT AUTHORITY\\IUSR:(I)(OI)(CI)(RX)']],
    ['IUSR:(OI)(RX)', false, ['NT AUTHORITY\\IUSR:(I)(RX)']],
    ['IUSR:(OI)(RX)', true, ['NT AUTHORITY\\IUSR:(I)(OI)(IO)(RX)']],
    ['IUSR:(CI)(RX)', false, []],
    ['IUSR:(CI)(RX)', true, ['NT AUTHORITY\\IUSR:(I)(CI)(RX)']],
    ['IUSR:(OI)(CI)(IO)(RX)', true, ['NT AUTHORITY\\IUSR:(I)(OI)(CI)(RX)']],
    ['IUSR:(OI)(CI)(IO)(RX)', false, ['NT AUTHORITY\\IUSR:(I)(RX)']],
    ['IUSR:(OI)(CI)(NP)(RX)', true, ['NT AUTHORITY\\IUSR:(I)(RX)']],
    ['IUSR:(OI)(CI)(NP)(RX)', false, ['NT AUTHORITY\\IUSR:(I)(RX)']],
    ['IUSR:(OI)(NP)(RX)', true, []],
    ['IUSR:(CI)(NP)(IO)(RX)', true, ['NT AUTHORITY\\IUSR:(I)(RX)']],
    ['IUSR:(RX)', true, []],
    ['IUSR:(RX)', false, []],
    // Generic rights are mapped where the copy applies; a copy that also passes them on is split.
    ['Users:(OI)(CI)(IO)(GR,GE)', false, ['BUILTIN\\Users:(I)(RX)']],
    ['Users:(OI)(CI)(IO)(GR,GE)', true, ['BUILTIN\\Users:(I)(RX)', 'BUILTIN\\Users:(I)(OI)(CI)(IO)(GR,GE)']],
    ['Users:(OI)(IO)(GR,GE)', true, ['BUILTIN\\Users:(I)(OI)(IO)(GR,GE)']],
    ['SYSTEM:(OI)(CI)(NP)(GA)', true, ['NT AUTHORITY\\SYSTEM:(I)(F)']],
    ['CREATOR OWNER:(OI)(CI)(IO)(F)', true, ['CREATOR OWNER:(I)(OI)(CI)(F)']],
    ['Everyone:(OI)(CI)(DENY)(W)', true, ['Everyone:(I)(OI)(CI)(DENY)(W)']],
  ])('%s to a %s', (text, isDirectory, expected) => {
    expect(show(inheritedCopies(parse(text), isDirectory))).toEqual(expected);
  });
});

describe('effectiveAcl', () => {
  it('reproduces the stock wwwroot listing from an inetpub-like parent', () => {
    const chain = [
      node('C:/inetpub', true, [
        'NT SERVICE\\TrustedInstaller:(OI)(CI)(IO)(GA)',
        'SYSTEM:(OI)(CI)(IO)(GA)',
        'Administrators:(OI)(CI)(IO)(GA)',
        'Users:(OI)(CI)(IO)(GR,GE)',
        'CREATOR OWNER:(OI)(CI)(IO)(GA)',
      ]),
      node('C:/inetpub/wwwroot', true, ['IIS_IUSRS:(OI)(CI)(RX)']),
    ];
    expect(show(effectiveAcl(chain).aces)).toEqual([
      'BUILTIN\\IIS_IUSRS:(OI)(CI)(RX)',
      'NT SERVICE\\TrustedInstaller:(I)(F)',
      'NT SERVICE\\TrustedInstaller:(I)(OI)(CI)(IO)(GA)',
      'NT AUTHORITY\\SYSTEM:(I)(F)',
      'NT AUTHORITY\\SYSTEM:(I)(OI)(CI)(IO)(GA)',
      'BUILTIN\\Administrators:(I)(F)',
      'BUILTIN\\Administrators:(I)(OI)(CI)(IO)(GA)',
      'BUILTIN\\Users:(I)(RX)',
      'BUILTIN\\Users:(I)(OI)(CI)(IO)(GR,GE)',
      'CREATOR OWNER:(I)(F)',
      'CREATOR OWNER:(I)(OI)(CI)(IO)(GA)',
    ]);
  });

  it('records where each ACE came from, how far up, and as what it was written', () => {
    const chain = [
      node('/s', true, ['IUSR:(OI)(CI)(RX)']),
      node('/s/sub', true, ['Everyone:(OI)(CI)(DENY)(W)']),
      node('/s/sub/a.txt', false, ['Administrators:(F)']),
    ];
    const { aces } = effectiveAcl(chain);
    expect(aces.map((ace) => [formatAce(ace, nameOf), ace.from, ace.level, formatAce(ace.origin, nameOf)])).toEqual([
      ['BUILTIN\\Administrators:(F)', '/s/sub/a.txt', 0, 'BUILTIN\\Administrators:(F)'],
      ['Everyone:(I)(DENY)(W)', '/s/sub', 1, 'Everyone:(OI)(CI)(DENY)(W)'],
      ['NT AUTHORITY\\IUSR:(I)(RX)', '/s', 2, 'NT AUTHORITY\\IUSR:(OI)(CI)(RX)'],
    ]);
  });

  it('orders explicit deny, explicit allow, then parent before grandparent with deny first', () => {
    const chain = [
      node('/s', true, ['IUSR:(OI)(CI)(R)', 'IUSR:(OI)(CI)(DENY)(WD)']),
      node('/s/sub', true, ['Users:(OI)(CI)(R)', 'Users:(OI)(CI)(DENY)(AD)']),
      node('/s/sub/a.txt', false, ['Everyone:(R)', 'Everyone:(DENY)(WA)']),
    ];
    expect(show(effectiveAcl(chain).aces)).toEqual([
      'Everyone:(DENY)(WA)',
      'Everyone:(R)',
      'BUILTIN\\Users:(I)(DENY)(AD)',
      'BUILTIN\\Users:(I)(R)',
      'NT AUTHORITY\\IUSR:(I)(DENY)(WD)',
      'NT AUTHORITY\\IUSR:(I)(R)',
    ]);
  });

  it('takes nothing from above a protected ACL, and says where protection is', () => {
    const chain = [node('/s', true, ['IUSR:(OI)(CI)(RX)']), node('/s/app', true, ['SYSTEM:(OI)(CI)(F)'], true), node('/s/app/a', false)];
    const result = effectiveAcl(chain);
    expect(show(result.aces)).toEqual(['NT AUTHORITY\\SYSTEM:(I)(F)']);
    expect(result.protectedAt).toBe('/s/app');
    expect(result.unreached).toEqual([{ ace: parse('IUSR:(OI)(CI)(RX)'), from: '/s', stoppedAt: '/s/app', reason: 'protected' }]);
  });

  it('treats nodes without an entry as empty and unprotected', () => {
    const chain: ChainNode[] = [node('/s', true, ['IUSR:(OI)(CI)(R)']), { path: '/s/x', isDirectory: true }, { path: '/s/x/a', isDirectory: false }];
    expect(show(effectiveAcl(chain).aces)).toEqual(['NT AUTHORITY\\IUSR:(I)(R)']);
    expect(effectiveAcl(chain).protectedAt).toBeUndefined();
  });

  it('explains what stopped on the way down', () => {
    const chain = [
      node('/s', true, ['IUSR:(CI)(RX)', 'Users:(RX)', 'Everyone:(OI)(CI)(NP)(R)', 'Guests:(OI)(NP)(R)', 'SYSTEM:(IO)(F)']),
      node('/s/sub', true),
      node('/s/sub/a.txt', false),
    ];
    expect(effectiveAcl(chain).unreached.map((u) => [formatAce(u.ace, nameOf), u.stoppedAt, u.reason])).toEqual([
      ['BUILTIN\\Users:(RX)', '/s/sub', 'this-object-only'],
      ['Everyone:(OI)(CI)(NP)(R)', '/s/sub/a.txt', 'no-propagate'],
      ['BUILTIN\\Guests:(OI)(NP)(R)', '/s/sub', 'no-propagate'],
      ['NT AUTHORITY\\IUSR:(CI)(RX)', '/s/sub/a.txt', 'folders-only'],
    ]);
  });

  it('refuses a chain that goes below a file', () => {
    expect(() => effectiveAcl([node('/a.txt', false), node('/a.txt/b', false)])).toThrow(
      expect.objectContaining({ code: 'USHER_ERR_ACL_PATH', message: "'/a.txt' is a file, so '/a.txt/b' cannot be below it" }),
    );
    expect(() => effectiveAcl([])).toThrow(expect.objectContaining({ code: 'USHER_ERR_ACL_PATH' }));
  });
});

describe('disableInheritance', () => {
  const chain = [
    node('/s', true, ['Users:(OI)(CI)(IO)(GR,GE)', 'Everyone:(OI)(CI)(DENY)(WD)']),
    node('/s/app', true, ['IUSR:(OI)(CI)(M)', 'Guests:(I)(OI)(CI)(R)']),
  ];

  it('copy: inherited ACEs become explicit, keeping their inheritance flags', () => {
    const acl = disableInheritance(chain, 'copy');
    expect(acl.protected).toBe(true);
    expect(show(acl.aces)).toEqual([
      'Everyone:(OI)(CI)(DENY)(WD)',
      'NT AUTHORITY\\IUSR:(OI)(CI)(M)',
      'BUILTIN\\Guests:(OI)(CI)(R)',
      'BUILTIN\\Users:(RX)',
      'BUILTIN\\Users:(OI)(CI)(IO)(GR,GE)',
    ]);
  });

  it('copy: children see the same ACEs as before', () => {
    const child = node('/s/app/a.txt', false);
    const before = effectiveAcl([...chain, child]).aces;
    const after = effectiveAcl([chain[0]!, { ...chain[1]!, acl: disableInheritance(chain, 'copy') }, child]).aces;
    expect(new Set(show(after))).toEqual(new Set(show(before)));
  });

  it('remove: only the explicit ACEs stay', () => {
    expect(show(disableInheritance(chain, 'remove').aces)).toEqual(['NT AUTHORITY\\IUSR:(OI)(CI)(M)']);
  });

  it('works on a node with no ACL of its own', () => {
    const bare: ChainNode[] = [chain[0]!, { path: '/s/empty', isDirectory: false }];
    expect(show(disableInheritance(bare, 'copy').aces)).toEqual(['Everyone:(DENY)(WD)', 'BUILTIN\\Users:(RX)']);
    expect(disableInheritance(bare, 'remove')).toEqual({ protected: true, aces: [] });
  });
});

describe('the inherited flag set by hand', () => {
  it('keeps an (I) ACE after the explicit ones of the same object', () => {
    const chain = [node('/s', true, ['IUSR:(I)(OI)(CI)(DENY)(R)', 'IUSR:(OI)(CI)(R)'])];
    expect(show(effectiveAcl(chain).aces)).toEqual(['NT AUTHORITY\\IUSR:(OI)(CI)(R)', 'NT AUTHORITY\\IUSR:(I)(OI)(CI)(DENY)(R)']);
  });
});
