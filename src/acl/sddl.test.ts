import { describe, expect, it } from 'vitest';
import { isUsherError } from '../shared/index.js';
import { type Ace, aceFlags } from './ace.js';
import { formatSddl, formatSddlRights } from './sddl-format.js';
import { parseSddl } from './sddl.js';

const MACHINE = 'S-1-5-21-1111111111-2222222222-3333333333';
const TRUSTED_INSTALLER = 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464';
const ace = (type: Ace['type'], sid: string, mask: number, flags: Parameters<typeof aceFlags>[0] = {}): Ace => ({
  type,
  sid,
  mask,
  flags: aceFlags(flags),
});
const OICI = { objectInherit: true, containerInherit: true };

// Every SDDL string and ACE of reference §6.2 and §6.5, plus whole descriptors built from them.
const REAL = [
  'D:P(A;OICI;0x1200a9;;;S-1-5-17)',
  'D:(A;ID;0x1301bf;;;AU)(A;ID;0x1200a9;;;BU)',
  'D:AI(A;OICIID;FA;;;SY)',
  'D:(D;OICI;FA;;;S-1-5-32-568)',
  'D:AI(A;CIID;LC;;;BU)(A;CIID;DC;;;BU)',
  'D:PAI(A;OICI;0x1200a9;;;S-1-5-17)(D;OICIID;FA;;;BU)',
  `O:BAG:SYD:AI(A;OICI;0x1200a9;;;IS)(A;ID;FA;;;${TRUSTED_INSTALLER})(A;OICIIOID;GA;;;${TRUSTED_INSTALLER})` +
    '(A;ID;FA;;;SY)(A;OICIIOID;GA;;;SY)(A;ID;FA;;;BA)(A;OICIIOID;GA;;;BA)(A;ID;0x1200a9;;;BU)(A;OICIIOID;GXGR;;;BU)(A;OICIIOID;GA;;;CO)',
  'D:NO_ACCESS_CONTROL',
  'D:PARAI(A;OICINPIOID;FA;;;WD)',
];

describe('parseSddl', () => {
  it('reads a DACL with flags and ACEs', () => {
    expect(parseSddl('D:PAI(A;OICI;0x1200a9;;;S-1-5-17)(D;OICIID;FA;;;BU)')).toEqual({
      protected: true,
      autoInherited: true,
      autoInheritRequired: false,
      nullDacl: false,
      aces: [ace('allow', 'S-1-5-17', 0x1200a9, OICI), ace('deny', 'S-1-5-32-545', 0x1f01ff, { ...OICI, inherited: true })],
    });
  });

  it('keeps only the DACL of a full descriptor, SACL included', () => {
    const dacl = parseSddl('O:BAG:SYD:PAI(A;;FA;;;SY)S:AI(AU;SAFA;FA;;;WD)(XU;;FA;;;WD;(@User.x == "a)b"))');
    expect(dacl.protected).toBe(true);
    expect(dacl.aces).toEqual([ace('allow', 'S-1-5-18', 0x1f01ff)]);
    expect(parseSddl('S:(AU;SA;FA;;;WD)D:(A;;FR;;;WD)O:SY').aces).toEqual([ace('allow', 'S-1-1-0', 0x120089)]);
  });

  it('reports a NULL DACL as its own flag', () => {
    expect(parseSddl('D:NO_ACCESS_CONTROL')).toMatchObject({ nullDacl: true, aces: [] });
    expect(parseSddl('O:SYD:PNO_ACCESS_CONTROLS:')).toMatchObject({ nullDacl: true, protected: true });
  });

  it.each([
    ['0x1200a9', 0x1200a9],
    ['0X1200A9', 0x1200a9],
    ['1179817', 0x1200a9],
    ['04400251', 0x1200a9],
    ['0', 0],
    ['', 0],
    ['FA', 0x1f01ff],
    ['FR', 0x120089],
    ['FW', 0x120116],
    ['FX', 0x1200a0],
    ['GA', 0x10000000],
    ['GXGR', 0xa0000000],
    ['GRGWGXGA', 0xf0000000],
    ['RCSDWDWO', 0xf0000],
    ['DCLCRPCR', 0x116],
    ['CCDCLCSWRPWPDTLOCR', 0x1ff],
    ['KA', 0xf003f],
    ['fr', 0x120089],
  ])('reads rights %s', (rights, mask) => {
    expect(parseSddl(`D:(A;;${rights};;;WD)`).aces[0]!.mask).toBe(mask);
  });

  it('reads WD as WRITE_DAC among rights and as Everyone as a SID', () => {
    expect(parseSddl('D:(A;;WD;;;WD)').aces[0]).toEqual(ace('allow', 'S-1-1-0', 0x40000));
  });

  it.each([
    ['WD', 'S-1-1-0'], ['CO', 'S-1-3-0'], ['OW', 'S-1-3-4'], ['AN', 'S-1-5-7'], ['AU', 'S-1-5-11'],
    ['IU', 'S-1-5-4'], ['NU', 'S-1-5-2'], ['SU', 'S-1-5-6'], ['SY', 'S-1-5-18'], ['LS', 'S-1-5-19'],
    ['NS', 'S-1-5-20'], ['BA', 'S-1-5-32-544'], ['BU', 'S-1-5-32-545'], ['BG', 'S-1-5-32-546'],
    ['IS', 'S-1-5-32-568'], ['s-1-5-17', 'S-1-5-17'], ['S-1-5-82-0', 'S-1-5-82-0'],
  ])('reads SID %s', (text, sid) => {
    expect(parseSddl(`D:(A;;FA;;;${text})`).aces[0]!.sid).toBe(sid);
  });

  it('resolves LA and LG with the machine SID', () => {
    const dacl = parseSddl('D:(A;;FA;;;LA)(D;;FA;;;LG)', { machineSid: MACHINE });
    expect(dacl.aces.map((a) => a.sid)).toEqual([`${MACHINE}-500`, `${MACHINE}-501`]);
    expect(formatSddl(dacl, { machineSid: MACHINE })).toBe('D:(A;;FA;;;LA)(D;;FA;;;LG)');
  });

  // Each refusal: what is wrong, where (ACE number and character offset), and what was expected.
  it.each([
    ['', "empty SDDL (offset 0 of SDDL ''): expected a DACL such as 'D:PAI(A;OICI;FA;;;SY)'"],
    ['O:BAG:SY', "no DACL (offset 8 of SDDL 'O:BAG:SY'): expected a 'D:' section such as D:PAI(A;OICI;FA;;;SY)"],
    ['X:(A;;FA;;;SY)', "unexpected 'X:' (offset 0 of SDDL 'X:(A;;FA;;;SY)'): expected a section 'O:', 'G:', 'D:' or 'S:'"],
    ['D:(A;;FA;;;SY)D:', "a second 'D:' section (offset 14 of SDDL 'D:(A;;FA;;;SY)D:'): expected each section at most once"],
    ['D:Q(A;;FA;;;SY)', "unexpected 'Q' in the DACL (offset 2 of SDDL 'D:Q(A;;FA;;;SY)'): expected DACL flags (P, AI, AR), '(' to start an ACE, or the next section"],
    ['D:(A;;FA;;;SY', "no closing parenthesis in ACE #1 (offset 13 of SDDL 'D:(A;;FA;;;SY'): expected ')' at the end of the ACE"],
    ['D:(A;;FA;;;SY(A;;FA;;;BA)', "'(' before the ACE was closed in ACE #1 (offset 13 of SDDL 'D:(A;;FA;;;SY(A;;FA;;;BA)'): expected ')' to close the ACE first"],
    ['D:(A;;FA;;SY)', "5 fields in ACE #1 (offset 2 of SDDL 'D:(A;;FA;;SY)'): expected 6: type;flags;rights;object-guid;inherit-object-guid;sid"],
    ['D:(A)', "no ';' after the ACE type in ACE #1 (offset 3 of SDDL 'D:(A)'): expected type;flags;rights;;;sid, as in (A;OICI;FA;;;SY)"],
    ['D:(A;;FA;;;SY)(OA;;CR;ab;;WD)', "unsupported ACE type 'OA' (object allow) in ACE #2 (offset 15 of SDDL 'D:(A;;FA;;;SY)(OA;;CR;ab;;WD)'): expected A (allow) or D (deny), the only types a file DACL in usher holds"],
    ['D:(XA;;FA;;;WD;(Member_of {SID(BA)}))', "unsupported ACE type 'XA' (callback allow) in ACE #1 (offset 3 of"],
    ['D:(AU;SA;FA;;;WD)', "unsupported ACE type 'AU' (audit) in ACE #1 (offset 3 of"],
    ['D:(ML;;NW;;;LW)', "unsupported ACE type 'ML' (mandatory label) in ACE #1 (offset 3 of"],
    ['D:(Q;;FA;;;SY)', "unknown ACE type 'Q' in ACE #1 (offset 3 of SDDL 'D:(Q;;FA;;;SY)'): expected A (allow) or D (deny), the only types a file DACL in usher holds"],
    ['D:(A;SA;FA;;;SY)', "audit flag 'SA' in ACE #1 (offset 5 of SDDL 'D:(A;SA;FA;;;SY)'): expected OI, CI, NP, IO or ID (audit flags belong in a SACL)"],
    ['D:(A;OIFA;FA;;;SY)', "audit flag 'FA' in ACE #1 (offset 7 of"],
    ['D:(A;OX;FA;;;SY)', "unknown ACE flag 'OX' in ACE #1 (offset 5 of SDDL 'D:(A;OX;FA;;;SY)'): expected OI, CI, NP, IO or ID"],
    ['D:(A;;FQ;;;SY)', "unknown right 'FQ' in ACE #1 (offset 6 of SDDL 'D:(A;;FQ;;;SY)'): expected a number (0x1200a9) or two-letter codes such as FA, FR, FW, FX, GA, GR, RC, SD, WD, WO"],
    ['D:(A;;FAF;;;SY)', "unknown right 'F' in ACE #1 (offset 8 of"],
    ['D:(A;;0x100000000;;;SY)', "rights '0x100000000' larger than 32 bits in ACE #1 (offset 6 of SDDL 'D:(A;;0x100000000;;;SY)'): expected at most 0xffffffff"],
    ['D:(A;;FA;bf967aba-0de6-11d0-a285-00aa003049e2;;SY)', "object GUID 'bf967aba-0de6-11d0-a285-00aa003049e2' in ACE #1 (offset 9 of"],
    ['D:(A;;FA;;;)', "no SID in ACE #1 (offset 11 of SDDL 'D:(A;;FA;;;)'): expected a SID (S-1-5-17) or an alias (SY, BA, BU, WD, …)"],
    ['D:(A;;FA;;;S-1-5-x)', "malformed SID 'S-1-5-x' in ACE #1 (offset 11 of SDDL 'D:(A;;FA;;;S-1-5-x)'): expected S-1-<authority>-<sub>…"],
    ['D:(A;;FA;;;LA)', "'LA' (the local Administrator account) needs the machine SID in ACE #1 (offset 11 of SDDL 'D:(A;;FA;;;LA)'): expected the machine SID as an option, or the SID written numerically"],
    ['D:(A;;FA;;;DA)', "domain alias 'DA' in ACE #1 (offset 11 of SDDL 'D:(A;;FA;;;DA)'): expected its SID written numerically"],
    ['D:(A;;FA;;;ZZ)', "unknown SID alias 'ZZ' in ACE #1 (offset 11 of SDDL 'D:(A;;FA;;;ZZ)'): expected S-1-… or an alias such as SY, BA, BU, AU, WD, IS"],
    ['D:NO_ACCESS_CONTROL(A;;FA;;;SY)', "an ACE after 'D:NO_ACCESS_CONTROL' (offset 19 of SDDL 'D:NO_ACCESS_CONTROL(A;;FA;;;SY)'): expected the end of the DACL (a NULL DACL has no ACEs)"],
    ['O:D:(A;;FA;;;SY)', "empty 'O:' section (offset 2 of SDDL 'O:D:(A;;FA;;;SY)'): expected a SID"],
    ['D:S:(AU;SA;FA;;;WD', "unclosed ACE in the SACL (offset 18 of SDDL 'D:S:(AU;SA;FA;;;WD'): expected ')'"],
    ['D:S:"abc', 'unterminated quoted string in the SACL (offset 4 of SDDL \'D:S:"abc\'): expected a closing double quote'],
  ])('refuses %j', (text, message) => {
    expect(() => parseSddl(text)).toThrow(
      expect.objectContaining({ code: 'USHER_ERR_ACL_SDDL', message: expect.stringContaining(message) }),
    );
  });

  it('shortens a long SDDL in its errors', () => {
    const long = `D:${'(A;;FA;;;SY)'.repeat(20)}(A;;FQ;;;SY)`;
    expect(() => parseSddl(long)).toThrow(/^unknown right 'FQ' in ACE #21 \(offset 246 of SDDL '\.\.\.[^']{80,}\(A;;FQ;;;SY\)'\): expected/);
    const early = `D:(A;;FQ;;;SY)${'(A;;FA;;;SY)'.repeat(20)}`;
    expect(() => parseSddl(early)).toThrow(/\(offset 6 of SDDL 'D:\(A;;FQ;;;SY\)[^']{80,}\.\.\.'\)/);
  });
});

describe('formatSddl', () => {
  it('writes rights as Windows does', () => {
    expect([0x1f01ff, 0x120089, 0x120116, 0x1200a0, 0x1301bf, 0x1200a9, 0x100116, 0x4, 0x116, 0xa0000000, 0x10000000, 0x20000, 0]
      .map(formatSddlRights)).toEqual(['FA', 'FR', 'FW', 'FX', '0x1301bf', '0x1200a9', '0x100116', 'LC', 'DCLCRPCR', 'GXGR', 'GA', 'RC', '0x0']);
  });

  it('writes flags in Windows order and SIDs by alias where one exists', () => {
    const dacl = {
      protected: true,
      autoInherited: true,
      aces: [
        ace('deny', 'S-1-1-0', 0x100116, { inherited: true, inheritOnly: true, noPropagate: true, ...OICI }),
        ace('allow', 'S-1-5-17', 0x1200a9, OICI),
        ace('allow', 'S-1-5-32-568', 0x1200a9, { containerInherit: true }),
      ],
    };
    expect(formatSddl(dacl)).toBe('D:PAI(D;OICINPIOID;0x100116;;;WD)(A;OICI;0x1200a9;;;S-1-5-17)(A;CI;0x1200a9;;;IS)');
    expect(formatSddl({ ...dacl, autoInheritRequired: true, aces: [] })).toBe('D:PARAI');
    expect(formatSddl({ protected: false, nullDacl: true, aces: [] })).toBe('D:NO_ACCESS_CONTROL');
  });

  it.each(REAL)('reads back what it writes: %s', (text) => {
    const parsed = parseSddl(text);
    expect(parseSddl(formatSddl(parsed))).toEqual(parsed);
  });

  it('writes the reference strings exactly as Windows did', () => {
    for (const text of ['D:P(A;OICI;0x1200a9;;;S-1-5-17)', 'D:(A;ID;0x1301bf;;;AU)(A;ID;0x1200a9;;;BU)', 'D:AI(A;CIID;LC;;;BU)(A;CIID;DC;;;BU)']) {
      expect(formatSddl(parseSddl(text))).toBe(text);
    }
  });
});

describe('parseSddl under fuzzing', () => {
  let seed = 0x9e3779b9;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x100000000;
  };
  const ALPHABET = 'ADOGSPIRNCX0123456789xabcdef();:-_ "()';

  function mutate(text: string): string {
    const at = Math.floor(random() * (text.length + 1));
    switch (Math.floor(random() * 5)) {
      case 0:
        return text.slice(0, at);
      case 1:
        return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 4));
      case 2:
        return text.slice(0, at) + ALPHABET[Math.floor(random() * ALPHABET.length)] + text.slice(at);
      case 3:
        return text.slice(0, at) + ALPHABET[Math.floor(random() * ALPHABET.length)] + text.slice(at + 1);
      default: {
        const from = Math.floor(random() * text.length);
        return text.slice(0, at) + text.slice(from, from + 8) + text.slice(at);
      }
    }
  }

  it('only ever throws UsherError with USHER_ERR_ACL_SDDL, for 5000 mutated strings', () => {
    let refused = 0;
    for (let round = 0; round < 5000; round++) {
      let text = REAL[round % REAL.length]!;
      const times = 1 + Math.floor(random() * 3);
      for (let i = 0; i < times; i++) text = mutate(text);
      try {
        const parsed = parseSddl(text, round % 2 === 0 ? { machineSid: MACHINE } : {});
        expect(parseSddl(formatSddl(parsed, { machineSid: MACHINE }), { machineSid: MACHINE })).toEqual(parsed);
      } catch (error) {
        if (!isUsherError(error) || error.code !== 'USHER_ERR_ACL_SDDL') throw new Error(`unexpected ${String(error)} for ${JSON.stringify(text)}`, { cause: error });
        expect(error.message).toMatch(/^[a-z'0-9(].* \(offset \d+ of SDDL '.*'\)(: expected .+)?$/s);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(1000);
  });
});
