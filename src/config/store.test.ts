import type { Document } from 'yaml';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_CONFIG, makeTempDir } from './fixtures/sample-config.js';
import { appendItem, createConfig, ConfigInvalidError, historyDir, openStore, requireItem, setValue } from './index.js';

let dir: string;
let file: string;
let cleanup: () => void;
beforeEach(async () => {
  ({ dir, cleanup } = makeTempDir());
  file = join(dir, 'usher.yaml');
  await createConfig(file, SAMPLE_CONFIG);
});
afterEach(() => cleanup());

const mode = (path: string): number => statSync(path).mode & 0o777;
const text = (): string => readFileSync(file, 'utf8');
const bump = (value: string) => (document: Document) => setValue(document, ['applicationPools', 0, 'idleTimeout'], value);

describe('createConfig', () => {
  it('creates the file readable by its owner only', () => {
    expect(text()).toBe(SAMPLE_CONFIG);
    expect(mode(file)).toBe(0o600);
  });

  it('never overwrites', async () => {
    await expect(createConfig(file, 'sites: []\n')).rejects.toMatchObject({ code: 'USHER_ERR_CFG_EXISTS' });
    expect(text()).toBe(SAMPLE_CONFIG);
  });

  it('refuses to create an invalid config', async () => {
    await expect(createConfig(join(dir, 'other.yaml'), 'sites: 3\n')).rejects.toBeInstanceOf(ConfigInvalidError);
    expect(readdirSync(dir)).not.toContain('other.yaml');
  });
});

describe('edit', () => {
  it('keeps comments, key order and the formatting of untouched lines', async () => {
    const store = openStore(file);
    await store.edit((document) => {
      setValue(document, ['applicationPools', 0, 'idleTimeout'], '30m');
      const site = requireItem(document, ['sites'], 'name', 'default web site', 'site');
      appendItem(document, [...site.path, 'bindings'], 'http/*:9090:');
    }, { message: 'two changes' });
    const before = SAMPLE_CONFIG.split('\n');
    const after = text().split('\n');
    const changed = after.filter((line) => !before.includes(line));
    expect(changed).toEqual(['    idleTimeout: 30m', '      - "http/*:9090:"']);
    expect(after.filter((line) => !changed.includes(line))).toEqual(before.filter((line) => line !== '    idleTimeout: 20m'));
  });

  it('keeps a value\'s own comment when the value changes', async () => {
    await openStore(file).edit((document) => setValue(document, ['applicationPools', 0, 'identity'], 'NetworkService'));
    // The changed line is printed by the yaml library, which does not keep the comment's padding.
    expect(text()).toContain('    identity: NetworkService # the least privilege\n');
  });

  it('writes the file 0600 and history 0700/0600', async () => {
    const store = openStore(file);
    await store.edit(bump('21m'));
    await store.edit(bump('22m'));
    expect(mode(file)).toBe(0o600);
    expect(mode(historyDir(file))).toBe(0o700);
    const names = readdirSync(historyDir(file));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(mode(join(historyDir(file), name))).toBe(0o600);
  });

  it('refuses an invalid edit and leaves the file byte-identical', async () => {
    const store = openStore(file);
    await store.edit(bump('21m'));
    const bytes = readFileSync(file);
    const history = await store.history();
    const attempt = store.edit((document) => setValue(document, ['sites', 0, 'applicationPool'], 'NoSuchPool'));
    await expect(attempt).rejects.toBeInstanceOf(ConfigInvalidError);
    await expect(attempt).rejects.toMatchObject({
      message: expect.stringMatching(/usher\.yaml:\d+: sites\[0\]\.applicationPool: no application pool named 'NoSuchPool'/),
      issues: expect.arrayContaining([expect.objectContaining({ field: 'sites[0].applicationPool', severity: 'error' })]),
    });
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(await store.history()).toEqual(history);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp') || name.endsWith('.lock'))).toEqual([]);
  });

  it('replaces the file a symlinked config points at, and keeps the link', async () => {
    mkdirSync(join(dir, 'checkout'));
    renameSync(file, join(dir, 'checkout', 'usher.yaml'));
    symlinkSync('checkout/usher.yaml', file);
    await openStore(file).edit(bump('21m'));
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'checkout', 'usher.yaml'), 'utf8')).toContain('idleTimeout: 21m');
  });

  it('writes nothing when the edit changes nothing', async () => {
    const store = openStore(file);
    await store.edit(bump('20m'));
    expect(await store.history()).toEqual([]);
    expect(text()).toBe(SAMPLE_CONFIG);
  });

  it('refuses to edit a file that is already invalid, but can roll it back', async () => {
    const store = openStore(file);
    await store.edit(bump('21m'), { message: 'good' });
    writeFileSync(file, 'sites: nope\n');
    await expect(store.edit(bump('22m'))).rejects.toMatchObject({
      code: 'USHER_ERR_CFG_INVALID', message: expect.stringContaining('cannot be edited'),
    });
    await store.rollback(1);
    expect(text()).toBe(SAMPLE_CONFIG);
    expect((await store.history())[0]).toMatchObject({ message: undefined, size: 'sites: nope\n'.length });
  });
});

describe('history', () => {
  it('numbers versions newest first with their messages, and keeps server.history.keep', async () => {
    const store = openStore(file);
    await store.edit((document) => setValue(document, ['server', 'history', 'keep'], 3), { message: 'keep 3' });
    for (let i = 1; i <= 5; i += 1) await store.edit(bump(`${20 + i}m`), { message: `idle ${20 + i}m` });
    const history = await store.history();
    expect(history.map((entry) => [entry.number, entry.message])).toEqual([[1, 'idle 24m'], [2, 'idle 23m'], [3, 'idle 22m']]);
    expect(readFileSync(history[0]!.path, 'utf8')).toContain('idleTimeout: 24m');
    expect(history[0]!.size).toBe(statSync(history[0]!.path).size);
    expect(history[0]!.savedAt.getTime()).toBeGreaterThanOrEqual(history[1]!.savedAt.getTime());
    expect(readdirSync(historyDir(file))).toHaveLength(3 * 2 + 1);
  });

  it('rolls back through the write path, and the rollback is itself recorded', async () => {
    const store = openStore(file);
    await store.edit(bump('21m'), { message: 'a' });
    await store.edit(bump('22m'), { message: 'b' });
    const current = text();
    const restored = await store.rollback(2);
    expect(text()).toBe(SAMPLE_CONFIG);
    expect(restored.config.applicationPools?.[0]?.idleTimeout).toBe('20m');
    const history = await store.history();
    expect(history).toHaveLength(3);
    expect(readFileSync(history[0]!.path, 'utf8')).toBe(current);
    expect(history[0]!.message).toBe('b');
    await store.edit(bump('23m'));
    expect((await store.history())[0]!.message).toMatch(/^rollback to version 2/);
    await expect(store.rollback(9)).rejects.toMatchObject({ code: 'USHER_ERR_CFG_HISTORY' });
  });

  it('marks versions changed by hand with no message', async () => {
    const store = openStore(file);
    await store.edit(bump('21m'), { message: 'by usher' });
    writeFileSync(file, text().replace('21m', '25m'));
    await store.edit(bump('26m'));
    expect((await store.history()).map((entry) => entry.message)).toEqual([undefined, 'usher init']);
  });
});

describe('lock', () => {
  it('breaks a lock left by a dead process', async () => {
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: 2 ** 22 + 17, host: (await import('node:os')).hostname(), token: 'x', time: '' }));
    await openStore(file).edit(bump('21m'));
    expect(text()).toContain('idleTimeout: 21m');
  });

  it('gives up on a live holder with USHER_ERR_CFG_LOCKED', async () => {
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), token: 'x', time: 'now' }));
    await expect(openStore(file, { lockTimeoutMs: 300 }).edit(bump('21m'))).rejects.toMatchObject({
      code: 'USHER_ERR_CFG_LOCKED', message: expect.stringContaining(`pid ${process.pid}`),
    });
    expect(text()).toBe(SAMPLE_CONFIG);
  });
});
