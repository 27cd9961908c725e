import { describe, expect, it } from 'vitest';
import type { Token } from '../identity/index.js';
import { type AccessCheckResult, accessCheck } from './access-check.js';
import { LIST_DIRECTORY, READ_FILE, SIMPLE_RIGHTS, SPECIFIC_RIGHTS, formatMask, mapGenericBits } from './access-mask.js';
import { NO_FLAGS } from './ace.js';
import { parseAce } from './icacls.js';
import { type ChainNode, disableInheritance, effectiveAcl } from './inheritance.js';
import { resolveName } from './fixtures/principals.js';
import { ALICE_TOKEN, IUSR_TOKEN, POOL_TOKENS } from './fixtures/tokens.js';

const { F, M, RX, R, W, D }: Record<'F' | 'M' | 'RX' | 'R' | 'W' | 'D', number> = SIMPLE_RIGHTS;
const { RD, WD, X, GR, GW, GA }: Record<'RD' | 'WD' | 'X' | 'GR' | 'GW' | 'GA', number> = SPECIFIC_RIGHTS;
const POOL = POOL_TOKENS;

interface NodeSpec {
  readonly path: string;
  readonly isDirectory: boolean;
  readonly aces?: readonly string[];
  readonly protected?: boolean;
  /** Apply `disableInheritance` to this node, as `usher acl inheritance PATH disable|remove` would. */
  readonly disable?: 'copy' | 'remove';
}

/** A folder, a protected folder, a file; ACEs are icacls strings, denies carry (DENY). */
const dir = (path: string, ...aces: string[]): NodeSpec => ({ path, isDirectory: true, aces });
const prot = (path: string, ...aces: string[]): NodeSpec => ({ path, isDirectory: true, aces, protected: true });
const file = (path: string, ...aces: string[]): NodeSpec => ({ path, isDirectory: false, aces });
const disabled = (spec: NodeSpec, mode: 'copy' | 'remove'): NodeSpec => ({ ...spec, disable: mode });

function buildChain(specs: readonly NodeSpec[]): ChainNode[] {
  const chain: ChainNode[] = [];
  for (const spec of specs) {
    const aces = (spec.aces ?? []).map((text) => parseAce(text, resolveName));
    chain.push({ path: spec.path, isDirectory: spec.isDirectory, acl: { protected: spec.protected ?? false, aces } });
    if (spec.disable) {
      chain[chain.length - 1] = { ...chain[chain.length - 1]!, acl: disableInheritance(chain, spec.disable) };
    }
  }
  return chain;
}

function check(specs: readonly NodeSpec[], token: Token, desired: number): AccessCheckResult {
  return accessCheck({ ...effectiveAcl(buildChain(specs)), token, desired });
}

interface Row {
  readonly name: string;
  readonly chain: readonly NodeSpec[];
  readonly token: Token;
  readonly desired: number;
  /** The maximum-allowed mask. */
  readonly granted: number;
  readonly allowed: boolean;
}

const S = '/srv/site';
const A = `${S}/a.txt`;
const SUB = `${S}/sub`;
const SUB_A = `${SUB}/a.txt`;
const DEEP = `${SUB}/deep`;
const DEEP_A = `${DEEP}/a.txt`;
const APP = `${S}/app`;
const APP_A = `${APP}/a.txt`;

const onFile = (name: string, ace: string, token: Token, granted: number, desired: number = READ_FILE): Row => ({
  name,
  chain: [dir(S, ace), file(A)],
  token,
  desired,
  granted,
  allowed: desired === 0 ? granted !== 0 : (granted & desired) >>> 0 === desired,
});

const ROWS: readonly Row[] = [
  // Standard permission sets, inherited by a file.
  onFile('F grants full control', 'IUSR:(OI)(CI)(F)', IUSR_TOKEN, F),
  onFile('M grants modify', 'IUSR:(OI)(CI)(M)', IUSR_TOKEN, M),
  onFile('RX grants read & execute', 'IUSR:(OI)(CI)(RX)', IUSR_TOKEN, RX),
  onFile('R grants read', 'IUSR:(OI)(CI)(R)', IUSR_TOKEN, R),
  onFile('W alone does not read', 'IUSR:(OI)(CI)(W)', IUSR_TOKEN, W),
  onFile('W grants write', 'IUSR:(OI)(CI)(W)', IUSR_TOKEN, W, W),
  onFile('D grants delete but not read', 'IUSR:(OI)(CI)(D)', IUSR_TOKEN, D),
  onFile('N grants nothing', 'IUSR:(OI)(CI)(N)', IUSR_TOKEN, 0),
  onFile('RX,W as one ACE', 'IUSR:(OI)(CI)(RX,W)', IUSR_TOKEN, 0x1201bf, W),
  onFile('bare simple right after flags', 'IUSR:(OI)(CI)RX', IUSR_TOKEN, RX),
  { name: 'List folder contents (CI)(RX) does not reach files', chain: [dir(S, 'IUSR:(CI)(RX)'), file(A)], token: IUSR_TOKEN, desired: READ_FILE, granted: 0, allowed: false },
  { name: 'List folder contents lists a sub-folder', chain: [dir(S, 'IUSR:(CI)(RX)'), dir(SUB)], token: IUSR_TOKEN, desired: LIST_DIRECTORY, granted: RX, allowed: true },
  { name: 'List folder contents lists the folder itself', chain: [dir(S, 'IUSR:(CI)(RX)')], token: IUSR_TOKEN, desired: LIST_DIRECTORY, granted: RX, allowed: true },

  // Specific and generic rights.
  onFile('(RD,X) is not R', 'IUSR:(OI)(CI)(RD,X)', IUSR_TOKEN, RD | X),
  { name: '(RD,X) lacks SYNCHRONIZE, so no listing', chain: [dir(S, 'IUSR:(OI)(CI)(RD,X)')], token: IUSR_TOKEN, desired: LIST_DIRECTORY, granted: RD | X, allowed: false },
  { name: '(RD,X) grants FILE_READ_DATA alone', chain: [dir(S, 'IUSR:(OI)(CI)(RD,X)')], token: IUSR_TOKEN, desired: RD, granted: RD | X, allowed: true },
  onFile('(GR,GE) maps to read & execute', 'IUSR:(OI)(CI)(GR,GE)', IUSR_TOKEN, RX),
  { name: 'GR set on the file itself', chain: [dir(S), file(A, 'IUSR:(GR)')], token: IUSR_TOKEN, desired: READ_FILE, granted: R, allowed: true },
  { name: 'desired GR is mapped before comparing', chain: [dir(S, 'IUSR:(OI)(CI)(R)'), file(A)], token: IUSR_TOKEN, desired: GR, granted: R, allowed: true },
  { name: 'desired GA against RX is refused', chain: [dir(S, 'IUSR:(OI)(CI)(RX)'), file(A)], token: IUSR_TOKEN, desired: GA, granted: RX, allowed: false },
  { name: 'GA on an IO ACE does not apply to its folder', chain: [dir(S, 'IUSR:(OI)(CI)(IO)(GA)')], token: IUSR_TOKEN, desired: READ_FILE, granted: 0, allowed: false },
  { name: 'GA on an IO ACE reaches a child file as F', chain: [dir(S, 'IUSR:(OI)(CI)(IO)(GA)'), file(A)], token: IUSR_TOKEN, desired: F, granted: F, allowed: true },
  { name: 'GA on an IO ACE reaches a sub-folder as F', chain: [dir(S, 'IUSR:(OI)(CI)(IO)(GA)'), dir(SUB)], token: IUSR_TOKEN, desired: F, granted: F, allowed: true },
  { name: 'GA on an IO ACE reaches files two levels down', chain: [dir(S, 'IUSR:(OI)(CI)(IO)(GA)'), dir(SUB), dir(DEEP), file(DEEP_A)], token: IUSR_TOKEN, desired: READ_FILE, granted: F, allowed: true },

  // (OI), (CI), (IO) alone.
  onFile('(OI) reaches a file', 'IUSR:(OI)(RX)', IUSR_TOKEN, RX),
  { name: '(OI) reaches a sub-folder only as inherit-only', chain: [dir(S, 'IUSR:(OI)(RX)'), dir(SUB)], token: IUSR_TOKEN, desired: LIST_DIRECTORY, granted: 0, allowed: false },
  { name: '(OI) still reaches files in a sub-folder', chain: [dir(S, 'IUSR:(OI)(RX)'), dir(SUB), file(SUB_A)], token: IUSR_TOKEN, desired: READ_FILE, granted: RX, allowed: true },
  { name: '(OI) applies to its own folder', chain: [dir(S, 'IUSR:(OI)(RX)')], token: IUSR_TOKEN, desired: LIST_DIRECTORY, granted: RX, allowed: true },
  { name: '(CI) does not reach a file in a sub-folder', chain: [dir(S, 'IUSR:(CI)(RX)'), dir(SUB), file(SUB_A)], token: IUSR_TOKEN, desired: READ_FILE, granted: 0, allowed: false },
  { name: '(CI) reaches folders two levels down', chain: [dir(S, 'IUSR:(CI)(RX)'), dir(SUB), dir(DEEP)], token: IUSR_TOKEN, desired: LIST_DIRECTORY, granted: RX, allowed: true },
  { name: 'no inheritance flags: this folder only', chain: [dir(S, 'IUSR:(RX)')], token: IUSR_TOKEN, desired: LIST_DIRECTORY, granted: RX, allowed: true },
  { name: 'no inheritance flags: files below get nothing', chain: [dir(S, 'IUSR:(RX)'), file(A)], token: IUSR_TOKEN, desired: READ_FILE, granted: 0, allowed: false },
  { name: '(IO) does not apply to the folder that holds it', chain: [dir(S, 'IUSR:(OI)(CI)(IO)(RX)')], token: IUSR_TOKEN, desired: LIST_DIRECTORY, granted: 0, allowed: false },
  { name: '(IO) applies to the files below', chain: [dir(S, 'IUSR:(OI)(CI)(IO)(RX)'), file(A)], token: IUSR_TOKEN, desired: READ_FILE, granted: RX, allowed: true },

  // (NP) at one and two levels.
  { name: '(NP) reaches a file one level down', chain: [dir(S, 'IUSR:(OI)(CI)(NP)(RX)'), file(A)], token: IUSR_TOKEN, desired: READ_FILE, granted: RX, allowed: true },
  { name: '(NP) reaches a sub-folder one level down', chain: [dir(S, 'IUSR:(OI)(CI)(NP)(RX)'), dir(SUB)], token: IUSR_TOKEN, desired: LIST_DIRECTORY, granted: RX, allowed: true },
  { name: '(NP) stops before files two levels down', chain: [dir(S, 'IUSR:(OI)(CI)(NP)(RX)'), dir(SUB), file(SUB_A)], token: IUSR_TOKEN, desired: READ_FILE, granted: 0, allowed: false },
  { name: '(NP) stops before folders two levels down', chain: [dir(S, 'IUSR:(OI)(CI)(NP)(RX)'), dir(SUB), dir(DEEP)], token: IUSR_TOKEN, desired: LIST_DIRECTORY, granted: 0, allowed: false },
  { name: '(OI)(NP) gives a sub-folder nothing', chain: [dir(S, 'IUSR:(OI)(NP)(RX)'), dir(SUB), file(SUB_A)], token: IUSR_TOKEN, desired: READ_FILE, granted: 0, allowed: false },
  { name: '(NP)(IO) skips its folder', chain: [dir(S, 'IUSR:(OI)(CI)(NP)(IO)(RX)')], token: IUSR_TOKEN, desired: LIST_DIRECTORY, granted: 0, allowed: false },
  { name: '(NP)(IO) reaches the files directly inside', chain: [dir(S, 'IUSR:(OI)(CI)(NP)(IO)(RX)'), file(A)], token: IUSR_TOKEN, desired: READ_FILE, granted: RX, allowed: true },

  // Protected ACLs.
  { name: 'protected with nothing of its own grants nothing', chain: [dir(S, 'IUSR:(OI)(CI)(RX)'), prot(APP), file(APP_A)], token: IUSR_TOKEN, desired: READ_FILE, granted: 0, allowed: false },
  { name: 'protected keeps only its own ACEs', chain: [dir(S, 'IUSR:(OI)(CI)(F)'), prot(APP, 'IUSR:(OI)(CI)(R)'), file(APP_A)], token: IUSR_TOKEN, desired: F, granted: R, allowed: false },
  { name: 'protected shields from a deny above', chain: [dir(S, 'Everyone:(OI)(CI)(DENY)(W)'), prot(APP, 'IUSR:(OI)(CI)(M)'), file(APP_A)], token: IUSR_TOKEN, desired: W, granted: M, allowed: true },
  { name: 'inheritance disabled with copy keeps access', chain: [dir(S, 'IUSR:(OI)(CI)(RX)'), disabled(dir(APP), 'copy'), file(APP_A)], token: IUSR_TOKEN, desired: READ_FILE, granted: RX, allowed: true },
  { name: 'inheritance disabled with copy of generic ACEs', chain: [dir(S, 'Users:(OI)(CI)(IO)(GR,GE)'), disabled(dir(APP), 'copy'), dir(`${APP}/x`), file(`${APP}/x/a.txt`)], token: IUSR_TOKEN, desired: READ_FILE, granted: RX, allowed: true },
  { name: 'inheritance disabled with remove drops access', chain: [dir(S, 'IUSR:(OI)(CI)(RX)'), disabled(dir(APP), 'remove'), file(APP_A)], token: IUSR_TOKEN, desired: READ_FILE, granted: 0, allowed: false },
  { name: 'inheritance disabled with copy on the file itself', chain: [dir(S, 'IUSR:(OI)(CI)(RX)'), disabled(file(A), 'copy')], token: IUSR_TOKEN, desired: READ_FILE, granted: RX, allowed: true },
  { name: 'an ACE stored with (I) on a protected folder still applies', chain: [dir(S), prot(APP, 'IUSR:(I)(OI)(CI)(RX)'), file(APP_A)], token: IUSR_TOKEN, desired: READ_FILE, granted: RX, allowed: true },

  // Order: explicit before inherited, nearer before farther, deny before allow at one level.
  { name: 'explicit allow on the file beats an inherited deny', chain: [dir(S, 'IUSR:(OI)(CI)(DENY)(R)'), file(A, 'IUSR:(R)')], token: IUSR_TOKEN, desired: READ_FILE, granted: R, allowed: true },
  { name: "a parent's allow beats a grandparent's deny", chain: [dir(S, 'IUSR:(OI)(CI)(DENY)(R)'), dir(SUB, 'IUSR:(OI)(CI)(R)'), file(SUB_A)], token: IUSR_TOKEN, desired: READ_FILE, granted: R, allowed: true },
  { name: 'explicit deny on the file beats an inherited allow', chain: [dir(S, 'IUSR:(OI)(CI)(F)'), file(A, 'IUSR:(DENY)(R)')], token: IUSR_TOKEN, desired: READ_FILE, granted: F & ~R, allowed: false },
  { name: 'at one level deny comes first whatever the written order', chain: [dir(S, 'IUSR:(OI)(CI)(F)', 'IUSR:(OI)(CI)(DENY)(WD)'), file(A)], token: IUSR_TOKEN, desired: WD, granted: F & ~WD, allowed: false },
  { name: 'a deny on a group the identity belongs to', chain: [dir(S, 'Users:(OI)(CI)(DENY)(R)', 'IUSR:(OI)(CI)(F)'), file(A)], token: IUSR_TOKEN, desired: READ_FILE, granted: F & ~R, allowed: false },
  { name: 'a deny of bits not asked for leaves the read alone', chain: [dir(S, 'Everyone:(OI)(CI)(DENY)(WD)', 'IUSR:(OI)(CI)(M)'), file(A)], token: IUSR_TOKEN, desired: READ_FILE, granted: M & ~WD, allowed: true },
  { name: 'a deny of part of the desired bits refuses all', chain: [dir(S, 'Everyone:(OI)(CI)(DENY)(WD)', 'IUSR:(OI)(CI)(M)'), file(A)], token: IUSR_TOKEN, desired: M, granted: M & ~WD, allowed: false },
  { name: 'a deny of W blocks reading through SYNCHRONIZE', chain: [dir(S, 'IUSR:(OI)(CI)(DENY)(W)', 'IUSR:(OI)(CI)(RX)'), file(A)], token: IUSR_TOKEN, desired: READ_FILE, granted: RX & ~W, allowed: false },
  { name: 'a deny of W blocks listing too', chain: [dir(S, 'Everyone:(OI)(CI)(DENY)(W)', 'IUSR:(OI)(CI)(RX)')], token: IUSR_TOKEN, desired: LIST_DIRECTORY, granted: RX & ~W, allowed: false },
  { name: 'a deny of (WD,AD) leaves reading alone', chain: [dir(S, 'IUSR:(OI)(CI)(DENY)(WD,AD)', 'IUSR:(OI)(CI)(RX)'), file(A)], token: IUSR_TOKEN, desired: READ_FILE, granted: RX, allowed: true },
  { name: 'a deny of GW blocks reading (SYNCHRONIZE and READ_CONTROL)', chain: [dir(S, 'IUSR:(OI)(CI)(DENY)(GW)', 'IUSR:(OI)(CI)(RX)'), file(A)], token: IUSR_TOKEN, desired: READ_FILE, granted: 0xa9, allowed: false },
  { name: 'a deny of D blocks reading through SYNCHRONIZE', chain: [dir(S, 'IUSR:(OI)(CI)(DENY)(D)', 'IUSR:(OI)(CI)(RX)'), file(A)], token: IUSR_TOKEN, desired: READ_FILE, granted: RX & ~D, allowed: false },
  { name: 'an inherited deny of W blocks an inherited read from further up', chain: [dir(S, 'IUSR:(OI)(CI)(RX)'), dir(SUB, 'Everyone:(OI)(CI)(DENY)(W)'), file(SUB_A)], token: IUSR_TOKEN, desired: READ_FILE, granted: RX & ~W, allowed: false },

  // Nothing to go on.
  { name: 'no ACE anywhere grants nothing', chain: [dir(S), file(A)], token: IUSR_TOKEN, desired: READ_FILE, granted: 0, allowed: false },
  { name: 'no ACE anywhere: nothing at all is granted', chain: [dir(S), file(A)], token: IUSR_TOKEN, desired: 0, granted: 0, allowed: false },
  onFile('ACEs for others only grant nothing', 'Administrators:(OI)(CI)(F)', IUSR_TOKEN, 0),
  onFile('CREATOR OWNER inherit-only matches nothing', 'CREATOR OWNER:(OI)(CI)(IO)(F)', IUSR_TOKEN, 0),
  { name: 'CREATOR OWNER on the folder itself matches nothing', chain: [dir(S, 'CREATOR OWNER:(OI)(CI)(F)')], token: POOL.localSystem, desired: 0, granted: 0, allowed: false },
  onFile('desired 0 asks whether anything is granted', 'IUSR:(OI)(CI)(RX)', IUSR_TOKEN, RX, 0),

  // IUSR against the groups it is and is not in.
  onFile('IUSR reads what Users may read', 'Users:(OI)(CI)(RX)', IUSR_TOKEN, RX),
  onFile('IUSR modifies what Authenticated Users may modify', 'Authenticated Users:(OI)(CI)(M)', IUSR_TOKEN, M),
  onFile('IUSR gets nothing from IIS_IUSRS', 'IIS_IUSRS:(OI)(CI)(RX)', IUSR_TOKEN, 0),
  onFile('IUSR reads what Everyone may read', 'Everyone:(OI)(CI)(R)', IUSR_TOKEN, R),
  onFile('IUSR is in This Organization', 'NT AUTHORITY\\This Organization:(OI)(CI)(R)', IUSR_TOKEN, R),
  onFile('IUSR is not a Guest', 'Guests:(OI)(CI)(R)', IUSR_TOKEN, 0),
  onFile('IUSR is not a network logon', 'NETWORK:(OI)(CI)(R)', IUSR_TOKEN, 0),
  onFile('an allow to SERVICE gives IUSR nothing (deny-only)', 'SERVICE:(OI)(CI)(F)', IUSR_TOKEN, 0),
  { name: 'a deny to SERVICE refuses IUSR', chain: [dir(S, 'SERVICE:(OI)(CI)(DENY)(R)', 'IUSR:(OI)(CI)(F)'), file(A)], token: IUSR_TOKEN, desired: READ_FILE, granted: F & ~R, allowed: false },
  { name: 'a deny to IIS_IUSRS does not touch IUSR', chain: [dir(S, 'IIS_IUSRS:(OI)(CI)(DENY)(F)', 'IUSR:(OI)(CI)(RX)'), file(A)], token: IUSR_TOKEN, desired: READ_FILE, granted: RX, allowed: true },
  {
    name: 'stock wwwroot: IUSR reads through Users from above',
    chain: [dir('/inetpub', 'Users:(OI)(CI)(IO)(GR,GE)', 'Administrators:(OI)(CI)(F)'), dir('/inetpub/wwwroot', 'IIS_IUSRS:(OI)(CI)(RX)'), file('/inetpub/wwwroot/iisstart.htm')],
    token: IUSR_TOKEN, desired: READ_FILE, granted: RX, allowed: true,
  },

  // Pool identities of each type.
  onFile('pool SID grant, ApplicationPoolIdentity', 'IIS AppPool\\DefaultAppPool:(OI)(CI)(RX)', POOL.applicationPoolIdentity, RX),
  onFile('pool SID grant, NetworkService', 'IIS AppPool\\NetPool:(OI)(CI)(RX)', POOL.networkService, RX),
  onFile('pool SID grant, LocalService', 'IIS AppPool\\LocalPool:(OI)(CI)(RX)', POOL.localService, RX),
  onFile('pool SID grant, LocalSystem', 'IIS AppPool\\SystemPool:(OI)(CI)(RX)', POOL.localSystem, RX),
  onFile('pool SID grant, a specific user', 'IIS AppPool\\UserPool:(OI)(CI)(RX)', POOL.specificUser, RX),
  onFile('pool SID grant, manualGroupMembership', 'IIS AppPool\\ManualPool:(OI)(CI)(RX)', POOL.manualGroupMembership, RX),
  onFile("one pool's grant is not another's", 'IIS AppPool\\DefaultAppPool:(OI)(CI)(RX)', POOL.networkService, 0),
  onFile('IIS_IUSRS reaches an ApplicationPoolIdentity pool', 'IIS_IUSRS:(OI)(CI)(RX)', POOL.applicationPoolIdentity, RX),
  onFile('IIS_IUSRS reaches a NetworkService pool', 'IIS_IUSRS:(OI)(CI)(RX)', POOL.networkService, RX),
  onFile('IIS_IUSRS does not reach a manualGroupMembership pool', 'IIS_IUSRS:(OI)(CI)(RX)', POOL.manualGroupMembership, 0),
  onFile('SYSTEM carries Administrators', 'Administrators:(OI)(CI)(F)', POOL.localSystem, F),
  onFile('an ApplicationPoolIdentity pool is no administrator', 'Administrators:(OI)(CI)(F)', POOL.applicationPoolIdentity, 0),
  onFile('NETWORK SERVICE grant reaches its pool', 'NETWORK SERVICE:(OI)(CI)(M)', POOL.networkService, M),
  onFile('NETWORK SERVICE grant does not reach other pools', 'NETWORK SERVICE:(OI)(CI)(M)', POOL.applicationPoolIdentity, 0),
  onFile('LOCAL SERVICE grant reaches its pool', 'LocalService:(OI)(CI)(R)', POOL.localService, R),
  onFile('a pool worker is in SERVICE (not deny-only)', 'SERVICE:(OI)(CI)(R)', POOL.applicationPoolIdentity, R),
  onFile('S-1-5-82-0 reaches every pool', '*S-1-5-82-0:(OI)(CI)(R)', POOL.manualGroupMembership, R),
  onFile('a specific-user pool has the user', 'svc-web:(OI)(CI)(M)', POOL.specificUser, M),
  onFile('a pool is not IUSR', 'IUSR:(OI)(CI)(RX)', POOL.applicationPoolIdentity, 0),

  // A basic-authenticated local user.
  onFile('a local user through its group', 'Editors:(OI)(CI)(M)', ALICE_TOKEN, M, M),
  { name: "a deny to the user's group", chain: [dir(S, 'Editors:(OI)(CI)(DENY)(W)', 'Users:(OI)(CI)(RX)'), file(A)], token: ALICE_TOKEN, desired: READ_FILE, granted: RX & ~W, allowed: false },
  onFile('a local user is a network logon', 'NETWORK:(OI)(CI)(R)', ALICE_TOKEN, R),
  { name: 'a deny to Local account beats Everyone', chain: [dir(S, 'NT AUTHORITY\\Local account:(OI)(CI)(DENY)(F)', 'Everyone:(OI)(CI)(F)'), file(A)], token: ALICE_TOKEN, desired: READ_FILE, granted: 0, allowed: false },
  onFile('a local user is not IUSR', 'IUSR:(OI)(CI)(RX)', ALICE_TOKEN, 0),

  // Spellings of the same principal.
  onFile('IUSR as *S-1-5-17', '*S-1-5-17:(OI)(CI)(RX)', IUSR_TOKEN, RX),
  onFile('IUSR as NT AUTHORITY\\IUSR', 'NT AUTHORITY\\IUSR:(OI)(CI)(RX)', IUSR_TOKEN, RX),
  onFile('IUSR in lower case', 'iusr:(oi)(ci)(rx)', IUSR_TOKEN, RX),
  onFile('Users as a bare SID', 'S-1-5-32-545:(OI)(CI)(R)', IUSR_TOKEN, R),
  { name: 'IUSR:F on the file itself', chain: [dir(S), file(A, 'IUSR:F')], token: IUSR_TOKEN, desired: F, granted: F, allowed: true },
];

describe('accessCheck: the truth table', () => {
  it('has at least 70 rows', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(70);
  });

  it.each(ROWS)('$name', (row) => {
    const result = check(row.chain, row.token, row.desired);
    expect(formatMask(result.grantedMask)).toBe(formatMask(row.granted));
    expect(result.allowed).toBe(row.allowed);
  });
});

describe('accessCheck: the explanation', () => {
  it('lists each deciding ACE with the bits it decided, where it came from and whether it mattered', () => {
    const result = check([dir(S, 'Users:(OI)(CI)(DENY)(WD)', 'IUSR:(OI)(CI)(RX)', 'Everyone:(OI)(CI)(M)'), file(A)], IUSR_TOKEN, READ_FILE);
    expect(result.decisions.map((d) => [d.effect, formatMask(d.bits), d.decisive, d.from, d.level, d.inherited, d.matched.name])).toEqual([
      ['deny', '0x00000002', false, S, 1, true, 'BUILTIN\\Users'],
      ['allow', '0x001200a9', true, S, 1, true, 'NT AUTHORITY\\IUSR'],
      ['allow', '0x00010114', false, S, 1, true, 'Everyone'],
    ]);
    expect(result.desiredMask).toBe(READ_FILE);
    expect(result.refusedMask).toBe(0);
  });

  it('skips ACEs that decide no new bit', () => {
    const result = check([dir(S, 'IUSR:(OI)(CI)(F)', 'Everyone:(OI)(CI)(R)'), file(A)], IUSR_TOKEN, READ_FILE);
    expect(result.decisions).toHaveLength(1);
  });

  it('reports the refused bits', () => {
    const result = check([dir(S, 'IUSR:(OI)(CI)(DENY)(W)', 'IUSR:(OI)(CI)(RX)'), file(A)], IUSR_TOKEN, READ_FILE);
    expect(formatMask(result.refusedMask)).toBe('0x00100000');
  });

  const kinds = (result: AccessCheckResult) => result.notes.map((note) => note.kind);

  it('explains a deny of W refusing a read', () => {
    const result = check([dir(S, 'IUSR:(OI)(CI)(DENY)(W)', 'IUSR:(OI)(CI)(RX)'), file(A)], IUSR_TOKEN, READ_FILE);
    expect(kinds(result)).toEqual(['synchronize-deny']);
    expect(result.notes[0]!.text).toContain("'NT AUTHORITY\\IUSR:(OI)(CI)(DENY)(W)' on /srv/site refuses SYNCHRONIZE (0x00100000)");
  });

  it('does not blame SYNCHRONIZE when the deny covers reading anyway', () => {
    const result = check([dir(S, 'IUSR:(OI)(CI)(DENY)(R)', 'IUSR:(OI)(CI)(RX)'), file(A)], IUSR_TOKEN, READ_FILE);
    expect(kinds(result)).toEqual([]);
  });

  it('explains List folder contents not reaching a file', () => {
    const result = check([dir(S, 'IUSR:(CI)(RX)'), file(A)], IUSR_TOKEN, READ_FILE);
    expect(kinds(result)).toEqual(['empty-acl', 'list-folder-contents']);
    expect(result.notes[1]!.text).toContain('(OI)(CI)(RX) is Read & execute for files too');
  });

  it('names List folder contents when it is what grants a listing', () => {
    const result = check([dir(S, 'IUSR:(CI)(RX)'), dir(SUB)], IUSR_TOKEN, LIST_DIRECTORY);
    expect(kinds(result)).toEqual(['list-folder-contents']);
  });

  it('explains IUSR and IIS_IUSRS', () => {
    const result = check([dir(S, 'IIS_IUSRS:(OI)(CI)(RX)'), file(A)], IUSR_TOKEN, READ_FILE);
    expect(kinds(result)).toEqual(['no-matching-ace', 'not-a-member']);
  });

  it('explains deny-only SIDs', () => {
    const result = check([dir(S, 'SERVICE:(OI)(CI)(RX)'), file(A)], IUSR_TOKEN, READ_FILE);
    expect(kinds(result)).toEqual(['no-matching-ace', 'deny-only']);
    expect(result.notes[1]!.text).toContain('NT AUTHORITY\\SERVICE is deny-only');
  });

  it('explains an empty ACL and a protected one', () => {
    expect(kinds(check([dir(S), file(A)], IUSR_TOKEN, READ_FILE))).toEqual(['empty-acl']);
    const result = check([dir(S, 'IUSR:(OI)(CI)(RX)'), prot(APP), file(APP_A)], IUSR_TOKEN, READ_FILE);
    expect(kinds(result)).toEqual(['empty-acl', 'protected', 'not-inherited']);
    expect(result.notes[1]!.text).toBe('inheritance is disabled at /srv/site/app: ACEs set above it do not apply');
  });

  it('explains this-folder-only and (NP) grants that stop above the target', () => {
    const thisFolder = check([dir(S, 'IUSR:(RX)'), file(A)], IUSR_TOKEN, READ_FILE);
    expect(thisFolder.notes.at(-1)!.text).toContain('applies to that folder only');
    const noPropagate = check([dir(S, 'IUSR:(OI)(CI)(NP)(RX)'), dir(SUB), file(SUB_A)], IUSR_TOKEN, READ_FILE);
    expect(noPropagate.notes.at(-1)!.text).toContain('has (NP) and stops one level down');
  });

  it('says nothing when access is simply granted', () => {
    expect(check([dir(S, 'IUSR:(OI)(CI)(RX)'), file(A)], IUSR_TOKEN, READ_FILE).notes).toEqual([]);
  });
});

describe('accessCheck: first decider per bit equals the classic remaining-bits walk', () => {
  // A small seeded generator keeps the property test reproducible.
  let seed = 0x2545f491;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x100000000;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const masks = [F, M, RX, R, W, D, RD, WD, X, GR, GW, RD | X, 0x100000, 0x20000];
  const sids = ['S-1-5-17', 'S-1-1-0', 'S-1-5-32-545', 'S-1-5-6', 'S-1-5-32-568'];

  function classic(aces: readonly { type: 'allow' | 'deny'; sid: string; mask: number }[], desired: number): boolean {
    let remaining = desired;
    for (const ace of aces) {
      const entry = IUSR_TOKEN.sids.find((e) => e.sid === ace.sid);
      if (!entry || (ace.type === 'allow' && entry.denyOnly)) continue;
      const mask = mapGenericBits(ace.mask);
      if (ace.type === 'allow') remaining = (remaining & ~mask) >>> 0;
      else if (remaining & mask) return false;
      if (remaining === 0) return true;
    }
    return remaining === 0;
  }

  it('agrees on 2000 random ACLs', () => {
    for (let round = 0; round < 2000; round++) {
      const aces = Array.from({ length: 1 + Math.floor(next() * 5) }, () => ({
        type: pick(['allow', 'deny'] as const),
        sid: pick(sids),
        mask: pick(masks),
      }));
      const desired = pick([READ_FILE, LIST_DIRECTORY, W, M, F, RD]);
      const effective = aces.map((ace) => ({ ...ace, flags: NO_FLAGS, from: S, level: 0, origin: { ...ace, flags: NO_FLAGS } }));
      expect(accessCheck({ aces: effective, token: IUSR_TOKEN, desired }).allowed, JSON.stringify({ aces, desired })).toBe(classic(aces, desired));
    }
  });
});
