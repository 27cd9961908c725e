import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runUsher, useSite } from './run-usher.js';

const site = useSite(() => {
  mkdirSync(join(site.dir, 'wwwroot', 'private', 'deep'), { recursive: true });
  writeFileSync(join(site.dir, 'wwwroot', 'private', 'deep', 'a.txt'), 'secret');
});
const { usher } = site;
const aclSection = () => (parse(readFileSync(join(site.dir, 'usher.yaml'), 'utf8')) as { acl: Record<string, { inheritance?: string; aces?: string[] }> }).acl;
const check = (path: string, identity: string, right?: string) =>
  usher('acl', 'check', path, '--identity', identity, ...(right ? ['--right', right] : []), '--json');


describe('usher acl grant / check round-trip through usher.yaml', () => {
  it('a grant is written to the file, and a later check (a new process) reads it back', () => {
    usher('acl', 'inheritance', 'wwwroot/private', 'remove');
    expect(check('wwwroot/private/deep/a.txt', 'IIS AppPool\\DefaultAppPool', 'R').status).toBe(1);
    expect(usher('acl', 'grant', 'wwwroot/private', 'IIS_IUSRS:(OI)(CI)(R)').status).toBe(0);
    expect(aclSection()['./wwwroot/private']).toEqual({ inheritance: 'disabled', aces: ['IIS_IUSRS:(OI)(CI)(R)'] });
    // IIS_IUSRS is the pools' group: the pool may now read, IUSR (not a member) still may not.
    const pool = JSON.parse(check('wwwroot/private/deep/a.txt', 'IIS AppPool\\DefaultAppPool', 'R').stdout);
    expect(pool).toMatchObject({ allowed: true, grantedMask: '0x00120089' });
    expect(check('wwwroot/private/deep/a.txt', 'IUSR', 'R').status).toBe(1);
  });

  it('prints DESIGN §7 JSON, with the ACE that decided and where it was set', () => {
    const result = check('wwwroot/index.html', 'IUSR', 'R');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({
      path: join(site.dir, 'wwwroot', 'index.html'),
      identity: { name: 'NT AUTHORITY\\IUSR', sid: 'S-1-5-17' },
      requestedMask: '0x00120089',
      grantedMask: '0x001200a9',
      allowed: true,
    });
    expect(json.sids).toContainEqual({ sid: 'S-1-5-6', name: 'NT AUTHORITY\\SERVICE', denyOnly: true });
    expect(json.explain).toContainEqual(expect.objectContaining({
      ace: 'IUSR:(OI)(CI)(RX)', from: join(site.dir, 'wwwroot'), inherited: true, effect: 'allow', bits: '0x001200a9',
    }));
  });

  it('without --right answers whether anything at all is granted', () => {
    expect(check('wwwroot', 'IUSR').status).toBe(0);
    expect(check('wwwroot', 'NETWORK SERVICE').status).toBe(1);
  });
});

describe("usher acl deny has icacls' effects", () => {
  it('a deny of W blocks reading through SYNCHRONIZE, and says so', () => {
    expect(usher('acl', 'deny', 'wwwroot/private', 'IUSR:(OI)(CI)(W)').status).toBe(0);
    const result = usher('acl', 'check', 'wwwroot/private/deep/a.txt', '--identity', 'IUSR', '--right', 'R');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/DENIED/);
    expect(result.stdout).toMatch(/SYNCHRONIZE/);
  });

  it("strips the denied rights from the principal's explicit grants on that object", () => {
    usher('acl', 'grant', 'wwwroot/private', 'IUSR:(OI)(CI)(M)');
    usher('acl', 'deny', 'wwwroot/private', 'IUSR:(OI)(CI)(WD,AD)');
    expect(aclSection()['./wwwroot/private']?.aces).toEqual(['IUSR:(OI)(CI)(DENY)(WD,AD)', 'IUSR:(OI)(CI)(RX,D,WEA,WA)']);
  });

  it('an explicit allow on a child beats an inherited deny', () => {
    usher('acl', 'deny', 'wwwroot/private', 'IUSR:(OI)(CI)(R)');
    expect(check('wwwroot/private/deep/a.txt', 'IUSR', 'R').status).toBe(1);
    usher('acl', 'grant', 'wwwroot/private/deep/a.txt', 'IUSR:(R)');
    expect(check('wwwroot/private/deep/a.txt', 'IUSR', 'R').status).toBe(0);
  });
});

describe('usher acl grant --replace, remove, inheritance, reset', () => {
  it('--replace replaces the principal\'s grants instead of merging', () => {
    usher('acl', 'grant', 'wwwroot/private', 'IUSR:(OI)(CI)(R)');
    usher('acl', 'grant', 'wwwroot/private', 'IUSR:(OI)(CI)(X)');
    expect(aclSection()['./wwwroot/private']?.aces).toEqual(['IUSR:(OI)(CI)(RX)']);
    usher('acl', 'grant', 'wwwroot/private', 'IUSR:(RD)', '--replace');
    expect(aclSection()['./wwwroot/private']?.aces).toEqual(['IUSR:(RD)']);
  });

  it('remove --denies keeps the grants, remove drops the entry when nothing is left', () => {
    usher('acl', 'grant', 'wwwroot/private', 'IUSR:(R)');
    usher('acl', 'deny', 'wwwroot/private', 'IUSR:(WD)');
    usher('acl', 'remove', 'wwwroot/private', 'IUSR', '--denies');
    expect(aclSection()['./wwwroot/private']?.aces).toEqual(['IUSR:(R)']);
    usher('acl', 'remove', 'wwwroot/private', '*S-1-5-17');
    expect(aclSection()['./wwwroot/private']).toBeUndefined();
  });

  it('inheritance disable copies the inherited ACEs, remove drops them, enable turns inheritance back on', () => {
    expect(usher('acl', 'inheritance', 'wwwroot/private', 'disable').status).toBe(0);
    expect(aclSection()['./wwwroot/private']).toEqual({
      inheritance: 'disabled',
      aces: ['SYSTEM:(OI)(CI)(F)', 'Administrators:(OI)(CI)(F)', 'IUSR:(OI)(CI)(RX)', 'IIS AppPool\\DefaultAppPool:(OI)(CI)(RX)'],
    });
    expect(check('wwwroot/private/deep/a.txt', 'IUSR', 'R').status).toBe(0);
    usher('acl', 'reset', 'wwwroot/private');
    usher('acl', 'grant', 'wwwroot/private', 'Users:(OI)(CI)(R)');
    expect(usher('acl', 'inheritance', 'wwwroot/private', 'remove').status).toBe(0);
    expect(aclSection()['./wwwroot/private']).toEqual({ inheritance: 'disabled', aces: ['Users:(OI)(CI)(R)'] });
    // IUSR is in Users, so it still reads; the pool too (its token carries Users).
    expect(check('wwwroot/private/deep/a.txt', 'IUSR', 'R').status).toBe(0);
    expect(check('wwwroot/private/deep/a.txt', 'SYSTEM', 'W').status).toBe(1);
    usher('acl', 'inheritance', 'wwwroot/private', 'enable');
    expect(aclSection()['./wwwroot/private']).toEqual({ aces: ['Users:(OI)(CI)(R)'] });
    expect(check('wwwroot/private/deep/a.txt', 'SYSTEM', 'W').status).toBe(0);
  });

  it('reset removes the entry so the object only inherits', () => {
    usher('acl', 'inheritance', 'wwwroot/private', 'remove');
    expect(check('wwwroot/private/deep/a.txt', 'IUSR', 'R').status).toBe(1);
    expect(usher('acl', 'reset', 'wwwroot/private').status).toBe(0);
    expect(aclSection()['./wwwroot/private']).toBeUndefined();
    expect(check('wwwroot/private/deep/a.txt', 'IUSR', 'R').status).toBe(0);
  });

  it('show lists explicit then inherited ACEs in canonical order, with where they come from', () => {
    usher('acl', 'deny', 'wwwroot/private', 'Everyone:(OI)(CI)(WD)');
    const shown = usher('acl', 'show', 'wwwroot/private/deep/a.txt');
    expect(shown.status).toBe(0);
    const lines = shown.stdout.split('\n').filter((line) => line.startsWith('    '));
    expect(lines[0]).toMatch(/^ {4}Everyone:\(I\)\(DENY\)\(WD\) +from .*\/wwwroot\/private$/);
    expect(lines[1]).toMatch(/NT AUTHORITY\\SYSTEM:\(I\)\(F\) +from .*\/wwwroot$/);
    const json = JSON.parse(usher('acl', 'show', 'wwwroot/private', '--json').stdout);
    expect(json.entry).toBe('./wwwroot/private');
    expect(json.aces[0]).toMatchObject({ ace: 'Everyone:(OI)(CI)(DENY)(WD)', type: 'deny', inherited: false });
  });
});

describe('paths: file-system paths, stored relative to the config, evaluated after symlinks', () => {
  it('takes paths relative to the working directory with -c, and absolute paths', () => {
    const elsewhere = runUsher(['-c', join(site.dir, 'usher.yaml'), 'acl', 'grant', join(site.dir, 'wwwroot', 'private'), 'Guests:(R)'], { cwd: tmpdir() });
    expect(elsewhere.status).toBe(0);
    expect(aclSection()['./wwwroot/private']?.aces).toEqual(['Guests:(R)']);
    const relative = runUsher(['-c', '../usher.yaml', 'acl', 'grant', 'private', 'Guests:(W)'], { cwd: join(site.dir, 'wwwroot') });
    expect(relative.status).toBe(0);
    // Same principal, same flags: icacls merges the grant into one ACE.
    expect(aclSection()['./wwwroot/private']?.aces).toEqual(['Guests:(R,W)']);
  });

  it('a symlink is evaluated as the object it points at', () => {
    symlinkSync(join(site.dir, 'wwwroot', 'private'), join(site.dir, 'shortcut'));
    usher('acl', 'deny', 'shortcut', 'IUSR:(OI)(CI)(R)');
    expect(Object.keys(aclSection())).toContain('./wwwroot/private');
    expect(check('wwwroot/private/deep/a.txt', 'IUSR', 'R').status).toBe(1);
    expect(JSON.parse(check('shortcut/deep/a.txt', 'IUSR', 'R').stdout).path).toBe(join(site.dir, 'wwwroot', 'private', 'deep', 'a.txt'));
  });

  it('a path outside the config folder is stored absolute', () => {
    const outside = mkdtempSync(join(tmpdir(), 'usher-outside-'));
    try {
      expect(usher('acl', 'grant', outside, 'IUSR:(R)').status).toBe(0);
      expect(aclSection()[outside]?.aces).toEqual(['IUSR:(R)']);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('exit codes and errors', () => {
  it.each([
    [['acl', 'check', 'wwwroot', '--identity', 'Nobody'], /no principal named 'Nobody'/],
    [['acl', 'check', 'wwwroot', '--identity', 'Everyone'], /never logs on/],
    [['acl', 'check', 'missing', '--identity', 'IUSR'], /'missing' does not exist/],
    [['acl', 'check', 'wwwroot', '--identity', 'IUSR', '--right', 'Q'], /unknown right 'Q'/],
    [['acl', 'check', 'wwwroot'], /--identity/],
    [['acl', 'grant', 'wwwroot', 'IUSR:(OI)(CI)(DENY)(W)'], /usher acl deny/],
    [['acl', 'grant', 'wwwroot', 'IUSR:(I)(R)'], /inherited marker/],
    [['acl', 'grant', 'wwwroot', 'IUSR'], /not an ACE/],
    [['acl', 'inheritance', 'wwwroot', 'sideways'], /not an inheritance mode/],
  ])('usher %j exits 2 with a message that names the problem', (args, message) => {
    const before = readFileSync(join(site.dir, 'usher.yaml'), 'utf8');
    const result = usher(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(readFileSync(join(site.dir, 'usher.yaml'), 'utf8')).toBe(before);
  });

  it('with --json an error is also printed as JSON', () => {
    const result = usher('acl', 'check', 'wwwroot', '--identity', 'Nobody', '--json');
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ error: { code: 'USHER_ERR_ID_UNKNOWN_NAME', message: expect.stringContaining('Nobody') } });
  });

  it('exits 2 when the configuration is broken', () => {
    writeFileSync(join(site.dir, 'usher.yaml'), 'sites: [{ name: x, bindings: ["http/*:99999:"] }]\n');
    const result = check('wwwroot', 'IUSR');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/usher\.yaml:1: sites\[0\]/);
  });
});
