import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest, Agent } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runUsher } from '../cli/run-usher.js';
import { initFolder, logLines, startUsher, type RunningUsher } from './harness.js';

let folder: { dir: string; cleanup(): void };
let usher: RunningUsher | undefined;
const configPath = () => join(folder.dir, 'usher.yaml');
const listenOnFreePort = () => writeFileSync(configPath(), readFileSync(configPath(), 'utf8').replace('http/127.0.0.1:8080:', 'http/127.0.0.1:0:'));

beforeEach(() => {
  folder = initFolder();
  listenOnFreePort();
  writeFileSync(join(folder.dir, 'wwwroot', 'a.txt'), 'A');
});
afterEach(async () => {
  await usher?.stop('SIGKILL');
  usher = undefined;
  folder.cleanup();
});

/** GET over one kept-alive connection, so a reload that dropped connections would show. */
function get(agent: Agent, url: string): Promise<{ status: number; socket: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, socket: req.socket }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function until(check: () => Promise<boolean>, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('hot reload', () => {
  it('applies a valid change without dropping a kept-alive connection', async () => {
    usher = await startUsher(['serve'], { cwd: folder.dir });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const first = await get(agent, `${usher.urls[0]}/a.txt`);
    expect(first.status).toBe(200);
    // Take IUSR off the site through the store, as an administrator would.
    expect(runUsher(['acl', 'remove', 'wwwroot', 'IUSR'], { cwd: folder.dir }).status).toBe(0);
    await until(async () => (await get(agent, `${usher!.urls[0]}/a.txt`)).status === 401, 'the reload to apply');
    const after = await get(agent, `${usher.urls[0]}/a.txt`);
    expect(after.socket).toBe(first.socket);
    expect(usher.stderr()).toMatch(/configuration reloaded/);
    agent.destroy();
  });

  it('logs an invalid change and keeps serving with the previous configuration', async () => {
    usher = await startUsher(['serve'], { cwd: folder.dir });
    writeFileSync(configPath(), readFileSync(configPath(), 'utf8').replace('applicationPool: DefaultAppPool', 'applicationPool: NoSuchPool'));
    await until(async () => /configuration change ignored/.test(usher!.stderr()), 'the invalid change to be reported');
    expect(usher.stderr()).toMatch(/usher\.yaml:\d+: sites\[0\]\.applicationPool: no application pool named 'NoSuchPool'/);
    const response = await fetch(`${usher.urls[0]}/a.txt`);
    expect(response.status).toBe(200);
  });
});

describe('graceful shutdown', () => {
  it('SIGTERM drains and flushes: every answered request has its log line', async () => {
    usher = await startUsher(['serve'], { cwd: folder.dir });
    const answered = await Promise.all(Array.from({ length: 40 }, (_, i) => fetch(`${usher!.urls[0]}/a.txt?n=${i}`).then((r) => r.status)));
    expect(answered.every((status) => status === 200)).toBe(true);
    expect(await usher.stop('SIGTERM')).toBe(0);
    usher = undefined;
    const lines = logLines(join(folder.dir, 'logs', 'W3SVC1'));
    expect(lines).toHaveLength(40);
    expect(new Set(lines.map((line) => line.split(' ')[5]))).toHaveLength(40);
  });
});

describe('quick mode', () => {
  it('serves a folder with no config file, keeping logs and state outside it', async () => {
    const state = join(folder.dir, 'state');
    usher = await startUsher(['serve', '--root', join(folder.dir, 'wwwroot'), '--listen', '127.0.0.1:0', '--state-dir', state]);
    expect((await fetch(`${usher.urls[0]}/a.txt`)).status).toBe(200);
    expect(await usher.stop()).toBe(0);
    usher = undefined;
    expect(logLines(join(state, 'logs', 'W3SVC1'))).toHaveLength(1);
  });

  it('refuses a log or state folder inside the served folder', () => {
    const root = join(folder.dir, 'wwwroot');
    const inside = runUsher(['serve', '--root', root, '--log-dir', join(root, 'logs')]);
    expect(inside.status).toBe(2);
    expect(inside.stderr).toMatch(/--log-dir .* is inside the served folder/);
    const state = runUsher(['serve', '--root', root, '--state-dir', join(root, '.state')]);
    expect(state.status).toBe(2);
  });
});
