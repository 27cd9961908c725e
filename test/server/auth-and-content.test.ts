import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUsher } from '../cli/run-usher.js';
import { basicAuth, initFolder, logLines, startUsher, type RunningUsher } from './harness.js';

let folder: { dir: string; cleanup(): void };
let usher: RunningUsher;
const usherCli = (...args: string[]) => runUsher(args, { cwd: folder.dir, input: 'alice-pass-1\n' });
const url = (path: string) => `${usher.urls[0]}${path}`;

beforeAll(async () => {
  folder = initFolder();
  const config = join(folder.dir, 'usher.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('http/127.0.0.1:8080:', 'http/127.0.0.1:0:'));
  const root = join(folder.dir, 'wwwroot');
  mkdirSync(join(root, 'team'));
  mkdirSync(join(root, 'pool-only'));
  mkdirSync(join(root, 'files'));
  writeFileSync(join(root, 'team', 'notes.txt'), 'team notes');
  writeFileSync(join(root, 'pool-only', 'data.txt'), 'pool data');
  writeFileSync(join(root, 'files', 'a.txt'), 'file a');
  writeFileSync(join(folder.dir, 'outside.txt'), 'outside the root');
  symlinkSync('a.txt', join(root, 'files', 'inner-link'));
  symlinkSync(join(folder.dir, 'outside.txt'), join(root, 'files', 'outer-link'));
  expect(usherCli('user', 'add', 'alice', '--password-stdin').status).toBe(0);
  // team/: IUSR may not read, alice may; Basic is enabled beside anonymous at the site.
  usherCli('acl', 'inheritance', 'wwwroot/team', 'remove');
  usherCli('acl', 'grant', 'wwwroot/team', 'alice:(OI)(CI)(R)');
  usherCli('auth', 'set', 'Default Web Site', '--basic', 'on');
  // pool-only/: readable by the pool identity, not IUSR; anonymous runs as the pool there.
  usherCli('acl', 'inheritance', 'wwwroot/pool-only', 'remove');
  usherCli('acl', 'grant', 'wwwroot/pool-only', 'IIS AppPool\\DefaultAppPool:(OI)(CI)(R)');
  usherCli('auth', 'set', 'Default Web Site/pool-only', '--identity', 'ApplicationPoolIdentity');
  usherCli('auth', 'set', 'Default Web Site/files', '--anonymous', 'on');
  expect(usherCli('config', 'check').status).toBe(0);
  usher = await startUsher(['serve'], { cwd: folder.dir });
});
afterAll(async () => {
  await usher?.stop();
  folder?.cleanup();
});

describe('anonymous and Basic, as IIS combines them', () => {
  it('runs a request without credentials anonymously where anonymous is enabled', async () => {
    expect((await fetch(url('/index.html'))).status).toBe(200);
  });

  it('challenges only when the anonymous identity is refused (401.3 with WWW-Authenticate)', async () => {
    const refused = await fetch(url('/team/notes.txt'));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Basic realm="Usher", charset="UTF-8"');
    expect((await fetch(url('/index.html'))).headers.get('www-authenticate')).toBeNull();
  });

  it('authenticates credentials by Basic even where anonymous is enabled', async () => {
    const ok = await fetch(url('/team/notes.txt'), { headers: { Authorization: basicAuth('alice', 'alice-pass-1') } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('team notes');
    const bad = await fetch(url('/index.html'), { headers: { Authorization: basicAuth('alice', 'wrong') } });
    expect(bad.status).toBe(401);
    const unknown = await fetch(url('/index.html'), { headers: { Authorization: basicAuth('mallory', 'x') } });
    expect(unknown.status).toBe(401);
  });

  it('runs anonymous as the pool identity where configured (IUSR could not read it)', async () => {
    const response = await fetch(url('/pool-only/data.txt'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('pool data');
    expect(runUsher(['acl', 'check', 'wwwroot/pool-only/data.txt', '--identity', 'IUSR', '--right', 'R'], { cwd: folder.dir }).status).toBe(1);
  });
});

describe('symlinks', () => {
  it('serves a link inside the content root and refuses one that leads out of it', async () => {
    const inner = await fetch(url('/files/inner-link'));
    expect(inner.status).toBe(200);
    expect(await inner.text()).toBe('file a');
    const outer = await fetch(url('/files/outer-link'));
    expect(outer.status).toBe(404);
    expect(await outer.text()).not.toContain('outside the root');
  });
});

describe('static handler over the wire', () => {
  it('answers validators, ranges, HEAD and OPTIONS', async () => {
    const first = await fetch(url('/files/a.txt'));
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect((await fetch(url('/files/a.txt'), { headers: { 'If-None-Match': etag } })).status).toBe(304);
    const range = await fetch(url('/files/a.txt'), { headers: { Range: 'bytes=0-3' } });
    expect(range.status).toBe(206);
    expect(await range.text()).toBe('file');
    const head = await fetch(url('/files/a.txt'), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('6');
    const options = await fetch(url('/files/a.txt'), { method: 'OPTIONS' });
    expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('sees a changed file within a second, never serving the stale bytes after', async () => {
    expect(await (await fetch(url('/files/a.txt'))).text()).toBe('file a');
    writeFileSync(join(folder.dir, 'wwwroot', 'files', 'a.txt'), 'file a, changed');
    const deadline = Date.now() + 2_000;
    let body = '';
    while (Date.now() < deadline && body !== 'file a, changed') body = await (await fetch(url('/files/a.txt'))).text();
    expect(body).toBe('file a, changed');
  });
});

describe('the W3C log', () => {
  it('is read by goaccess (Debian) with --log-format=W3C', async () => {
    await usher.stop();
    const dir = join(folder.dir, 'logs', 'W3SVC1');
    expect(logLines(dir).length).toBeGreaterThan(10);
    const goaccess = spawnSync('goaccess', ['--log-format=W3C', '--no-global-config', '-o', join(folder.dir, 'report.json'), join(dir, readdirSync(dir).find((name) => name.endsWith('.log'))!)], { encoding: 'utf8' });
    if (goaccess.error) throw new Error('goaccess is not installed: apt-get install -y goaccess (.ci/run installs it)');
    expect(goaccess.status, goaccess.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(folder.dir, 'report.json'), 'utf8'));
    expect(report.general.total_requests).toBe(logLines(dir).length);
    expect(report.general.failed_requests).toBe(0);
  });
});
