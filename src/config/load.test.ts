import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_CONFIG, makeTempDir } from './fixtures/sample-config.js';
import { ConfigInvalidError, loadConfig, parseConfig, withDefaults } from './index.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeTempDir()));
afterEach(() => cleanup());

describe('loadConfig', () => {
  it('loads the DESIGN §5 example, warning only about what is missing on disk', async () => {
    const file = join(dir, 'usher.yaml');
    writeFileSync(file, SAMPLE_CONFIG);
    const loaded = await loadConfig(file);
    expect(loaded.dir).toBe(dir);
    expect(loaded.config.sites?.[0]?.name).toBe('Default Web Site');
    expect(loaded.warnings.map((w) => w.field)).toEqual([
      'sites[0].bindings[1].certificate',
      'sites[0].bindings[1].key',
    ]);
    expect(loaded.warnings.every((w) => w.severity === 'warning')).toBe(true);
  });

  it('says how to create a missing file', async () => {
    await expect(loadConfig(join(dir, 'nope.yaml'))).rejects.toMatchObject({
      code: 'USHER_ERR_CFG_NOT_FOUND',
      message: expect.stringContaining('usher init'),
    });
  });

  it('reports YAML syntax errors with file:line', () => {
    expect(() => parseConfig('sites:\n  - name: a\n    id: [1\n', 'u.yaml')).toThrow(
      expect.objectContaining({ code: 'USHER_ERR_CFG_SYNTAX', message: expect.stringMatching(/^u\.yaml:\d+: /) }),
    );
    expect(() => parseConfig('server: {}\nserver: {}\n', 'u.yaml')).toThrow(
      expect.objectContaining({ code: 'USHER_ERR_CFG_SYNTAX', message: expect.stringMatching(/^u\.yaml:2: map keys must be unique/i) }),
    );
  });

  it('accepts JSON, which is YAML', async () => {
    const file = join(dir, 'usher.json');
    writeFileSync(file, JSON.stringify({
      applicationPools: [{ name: 'DefaultAppPool' }],
      sites: [{ name: 'www', id: 1, bindings: ['http/[::1]:0:'], physicalPath: './wwwroot' }],
    }, null, 2));
    const loaded = await loadConfig(file);
    expect(loaded.warnings).toEqual([]);
  });

  it('collects every error and names the first in the message', () => {
    const text = 'sites:\n  - name: a\n    id: x\n    physicalPath: .\n    bogus: 1\nextra: true\n';
    let error: unknown;
    try {
      parseConfig(text, 'u.yaml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigInvalidError);
    const invalid = error as ConfigInvalidError;
    expect(invalid.code).toBe('USHER_ERR_CFG_INVALID');
    expect(invalid.issues.map((issue) => `${issue.line}:${issue.field}`)).toEqual(['3:sites[0].id', '5:sites[0].bogus', '6:extra']);
    expect(invalid.message).toBe('u.yaml:3: sites[0].id: expected a number, got "x" (and 2 more)');
  });

  it('refuses an empty file', () => {
    expect(() => parseConfig('# nothing\n', 'u.yaml')).toThrow(/empty/);
  });
});

describe('withDefaults', () => {
  it('fills in IIS defaults, resolves paths and parses bindings and durations', () => {
    const loaded = parseConfig([
      'applicationPools: [{ name: DefaultAppPool }]',
      'sites:',
      '  - { name: www, id: 7, bindings: ["http/*:8080:WWW.Example.test"], physicalPath: ./wwwroot,',
      '      applications: [{ path: /app, physicalPath: ./shop }] }',
      'acl: { ./wwwroot: { aces: [] } }',
    ].join('\n'), join(dir, 'usher.yaml'));
    const resolved = withDefaults(loaded.config, { dir });
    expect(resolved.applicationPools[0]).toMatchObject({
      identity: 'ApplicationPoolIdentity', idleTimeoutMs: 1_200_000, manualGroupMembership: false,
      recycling: { timeMs: 29 * 3_600_000, requests: 0, memory: 0 },
      rapidFailProtection: { enabled: true, maxCrashes: 5, intervalMs: 300_000 }, maxProcesses: 1,
    });
    const site = resolved.sites[0]!;
    expect(site.bindings[0]).toMatchObject({ protocol: 'http', address: '*', port: 8080, host: 'www.example.test' });
    expect(site.logging.directory).toBe(join(dir, 'logs', 'W3SVC7'));
    expect(site.limits.connectionTimeoutMs).toBe(120_000);
    expect(site.applications.map((app) => [app.path, app.applicationPool, app.virtualDirectories.length])).toEqual([
      ['/', 'DefaultAppPool', 1], ['/app', 'DefaultAppPool', 1],
    ]);
    expect(resolved.server.logging.fields).toHaveLength(15);
    expect(resolved.acl[0]).toMatchObject({ key: './wwwroot', path: join(dir, 'wwwroot'), inheritance: 'enabled' });
  });
});
