import { describe, expect, it } from 'vitest';
import { createDirectory } from './directory.js';
import { poolSid } from './virtual-account-sid.js';

const MACHINE = 'S-1-5-21-1111111111-2222222222-3333333333';
const directory = createDirectory({
  machineSid: MACHINE,
  users: [{ name: 'alice', rid: 1001, groups: ['Editors'] }],
  groups: [{ name: 'Editors', rid: 1002 }],
  pools: [{ name: 'DefaultAppPool' }, { name: 'Blog', identity: 'NetworkService' }],
});

describe('Check Names', () => {
  it.each([
    ['IUSR', 'S-1-5-17', 'NT AUTHORITY\\IUSR'],
    ['NT AUTHORITY\\IUSR', 'S-1-5-17', 'NT AUTHORITY\\IUSR'],
    ['iusr', 'S-1-5-17', 'NT AUTHORITY\\IUSR'],
    ['nt authority\\iusr', 'S-1-5-17', 'NT AUTHORITY\\IUSR'],
    ['*S-1-5-17', 'S-1-5-17', 'NT AUTHORITY\\IUSR'],
    ['S-1-5-17', 'S-1-5-17', 'NT AUTHORITY\\IUSR'],
    ['IIS_IUSRS', 'S-1-5-32-568', 'BUILTIN\\IIS_IUSRS'],
    ['BUILTIN\\IIS_IUSRS', 'S-1-5-32-568', 'BUILTIN\\IIS_IUSRS'],
    ['Users', 'S-1-5-32-545', 'BUILTIN\\Users'],
    ['Administrators', 'S-1-5-32-544', 'BUILTIN\\Administrators'],
    ['Everyone', 'S-1-1-0', 'Everyone'],
    ['Authenticated Users', 'S-1-5-11', 'NT AUTHORITY\\Authenticated Users'],
    ['SYSTEM', 'S-1-5-18', 'NT AUTHORITY\\SYSTEM'],
    ['LocalSystem', 'S-1-5-18', 'NT AUTHORITY\\SYSTEM'],
    ['NETWORK SERVICE', 'S-1-5-20', 'NT AUTHORITY\\NETWORK SERVICE'],
    ['NetworkService', 'S-1-5-20', 'NT AUTHORITY\\NETWORK SERVICE'],
    ['LOCAL SERVICE', 'S-1-5-19', 'NT AUTHORITY\\LOCAL SERVICE'],
    ['SERVICE', 'S-1-5-6', 'NT AUTHORITY\\SERVICE'],
    ['CREATOR OWNER', 'S-1-3-0', 'CREATOR OWNER'],
    ['NT SERVICE\\TrustedInstaller', 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464', 'NT SERVICE\\TrustedInstaller'],
    ['IIS AppPool\\DefaultAppPool', 'S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415', 'IIS AppPool\\DefaultAppPool'],
    ['IIS APPPOOL\\defaultapppool', 'S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415', 'IIS AppPool\\DefaultAppPool'],
    ['alice', `${MACHINE}-1001`, 'alice'],
    ['.\\alice', `${MACHINE}-1001`, 'alice'],
    ['ALICE', `${MACHINE}-1001`, 'alice'],
    ['Editors', `${MACHINE}-1002`, 'Editors'],
    ['S-1-5-82-0', 'S-1-5-82-0', 'S-1-5-82-0'],
  ])('%s → %s', (text, sid, name) => {
    const principal = directory.resolve(text);
    expect(principal.sid).toBe(sid);
    expect(principal.name).toBe(name);
  });

  it('accepts any well-formed SID, and marks one that names nobody as unknown', () => {
    expect(directory.resolve('*S-1-5-21-9-9-9-1234')).toEqual({ sid: 'S-1-5-21-9-9-9-1234', name: 'S-1-5-21-9-9-9-1234', kind: 'unknown' });
    expect(directory.lookup('S-1-5-21-9-9-9-1234')).toBeUndefined();
    expect(directory.nameOf('S-1-5-21-9-9-9-1234')).toBe('S-1-5-21-9-9-9-1234');
  });

  it.each([
    ['nobody', /no principal named 'nobody'/],
    ['BUILTIN\\IUSR', /no principal named/],
    ['IIS AppPool\\Missing', /no application pool 'Missing' \(pools: DefaultAppPool, Blog\)/],
    ['DefaultAppPool', /IIS AppPool\\DefaultAppPool/],
    ['.\\IUSR', /local user or group/],
    ['', /no principal named/],
  ])('refuses the unknown name %j with a useful message', (text, message) => {
    expect(() => directory.resolve(text)).toThrow(expect.objectContaining({ code: 'USHER_ERR_ID_UNKNOWN_NAME', message: expect.stringMatching(message) }));
  });

  it('refuses a malformed SID', () => {
    expect(() => directory.resolve('S-1-5-x')).toThrow(expect.objectContaining({ code: 'USHER_ERR_ID_BAD_SID' }));
  });

  it.each([
    ['S-1-5-17', 'IUSR'],
    ['S-1-5-32-568', 'IIS_IUSRS'],
    ['S-1-5-18', 'SYSTEM'],
    ['S-1-1-0', 'Everyone'],
    [poolSid('Blog'), 'IIS AppPool\\Blog'],
    [`${MACHINE}-1001`, 'alice'],
    ['S-1-5-82-0', '*S-1-5-82-0'],
    ['S-1-5-21-9-9-9-1234', '*S-1-5-21-9-9-9-1234'],
  ])('writes %s as %s, which resolves back to it', (sid, short) => {
    expect(directory.shortName(sid)).toBe(short);
    expect(directory.resolve(short).sid).toBe(sid);
  });

  it('keeps pools addressable by SID', () => {
    expect(directory.lookup(poolSid('Blog'))?.name).toBe('IIS AppPool\\Blog');
  });

  it('refuses local names that shadow built-in ones and duplicate rids', () => {
    expect(() => createDirectory({ machineSid: MACHINE, users: [{ name: 'IUSR', rid: 1001 }] })).toThrow(/same name/);
    expect(() => createDirectory({ machineSid: MACHINE, users: [{ name: 'a', rid: 1001 }, { name: 'b', rid: 1001 }] })).toThrow(/rid 1001/);
    expect(() => createDirectory({ users: [{ name: 'a', rid: 1001 }] })).toThrow(/machineSid/);
  });
});
