import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { initSite, runUsher, useSite } from './run-usher.js';

const site = useSite();
const { usher } = site;
const configText = site.text;


describe('usher init', () => {
  it('writes a valid, owner-only configuration with a machine SID, a site and default ACLs', () => {
    const config = parse(configText());
    expect(config.identities.machineSid).toMatch(/^S-1-5-21-\d+-\d+-\d+$/);
    expect(config.sites[0]).toMatchObject({ name: 'Default Web Site', bindings: ['http/127.0.0.1:8080:'], applicationPool: 'DefaultAppPool' });
    expect(config.acl['./wwwroot'].aces).toContain('IUSR:(OI)(CI)(RX)');
    expect(statSync(join(site.dir, 'usher.yaml')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(site.dir, 'wwwroot', 'index.html'), 'utf8')).toMatch(/It works/);
    expect(usher('config', 'check').status).toBe(0);
  });

  it('generates a different machine SID each time', () => {
    const other = initSite();
    try {
      const sid = (dir: string) => parse(readFileSync(join(dir, 'usher.yaml'), 'utf8')).identities.machineSid;
      expect(sid(other.dir)).not.toBe(sid(site.dir));
    } finally {
      other.cleanup();
    }
  });

  it('refuses to overwrite an existing configuration (exit 2), and changes nothing', () => {
    const before = configText();
    const again = runUsher(['init', site.dir]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(configText()).toBe(before);
  });
});

describe('usher config check', () => {
  it('exits 2 and points at file, line and field', () => {
    writeFileSync(join(site.dir, 'usher.yaml'), configText().replace('applicationPool: DefaultAppPool', 'applicationPool: NoSuchPool'));
    const line = configText().split('\n').findIndex((text) => text.includes('NoSuchPool')) + 1;
    const result = usher('config', 'check');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`usher.yaml:${line}: sites[0].applicationPool: no application pool named 'NoSuchPool'`);
  });

  it('reports unknown keys as errors, with the right spelling', () => {
    writeFileSync(join(site.dir, 'usher.yaml'), configText().replace('physicalPath: ./wwwroot', 'physicalpath: ./wwwroot'));
    const result = usher('config', 'check', '--json');
    expect(result.status).toBe(2);
    const error = JSON.parse(result.stdout).error;
    expect(error.code).toBe('USHER_ERR_CFG_INVALID');
    expect(error.issues).toContainEqual(expect.objectContaining({ field: 'sites[0].physicalpath', message: expect.stringMatching(/physicalPath/) }));
  });

  it('reports an ACE naming an unknown principal at its line', () => {
    writeFileSync(join(site.dir, 'usher.yaml'), configText().replace('"IUSR:(OI)(CI)(RX)"', '"IUSER:(OI)(CI)(RX)"'));
    const result = usher('config', 'check');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/usher\.yaml:\d+: acl\."\.\/wwwroot"\.aces\[2\]: .*no principal named 'IUSER'/);
  });

  it('warns, without failing, about a physical path that does not exist', () => {
    rmSync(join(site.dir, 'wwwroot'), { recursive: true });
    const result = usher('config', 'check');
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/warning: .*physicalPath.*does not exist/);
  });

  it('names the file and says how to make one when it is missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'usher-empty-'));
    try {
      const result = runUsher(['config', 'check'], { cwd: empty });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/usher\.yaml does not exist: create one with usher init/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('usher config history and rollback', () => {
  it('numbers versions newest first, with what changed them, and rolls back through the store', () => {
    const history = () =>
      (JSON.parse(usher('config', 'history', '--json').stdout).versions as { number: number; message: string }[]).map((v) => [v.number, v.message]);
    usher('acl', 'grant', 'wwwroot', 'Guests:(R)');
    usher('acl', 'deny', 'wwwroot', 'Guests:(W)');
    // Version N is a file that was replaced, labelled with the change that had produced it.
    expect(history()).toEqual([[1, 'acl grant Guests:(R) on ./wwwroot'], [2, 'usher init']]);
    const afterDeny = configText();
    expect(usher('config', 'rollback', '2').status).toBe(0);
    expect(parse(configText()).acl['./wwwroot'].aces).not.toContain('Guests:(R)');
    // The rollback is itself a save: the file it replaced is now version 1.
    expect(history()[0]).toEqual([1, 'acl deny Guests:(W) on ./wwwroot']);
    expect(usher('config', 'rollback', '1').status).toBe(0);
    expect(configText()).toBe(afterDeny);
    expect(history()[0]).toEqual([1, expect.stringMatching(/^rollback to version 2/)]);
  });

  it('refuses a version that does not exist', () => {
    expect(usher('config', 'rollback', '1').stderr).toMatch(/has no history yet/);
    usher('acl', 'grant', 'wwwroot', 'Guests:(R)');
    const result = usher('config', 'rollback', '9');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/there is no version 9: history holds 1\.\.1/);
    expect(usher('config', 'rollback', 'latest').stderr).toMatch(/not a version number/);
  });
});

describe('usher token', () => {
  it('prints the token as DESIGN §7 JSON', () => {
    const token = JSON.parse(usher('token', '--identity', 'IIS AppPool\\DefaultAppPool', '--json').stdout);
    expect(token.identity).toEqual({ name: 'IIS AppPool\\DefaultAppPool', sid: 'S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415' });
    expect(token.sids.map((entry: { sid: string }) => entry.sid)).toContain('S-1-5-32-568');
  });

  it('marks deny-only SIDs in text', () => {
    expect(usher('token', '--identity', 'iusr').stdout).toMatch(/NT AUTHORITY\\SERVICE +S-1-5-6 +deny-only/);
  });
});
