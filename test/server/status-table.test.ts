import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUsher } from '../cli/run-usher.js';
import { basicAuth, initFolder, logLines, rawGet, rawRequest, startUsher, writeConfig, type RawResponse, type RunningUsher } from './harness.js';

// One server for every row of DESIGN §8: each request is checked on the wire and, after a graceful
// stop, in the W3C log (status, substatus and win32 must agree between the two).
const HOST = 'main.test';
let folder: { dir: string; cleanup(): void };
let usher: RunningUsher;
const sent: { name: string; expected: string }[] = [];

function config(machineSid: string, aliceHash: string): string {
  return `
server:
  logging: { directory: ./logs }
applicationPools:
  - name: DefaultAppPool
sites:
  - name: Main
    id: 7
    bindings: ["http/127.0.0.1:0:${HOST}"]
    physicalPath: ./wwwroot
locations:
  Main:
    authentication: { anonymous: { enabled: true }, basic: { enabled: true, realm: Test } }
    requestFiltering:
      requestLimits: { maxUrl: 200, maxQueryString: 50, maxAllowedContentLength: 100 }
      fileExtensions: { deny: [".bak"] }
      denyUrlSequences: ["forbidden-seq"]
      verbs: { deny: ["TRACE"] }
  Main/closed:
    authentication: { anonymous: { enabled: false }, basic: { enabled: false } }
  Main/members:
    authorization: [{ clear: true }, { access: allow, users: alice }]
acl:
  ./wwwroot:
    inheritance: disabled
    aces: ["IUSR:(OI)(CI)(RX)", "IIS AppPool\\\\DefaultAppPool:(OI)(CI)(RX)", "alice:(OI)(CI)(R)"]
  ./wwwroot/denied:
    inheritance: disabled
    aces: ["Administrators:(OI)(CI)(F)"]
identities:
  machineSid: ${machineSid}
  users: [{ name: alice, rid: 1001, password: "${aliceHash}" }]
`;
}

beforeAll(async () => {
  folder = initFolder();
  const root = join(folder.dir, 'wwwroot');
  for (const sub of ['denied', 'emptydir', 'closed', 'members', 'bin']) mkdirSync(join(root, sub));
  for (const [name, text] of [['a.txt', 'A'], ['file.bak', 'B'], ['denied/x.txt', 'D'], ['closed/x.txt', 'C'], ['members/x.txt', 'M'], ['bin/x', 'X']]) {
    writeFileSync(join(root, name!), text!);
  }
  symlinkSync('/etc', join(root, 'link-out'));
  const machineSid = /machineSid: (\S+)/.exec(readFileSync(join(folder.dir, 'usher.yaml'), 'utf8'))![1]!;
  // A real scrypt hash, made the way an administrator would.
  runUsher(['user', 'add', 'alice', '--password-stdin'], { cwd: folder.dir, input: 'right-pass\n' });
  const hash = /password: "?(\$scrypt\$[^"\s]+)/.exec(readFileSync(join(folder.dir, 'usher.yaml'), 'utf8'))![1]!;
  writeConfig(folder.dir, config(machineSid, hash));
  usher = await startUsher(['serve'], { cwd: folder.dir });
});

afterAll(async () => {
  await usher?.stop();
  folder?.cleanup();
});

const url = () => usher.urls[0]!;

async function expectAnswer(name: string, request: Promise<RawResponse>, status: number, substatus: number, win32: number): Promise<RawResponse> {
  const response = await request;
  expect(response.status, name).toBe(status);
  // Responses never reveal paths (DESIGN §8).
  expect(response.body, name).not.toContain(folder.dir);
  sent.push({ name, expected: `${status} ${substatus} ${win32}` });
  return response;
}

const get = (target: string, headers: Record<string, string> = {}, method = 'GET') => rawGet(url(), target, { Host: HOST, ...headers }, method);

describe('DESIGN §8: every refusal has one answer, on the wire and in the W3C log', () => {
  it('answers each condition with its status', async () => {
    await expectAnswer('200', get('/a.txt'), 200, 0, 0);
    await expectAnswer('malformed escape', get('/%zz'), 400, 0, 0);
    await expectAnswer('encoded backslash', get('/a%5Cb'), 400, 0, 0);
    await expectAnswer('NUL', get('/a%00.txt'), 400, 0, 0);
    await expectAnswer('url too long', get(`/${'a'.repeat(250)}`), 404, 14, 0);
    await expectAnswer('query too long', get(`/a.txt?${'q'.repeat(60)}`), 404, 15, 0);
    await expectAnswer('body too large', get('/a.txt', { 'Content-Length': '1000' }, 'POST'), 413, 1, 0);
    await expectAnswer('double escaping', get('/a%252etxt'), 404, 11, 0);
    await expectAnswer('denied sequence', get('/forbidden-seq/a.txt'), 404, 5, 0);
    await expectAnswer('denied verb', get('/a.txt', {}, 'TRACE'), 404, 6, 0);
    await expectAnswer('denied extension', get('/file.bak'), 404, 7, 0);
    await expectAnswer('hidden segment', get('/BIN/x'), 404, 8, 0);
    await expectAnswer('windows name', get('/a.txt.'), 404, 0, 2);
    await expectAnswer('missing file', get('/nope.txt'), 404, 0, 2);
    await expectAnswer('file used as folder', get('/a.txt/x'), 404, 0, 2);
    await expectAnswer('symlink out of the root', get('/link-out/passwd'), 404, 0, 2);
    const bad = await expectAnswer('bad credentials', get('/a.txt', { Authorization: basicAuth('alice', 'wrong') }), 401, 1, 1326);
    expect(bad.headers['www-authenticate']).toBe('Basic realm="Test", charset="UTF-8"');
    await expectAnswer('no authentication method', get('/closed/x.txt'), 401, 2, 5);
    const rules = await expectAnswer('URL rules refuse anonymous', get('/members/x.txt'), 401, 2, 5);
    expect(rules.headers['www-authenticate']).toMatch(/^Basic /);
    await expectAnswer('URL rules admit alice', get('/members/x.txt', { Authorization: basicAuth('alice', 'right-pass') }), 200, 0, 0);
    const acl = await expectAnswer('ACL refuses IUSR', get('/denied/x.txt'), 401, 3, 5);
    expect(acl.headers['www-authenticate']).toMatch(/^Basic /);
    await expectAnswer('ACL refuses alice too', get('/denied/x.txt', { Authorization: basicAuth('alice', 'right-pass') }), 401, 3, 5);
    await expectAnswer('folder without default document', get('/emptydir/'), 403, 14, 0);
    const post = await expectAnswer('verb other than GET/HEAD', get('/a.txt', { 'Content-Length': '0' }, 'POST'), 405, 0, 0);
    expect(post.headers.allow).toBe('GET, HEAD, OPTIONS');
    await expectAnswer('unsatisfiable range', get('/a.txt', { Range: 'bytes=5000-' }), 416, 0, 0);
    await expectAnswer('folder without its slash', get('/emptydir'), 301, 0, 0);
  });

  it('answers a Host no site is bound to with 400, in the server error log', async () => {
    const response = await rawGet(url(), '/a.txt', { Host: 'other.test' });
    expect(response.status).toBe(400);
    const malformed = await rawRequest(url(), 'GET /a.txt HTTP/1.1\r\nHost: main.test\r\nBad Header\r\n\r\n');
    expect(malformed.status).toBe(400);
  });

  it('writes one W3C line per request with the same status, substatus and win32, after a graceful stop', async () => {
    expect(await usher.stop()).toBe(0);
    const lines = logLines(join(folder.dir, 'logs', 'W3SVC7'));
    expect(lines).toHaveLength(sent.length);
    lines.forEach((line, index) => {
      const fields = line.split(' ');
      expect(fields, `${sent[index]!.name}: ${line}`).toHaveLength(15);
      expect(fields.slice(11, 14).join(' '), sent[index]!.name).toBe(sent[index]!.expected);
    });
    // The signed-in user is logged by name, anonymous as '-', and never a password.
    expect(lines.some((line) => line.split(' ')[7] === 'alice')).toBe(true);
    expect(lines.join('\n')).not.toContain('right-pass');
    const errors = readdirSync(join(folder.dir, 'logs', 'HTTPERR')).map((name) => readFileSync(join(folder.dir, 'logs', 'HTTPERR', name), 'utf8')).join('');
    expect(errors).toMatch(/ 400 - Hostname /);
    expect(errors).toMatch(/ 400 - BadRequest /);
  });
});
