import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUsher } from '../cli/run-usher.js';
import { initFolder } from './harness.js';

let folder: { dir: string; cleanup(): void };
const usher = (...args: string[]) => runUsher(args, { cwd: folder.dir, input: 'pw-alice-1\n' });

beforeAll(() => {
  folder = initFolder();
  mkdirSync(join(folder.dir, 'wwwroot', 'reports'));
  writeFileSync(join(folder.dir, 'wwwroot', 'reports', 'q3.pdf'), '%PDF');
  usher('acl', 'inheritance', 'wwwroot/reports', 'remove');
  usher('acl', 'grant', 'wwwroot/reports', 'Administrators:(OI)(CI)(F)');
  usher('user', 'add', 'alice', '--password-stdin');
  usher('acl', 'grant', 'wwwroot/reports', 'alice:(OI)(CI)(R)');
});
afterAll(() => folder.cleanup());

describe('usher explain', () => {
  it('shows every layer for an allowed request and exits 0', () => {
    const run = usher('explain', 'http://127.0.0.1:8080/index.html');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^GET http:\/\/127\.0\.0\.1:8080\/index\.html {2}as anonymous {2}→ {2}200\.0 \(handler\)/);
    for (const layer of ['filtering', 'site', 'mapping', 'identity', 'url rules', 'acl', 'handler']) expect(run.stdout).toMatch(new RegExp(`^ {2}${layer} `, 'm'));
    expect(run.stdout).toMatch(/identity +pass +anonymous as NT AUTHORITY\\IUSR +S-1-5-17 \+ Everyone, Users/);
    expect(run.stdout).toMatch(/acl +pass +allow IUSR:\(OI\)\(CI\)\(RX\) on .*wwwroot \(inherited\)/);
  });

  it('names the ACL as the deciding layer of a 401.3, with the fix as a command, and exits 1', () => {
    const run = usher('explain', 'http://127.0.0.1:8080/reports/q3.pdf', '--json');
    expect(run.status).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ decidedBy: 'acl', status: 401, substatus: 3, win32: 5 });
    expect(json.layers.map((layer: { layer: string }) => layer.layer)).toEqual(
      expect.arrayContaining(['filtering', 'site', 'mapping', 'identity', 'url-rules', 'acl']));
    expect(json.fix).toBe(`usher acl grant '${join(folder.dir, 'wwwroot', 'reports')}' 'IUSR:(OI)(CI)(R)'`);
  });

  it('answers as a local user with --user', () => {
    const run = usher('explain', 'http://127.0.0.1:8080/reports/q3.pdf', '--user', 'alice', '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ decidedBy: 'handler', status: 200 });
  });

  it.each([
    ['http://127.0.0.1:8080/.env', 'filtering', 404, 8],
    ['http://127.0.0.1:8080/%zz', 'filtering', 400, 0],
    ['http://127.0.0.1:8080/missing.txt', 'mapping', 404, 0],
    ['http://127.0.0.1:9999/index.html', 'site', 400, 0],
  ])('%s is decided by %s', (url, layer, status, substatus) => {
    const run = usher('explain', url, '--json');
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ decidedBy: layer, status, substatus });
  });

  it('refuses something that is not a URL with exit 2', () => {
    const run = usher('explain', 'index.html');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/is not an http:\/\/ or https:\/\/ URL/);
  });
});
