import { describe, expect, it } from 'vitest';
import { type Ace, aceFlags } from './ace.js';
import { formatAce, parseAce, parseRights } from './icacls.js';
import { POOL_SIDS, nameOf, resolveName } from './fixtures/principals.js';

const parse = (text: string, type?: 'allow' | 'deny') => parseAce(text, resolveName, type);
const ace = (type: Ace['type'], sid: string, mask: number, flags: Parameters<typeof aceFlags>[0] = {}): Ace => ({
  type,
  sid,
  mask,
  flags: aceFlags(flags),
});
const OICI = { objectInherit: true, containerInherit: true };

describe('parseAce', () => {
  it.each<[string, Ace]>([
    ['IUSR:(OI)(CI)(RX)', ace('allow', 'S-1-5-17', 0x1200a9, OICI)],
    ['IUSR:(OI)(CI)RX', ace('allow', 'S-1-5-17', 0x1200a9, OICI)],
    ['IUSR:F', ace('allow', 'S-1-5-17', 0x1f01ff)],
    ['IUSR:(F)', ace('allow', 'S-1-5-17', 0x1f01ff)],
    ['IUSR:(N)', ace('allow', 'S-1-5-17', 0)],
    ['IUSR:(D)', ace('allow', 'S-1-5-17', 0x110000)],
    ['IUSR:(RX,W)', ace('allow', 'S-1-5-17', 0x1201bf)],
    ['IUSR:(RD,X)', ace('allow', 'S-1-5-17', 0x21)],
    ['IUSR:(GR,GE)', ace('allow', 'S-1-5-17', 0xa0000000)],
    ['IUSR:(DE,WDAC,WO,WD,DC)', ace('allow', 'S-1-5-17', 0xd0042)],
    ['IUSR:(Rc,RD,REA,X,RA)', ace('allow', 'S-1-5-17', 0x200a9)],
    ['IUSR:(CI)(NP)(M)', ace('allow', 'S-1-5-17', 0x1301bf, { containerInherit: true, noPropagate: true })],
    ['BUILTIN\\Users:(I)(OI)(CI)(IO)(GR,GE)', ace('allow', 'S-1-5-32-545', 0xa0000000, { ...OICI, inheritOnly: true, inherited: true })],
    ['Everyone:(DENY)(W)', ace('deny', 'S-1-1-0', 0x100116)],
    ['Everyone:(OI)(CI)(DENY)(W)', ace('deny', 'S-1-1-0', 0x100116, OICI)],
    ['Everyone:(I)(DENY)(W,D,RC,DC)', ace('deny', 'S-1-1-0', 0x130156, { inherited: true })],
    ['IIS AppPool\\DefaultAppPool:(OI)(CI)(M)', ace('allow', POOL_SIDS.DefaultAppPool, 0x1301bf, OICI)],
    ['NT AUTHORITY\\IUSR:(OI)(CI)(RX)', ace('allow', 'S-1-5-17', 0x1200a9, OICI)],
    ['*S-1-5-17:(OI)(CI)(RX)', ace('allow', 'S-1-5-17', 0x1200a9, OICI)],
    ['*S-1-5-32-568:R', ace('allow', 'S-1-5-32-568', 0x120089)],
    ['iusr:(oi)(ci)(rx)', ace('allow', 'S-1-5-17', 0x1200a9, OICI)],
    ['  IUSR:(OI)(CI)(RX)  ', ace('allow', 'S-1-5-17', 0x1200a9, OICI)],
    ['IUSR:(0x200)', ace('allow', 'S-1-5-17', 0x200)],
  ])('%s', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it('makes a deny ACE when asked, as `/deny` does', () => {
    expect(parse('IUSR:(OI)(CI)(W)', 'deny')).toEqual(ace('deny', 'S-1-5-17', 0x100116, OICI));
  });

  it('splits at the last colon that starts permissions', () => {
    const seen: string[] = [];
    parseAce('odd:name:(R)', (name) => {
      seen.push(name);
      return 'S-1-5-17';
    });
    expect(seen).toEqual(['odd:name']);
  });

  it('lets the resolver’s own error through', () => {
    expect(() => parse('nobody:(R)')).toThrow(expect.objectContaining({ code: 'USHER_ERR_ID_UNKNOWN_NAME' }));
  });

  it.each([
    ['IUSR', "'IUSR' is not an ACE: expected PRINCIPAL:PERMS, e.g. 'IUSR:(OI)(CI)(RX)' or '*S-1-5-17:R'"],
    [':(R)', "no principal before ':' in ACE ':(R)': expected a name such as IUSR or a SID such as *S-1-5-17"],
    ['IUSR:(OI)(CI)', "no rights in ACE 'IUSR:(OI)(CI)': expected rights such as (RX), (OI)(CI)(M), F or (RD,X)"],
    ['IUSR:(XX)', "unknown right 'XX' in ACE 'IUSR:(XX)': expected F, M, RX, R, W, D or N, or specific rights such as RD, WD, AD, REA, WEA, X, DC, RA, WA, DE, RC, WDAC, WO, S, GR, GW, GE, GA"],
    ['IUSR:(OI', "unclosed '(OI' in ACE 'IUSR:(OI': expected ')'"],
    ['IUSR:(R,)', "empty right in '(R,)' in ACE 'IUSR:(R,)': expected a right name between the commas"],
    ['IUSR:(RX)(OI)', "flag '(OI)' after the rights in ACE 'IUSR:(RX)(OI)': expected the flags first, as in (OI)(CI)(RX)"],
    ['IUSR:(OI)Read', "unexpected 'Read' in ACE 'IUSR:(OI)Read': expected rights such as (RX), (OI)(CI)(M), F or (RD,X); a right without parentheses must be F, M, RX, R, W, D or N"],
  ])('refuses %s', (text, message) => {
    expect(() => parse(text)).toThrow(expect.objectContaining({ code: 'USHER_ERR_ACL_SYNTAX', message }));
  });
});

describe('formatAce', () => {
  it.each<[Ace, string]>([
    [ace('allow', 'S-1-5-17', 0x1200a9, OICI), 'NT AUTHORITY\\IUSR:(OI)(CI)(RX)'],
    [ace('allow', 'S-1-5-32-545', 0xa0000000, { ...OICI, inheritOnly: true, inherited: true }), 'BUILTIN\\Users:(I)(OI)(CI)(IO)(GR,GE)'],
    [ace('deny', 'S-1-1-0', 0x100116, OICI), 'Everyone:(OI)(CI)(DENY)(W)'],
    [ace('deny', 'S-1-1-0', 0x100116, { inherited: true }), 'Everyone:(I)(DENY)(W)'],
    [ace('allow', 'S-1-5-17', 0x1200a9, { ...OICI, noPropagate: true, inheritOnly: true }), 'NT AUTHORITY\\IUSR:(OI)(CI)(NP)(IO)(RX)'],
    [ace('allow', 'S-1-5-17', 0x1201bf), 'NT AUTHORITY\\IUSR:(RX,W)'],
    [ace('allow', 'S-1-5-17', 0x1f01ff, { inherited: true }), 'NT AUTHORITY\\IUSR:(I)(F)'],
    [ace('allow', 'S-1-5-17', 0), 'NT AUTHORITY\\IUSR:(N)'],
    [ace('deny', 'S-1-5-17', 0x130156, { inherited: true }), 'NT AUTHORITY\\IUSR:(I)(DENY)(W,D,RC,DC)'],
    [ace('allow', 'S-1-5-99', 0x21), 'S-1-5-99:(RD,X)'],
  ])('%#: %s', (value, text) => {
    expect(formatAce(value, nameOf)).toBe(text);
  });

  it('reads back what it prints', () => {
    const masks = [0, 0x1, 0x21, 0x110000, 0x10000, 0x1201bf, 0x1301ff, 0xa0000000, 0x10000000, 0x1f01ff, 0x200a9, 0x1000200, 0xffffffff];
    for (const mask of masks) {
      for (const type of ['allow', 'deny'] as const) {
        const original = ace(type, 'S-1-5-17', mask, { ...OICI, noPropagate: mask % 2 === 1, inherited: mask > 0x100000 });
        expect(parse(formatAce(original, nameOf))).toEqual(original);
      }
    }
  });
});

describe('parseRights (acl check --right)', () => {
  it.each([
    ['R', 0x120089],
    ['RX', 0x1200a9],
    ['(RD,X)', 0x21],
    ['RD,X', 0x21],
    ['GR', 0x80000000],
    ['0x120089', 0x120089],
    ['(RX,W)', 0x1201bf],
  ])('%s', (text, mask) => {
    expect(parseRights(text)).toBe(mask);
  });

  it.each(['', '()', 'Q', 'R,,X'])('refuses %j', (text) => {
    expect(() => parseRights(text)).toThrow(expect.objectContaining({ code: 'USHER_ERR_ACL_SYNTAX' }));
  });
});
