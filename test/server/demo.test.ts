import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth } from './harness.js';

// `npm start`'s script, run as a user would, in a scratch folder of its own (USHER_DEMO_DIR).
let scratch: string;
let child: ReturnType<typeof spawn>;
let base = '';
let password = '';

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'usher-demo-'));
  child = spawn(process.execPath, [resolve('scripts/start.mjs')], {
    env: { ...process.env, PORT: '0', USHER_DEMO_DIR: join(scratch, 'demo') }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the demo did not start:\n${out}\n${err}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Usher demo: (\S+)\//.exec(out);
      const pass = /user demo, password (\S+)/.exec(out);
      if (url && pass) {
        clearTimeout(timer);
        base = url[1]!;
        password = pass[1]!;
        done();
      }
    });
  });
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(scratch, { recursive: true, force: true });
});

describe('npm start serves the demo', () => {
  it('prints the URL and a generated password for the demo user', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(password).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });

  it.each([
    ['/', 200, undefined],
    ['/explain.html', 200, undefined],
    ['/downloads/', 200, undefined],
    ['/private/', 401, undefined],
    ['/staff-only/report.html', 401, undefined],
    ['/.env', 404, undefined],
    ['/downloads', 301, undefined],
  ])('%s answers %i to an anonymous visitor', async (path, status) => {
    const response = await fetch(`${base}${path}`, { redirect: 'manual' });
    expect(response.status).toBe(status);
  });

  it('lets the demo user into /private/ with Basic authentication, and keeps IUSR out of /staff-only/', async () => {
    const signedIn = await fetch(`${base}/private/`, { headers: { Authorization: basicAuth('demo', password) } });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.text()).toMatch(/Private area/);
    const wrong = await fetch(`${base}/private/`, { headers: { Authorization: basicAuth('demo', 'nope') } });
    expect(wrong.status).toBe(401);
    const staff = await fetch(`${base}/staff-only/report.html`);
    expect(staff.headers.get('www-authenticate')).toBeNull();
  });

  it('lists /downloads/', async () => {
    expect(await (await fetch(`${base}/downloads/`)).text()).toMatch(/usher-demo\.txt/);
  });
});
