import { describe, expect, it } from 'vitest';
import { type Acl } from './ace.js';
import { denyAces, grantAces, removeAces } from './acl-edit.js';
import { formatAce, parseAce } from './icacls.js';
import { nameOf as fixtureNameOf, resolveName as fixtureResolve } from './fixtures/principals.js';

const acl = (aces: string[], isProtected = false): Acl => ({ protected: isProtected, aces: aces.map((text) => parseAce(text, fixtureResolve)) });
const texts = (value: Acl) => value.aces.map((ace) => formatAce(ace, fixtureNameOf));
const ace = (text: string) => parseAce(text, fixtureResolve);

describe("icacls' edits of an object's explicit ACL", () => {
  it.each([
    ['merges a grant into the same principal and flags', ['IUSR:(OI)(CI)(R)'], ['IUSR:(OI)(CI)(X)'], false, ['NT AUTHORITY\\IUSR:(OI)(CI)(RX)']],
    ['adds a separate ACE for other flags', ['IUSR:(OI)(CI)(R)'], ['IUSR:(W)'], false, ['NT AUTHORITY\\IUSR:(OI)(CI)(R)', 'NT AUTHORITY\\IUSR:(W)']],
    ['replaces every grant of the principal with --replace', ['IUSR:(OI)(CI)(M)', 'IUSR:(W)', 'Users:(R)'], ['IUSR:(OI)(CI)(R)'], true, ['BUILTIN\\Users:(R)', 'NT AUTHORITY\\IUSR:(OI)(CI)(R)']],
    ['keeps denies on --replace', ['IUSR:(DENY)(W)', 'IUSR:(F)'], ['IUSR:(R)'], true, ['NT AUTHORITY\\IUSR:(DENY)(W)', 'NT AUTHORITY\\IUSR:(R)']],
  ])('grant %s', (_title, before, grants, replace, after) => {
    expect(texts(grantAces(acl(before), grants.map(ace), { replace }))).toEqual(after);
  });

  it('a deny strips the denied rights from the principal\'s explicit grants and sorts first', () => {
    const result = denyAces(acl(['Users:(OI)(CI)(RX)', 'IUSR:(OI)(CI)(M)']), [ace('IUSR:(OI)(CI)(W)')]);
    // M minus W keeps neither WD/AD/WEA/WA nor SYNCHRONIZE: the surprise icacls gives too.
    expect(texts(result)).toEqual(['NT AUTHORITY\\IUSR:(OI)(CI)(DENY)(W)', 'BUILTIN\\Users:(OI)(CI)(RX)', 'NT AUTHORITY\\IUSR:(OI)(CI)(DE,RC,RD,REA,X,RA)']);
  });

  it('a deny that covers a whole grant removes it, and merges with an earlier deny', () => {
    const result = denyAces(acl(['IUSR:(DENY)(RD)', 'IUSR:(R)']), [ace('IUSR:(F)')]);
    expect(texts(result)).toEqual(['NT AUTHORITY\\IUSR:(DENY)(F)']);
  });

  it('leaves inherited-marked entries alone', () => {
    const result = denyAces(acl(['IUSR:(I)(R)']), [ace('IUSR:(R)')]);
    expect(texts(result)).toEqual(['NT AUTHORITY\\IUSR:(DENY)(R)', 'NT AUTHORITY\\IUSR:(I)(R)']);
  });

  it.each([
    ['all', ['BUILTIN\\Users:(R)']],
    ['grants', ['NT AUTHORITY\\IUSR:(DENY)(W)', 'BUILTIN\\Users:(R)']],
    ['denies', ['NT AUTHORITY\\IUSR:(R)', 'BUILTIN\\Users:(R)']],
  ] as const)('remove %s', (which, after) => {
    expect(texts(removeAces(acl(['IUSR:(DENY)(W)', 'IUSR:(R)', 'Users:(R)']), 'S-1-5-17', which))).toEqual(after);
  });

  it('keeps protection through every edit', () => {
    const start = acl(['IUSR:(R)'], true);
    expect(grantAces(start, [ace('Users:(R)')]).protected).toBe(true);
    expect(denyAces(start, [ace('Users:(R)')]).protected).toBe(true);
    expect(removeAces(start, 'S-1-5-17').protected).toBe(true);
  });
});
