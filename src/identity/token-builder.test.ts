import { describe, expect, it } from 'vitest';
import { createDirectory, type PoolIdentity } from './directory.js';
import { anonymousIdentityToken, anonymousToken, poolToken, tokenFor, userToken } from './token-builder.js';
import type { Token } from './token.js';
import { poolSid } from './virtual-account-sid.js';

const MACHINE = 'S-1-5-21-1111111111-2222222222-3333333333';
const pools: { name: string; identity?: PoolIdentity; manualGroupMembership?: boolean }[] = [
  { name: 'DefaultAppPool' },
  { name: 'Net', identity: 'NetworkService' },
  { name: 'Loc', identity: 'LocalService' },
  { name: 'Sys', identity: 'LocalSystem' },
  { name: 'Custom', identity: { user: 'svc-web' } },
  { name: 'Manual', manualGroupMembership: true },
];
const directory = createDirectory({
  machineSid: MACHINE,
  users: [
    { name: 'alice', rid: 1001, groups: ['Editors'] },
    { name: 'svc-web', rid: 1003 },
  ],
  groups: [
    { name: 'Editors', rid: 1002 },
    { name: 'Uploaders', rid: 1004, members: ['IUSR'] },
  ],
  pools,
});

/** The token as "SID" and "-SID" (deny-only), in order: easy to compare with DESIGN §3's lists. */
const shape = (token: Token) => token.sids.map((entry) => (entry.denyOnly ? `-${entry.sid}` : entry.sid));

const COMMON_POOL_GROUPS = ['S-1-1-0', 'S-1-5-32-545', 'S-1-5-11', 'S-1-5-15', 'S-1-2-0', 'S-1-2-1', 'S-1-5-6', 'S-1-5-82-0'];

describe('tokens, as DESIGN §3 lists them', () => {
  it('anonymous as IUSR carries SERVICE deny-only and no IIS_IUSRS, plus local groups IUSR was put in', () => {
    expect(shape(anonymousToken(directory))).toEqual([
      'S-1-5-17', 'S-1-1-0', 'S-1-5-32-545', 'S-1-5-11', 'S-1-5-15', 'S-1-2-0', 'S-1-2-1', `${MACHINE}-1004`, '-S-1-5-6',
    ]);
    const token = anonymousToken(directory);
    expect(token.identity).toEqual({ name: 'NT AUTHORITY\\IUSR', sid: 'S-1-5-17' });
    expect(token.sids.find((entry) => entry.sid === 'S-1-5-6')).toEqual({ sid: 'S-1-5-6', name: 'NT AUTHORITY\\SERVICE', denyOnly: true });
  });

  it.each([
    ['DefaultAppPool', poolSid('DefaultAppPool'), [poolSid('DefaultAppPool'), 'S-1-5-32-568', ...COMMON_POOL_GROUPS]],
    ['Net', 'S-1-5-20', ['S-1-5-20', poolSid('Net'), 'S-1-5-32-568', ...COMMON_POOL_GROUPS]],
    ['Loc', 'S-1-5-19', ['S-1-5-19', poolSid('Loc'), 'S-1-5-32-568', ...COMMON_POOL_GROUPS]],
    ['Sys', 'S-1-5-18', ['S-1-5-18', poolSid('Sys'), 'S-1-5-32-568', ...COMMON_POOL_GROUPS, 'S-1-5-32-544']],
    ['Custom', `${MACHINE}-1003`, [`${MACHINE}-1003`, poolSid('Custom'), 'S-1-5-32-568', ...COMMON_POOL_GROUPS]],
    ['Manual', poolSid('Manual'), [poolSid('Manual'), ...COMMON_POOL_GROUPS]],
  ])('pool %s runs as %s with the pool SID injected', (pool, user, sids) => {
    const token = poolToken(directory, pool);
    expect(token.identity.sid).toBe(user);
    expect(shape(token)).toEqual(sids);
  });

  it('a basic-authenticated local user gets its groups and a network logon', () => {
    expect(shape(userToken(directory, 'alice'))).toEqual([
      `${MACHINE}-1001`, 'S-1-1-0', 'S-1-5-32-545', 'S-1-5-11', 'S-1-5-15', 'S-1-5-2', 'S-1-5-113', `${MACHINE}-1002`,
    ]);
  });

  it('anonymous follows its configured identity', () => {
    expect(anonymousIdentityToken(directory, 'IUSR', 'DefaultAppPool')).toEqual(anonymousToken(directory));
    expect(anonymousIdentityToken(directory, 'ApplicationPoolIdentity', 'Net')).toEqual(poolToken(directory, 'Net'));
    expect(anonymousIdentityToken(directory, { user: 'alice' }, 'Net')).toEqual(userToken(directory, 'alice'));
  });

  it('tokenFor dispatches on what the name is, and refuses principals that never log on', () => {
    expect(tokenFor(directory, '*S-1-5-17')).toEqual(anonymousToken(directory));
    expect(tokenFor(directory, 'IIS AppPool\\Net')).toEqual(poolToken(directory, 'Net'));
    expect(tokenFor(directory, 'alice')).toEqual(userToken(directory, 'alice'));
    expect(shape(tokenFor(directory, 'SYSTEM'))).toContain('S-1-5-32-544');
    for (const name of ['Everyone', 'IIS_IUSRS', 'Editors', 'CREATOR OWNER', 'S-1-5-21-9-9-9-9']) {
      expect(() => tokenFor(directory, name)).toThrow(expect.objectContaining({ code: 'USHER_ERR_ID_NOT_LOGON' }));
    }
  });
});
