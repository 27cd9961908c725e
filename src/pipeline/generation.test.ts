import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIST_DIRECTORY, READ_FILE, FILE_GENERIC_WRITE } from '../acl/index.js';
import { SAMPLE_CONFIG, makeTempDir } from '../config/fixtures/sample-config.js';
import { parseConfig } from '../config/index.js';
import { compileGeneration } from './generation.js';

/**
 * The generation's cached access decisions: keyed by token, by the rights asked and by file or
 * folder, so that no answer is ever given for another question than the one it was made for.
 */
let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
  mkdirSync(join(dir, 'wwwroot', 'App_Data'), { recursive: true });
  writeFileSync(join(dir, 'wwwroot', 'index.html'), 'hello');
  writeFileSync(join(dir, 'wwwroot', 'App_Data', 'db.sqlite'), 'data');
  dir = realpathSync(dir);
});
afterEach(() => cleanup());

const generation = () => compileGeneration(parseConfig(SAMPLE_CONFIG, join(dir, 'usher.yaml')));

describe('Generation.checkAccess', () => {
  it('answers each token, right and kind of object on its own, and repeats an answer from its cache', () => {
    const g = generation();
    const iusr = g.anonymousToken('IUSR', 'DefaultAppPool');
    const pool = g.poolToken('DefaultAppPool');
    const page = join(dir, 'wwwroot', 'index.html');
    const data = join(dir, 'wwwroot', 'App_Data', 'db.sqlite');

    const read = g.checkAccess(page, false, iusr, READ_FILE);
    expect(read.allowed).toBe(true);
    expect(g.checkAccess(page, false, iusr, READ_FILE)).toBe(read);
    // Same path and token, another right: not the cached read.
    expect(g.checkAccess(page, false, iusr, FILE_GENERIC_WRITE).allowed).toBe(false);
    // App_Data does not inherit: IUSR is refused, the pool identity may modify.
    expect(g.checkAccess(data, false, iusr, READ_FILE).allowed).toBe(false);
    expect(g.checkAccess(data, false, pool, READ_FILE).allowed).toBe(true);
    expect(g.checkAccess(data, false, pool, FILE_GENERIC_WRITE).allowed).toBe(true);
    // A folder is asked about as a folder.
    expect(g.checkAccess(join(dir, 'wwwroot'), true, iusr, LIST_DIRECTORY).allowed).toBe(true);
    expect(g.checkAccess(join(dir, 'wwwroot', 'App_Data'), true, iusr, LIST_DIRECTORY).allowed).toBe(false);
  });

  it('gives the same keyed token for the same anonymous identity, a pool-specific one for the pool identity', () => {
    const g = generation();
    expect(g.anonymousToken('IUSR', 'DefaultAppPool')).toBe(g.anonymousToken('IUSR', 'Other'));
    const a = g.anonymousToken('ApplicationPoolIdentity', 'DefaultAppPool');
    expect(g.anonymousToken('ApplicationPoolIdentity', 'DefaultAppPool')).toBe(a);
    expect(a.token.identity.name).toBe('IIS AppPool\\DefaultAppPool');
  });

  it('still answers correctly after forgetting past its bound of 50,000 decisions', () => {
    const g = generation();
    const iusr = g.anonymousToken('IUSR', 'DefaultAppPool');
    const page = join(dir, 'wwwroot', 'index.html');
    const first = g.checkAccess(page, false, iusr, READ_FILE);
    for (let i = 0; i < 50_001; i++) g.checkAccess(join(dir, 'wwwroot', `missing-${i}.html`), false, iusr, READ_FILE);
    const again = g.checkAccess(page, false, iusr, READ_FILE);
    expect(again).not.toBe(first);
    expect(again.allowed).toBe(true);
  });
});
