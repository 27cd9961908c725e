import { mkdtempSync, readdirSync, realpathSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContentView, type ManagedContentView } from '../../server/content/index.js';
import { send, startHarness, type Harness } from './fixtures/harness.js';

let root: string;
let content: ManagedContentView;
let harness: Harness;
const TEXT = 'The quick brown fox jumps over the lazy dog.\n';
const LARGE = Buffer.alloc(3 * 1024 * 1024);
for (let i = 0; i < LARGE.length; i++) LARGE[i] = (i * 7 + (i >> 10)) & 0xff;

beforeAll(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'usher-handler-')));
  writeFileSync(join(root, 'fox.txt'), TEXT);
  for (const name of ['page.html', 'data.json', 'image.png', 'thing.unknownext', 'README', 'app.js']) {
    writeFileSync(join(root, name), `content of ${name}`);
  }
  writeFileSync(join(root, 'large.bin'), LARGE);
  content = createContentView({ maxBytes: 8 << 20, maxFileBytes: 1 << 20 });
  content.watch([root]);
  harness = await startHarness(root, content);
});
afterAll(async () => {
  await harness.close();
  content.close();
  rmSync(root, { recursive: true, force: true });
});

const lastTrail = () => harness.contexts.at(-1)!.trail;

describe('static files', () => {
  it('serves a file with its type, length, validators and safety headers', async () => {
    const reply = await send(harness.base, '/fox.txt');
    const resolved = await content.resolve(join(root, 'fox.txt'));
    if (!resolved.found) throw new Error('fixture');
    expect(reply.status).toBe(200);
    expect(reply.body.toString()).toBe(TEXT);
    expect(reply.headers).toMatchObject({
      'content-type': 'text/plain; charset=utf-8',
      'content-length': String(TEXT.length),
      etag: resolved.entry.etag,
      'last-modified': new Date(Math.floor(statSync(join(root, 'fox.txt')).mtimeMs / 1000) * 1000).toUTCString(),
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
    });
    expect(lastTrail()).toContainEqual({ layer: 'handler', verdict: 'pass', detail: `static file text/plain, ${TEXT.length} bytes` });
  });

  it.each([
    ['/page.html', 'text/html; charset=utf-8'],
    ['/data.json', 'application/json; charset=utf-8'],
    ['/app.js', 'text/javascript; charset=utf-8'],
    ['/image.png', 'image/png'],
    ['/thing.unknownext', 'application/octet-stream'],
    ['/README', 'application/octet-stream'],
  ])('%s is %s', async (path, type) => {
    expect((await send(harness.base, path)).headers['content-type']).toBe(type);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await send(harness.base, '/page.html');
    const head = await send(harness.base, '/page.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const { date: _a, ...getHeaders } = get.headers;
    const { date: _b, ...headHeaders } = head.headers;
    expect(headHeaders).toEqual(getHeaders);
  });

  it('answers OPTIONS with Allow and refuses other verbs with 405', async () => {
    const options = await send(harness.base, '/fox.txt', { method: 'OPTIONS' });
    expect(options).toMatchObject({ status: 200, headers: { allow: 'GET, HEAD, OPTIONS', 'content-length': '0' } });
    expect(options.body.length).toBe(0);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const refused = await send(harness.base, '/fox.txt', { method });
      expect(refused).toMatchObject({ status: 405, headers: { allow: 'GET, HEAD, OPTIONS' } });
      expect(lastTrail().at(-1)).toMatchObject({ layer: 'handler', verdict: 'deny' });
    }
  });
});

describe('large files', () => {
  it('streams a file larger than the memory cache takes, byte for byte', async () => {
    const reply = await send(harness.base, '/large.bin');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-length']).toBe(String(LARGE.length));
    expect(reply.body.equals(LARGE)).toBe(true);
    expect(content.stats().bodyBytes).toBeLessThan(1 << 20);
  });

  it('streams a range of it', async () => {
    const reply = await send(harness.base, '/large.bin', { headers: { Range: 'bytes=1048576-2097151' } });
    expect(reply.status).toBe(206);
    expect(reply.body.equals(LARGE.subarray(1048576, 2097152))).toBe(true);
  });

  it('closes the file when the client goes away mid-stream', async () => {
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    const port = Number(new URL(harness.base).port);
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET /large.bin HTTP/1.1\r\nHost: x\r\n\r\n'));
      socket.once('data', () => {
        socket.destroy();
        resolve();
      });
    });
    const deadline = Date.now() + 2000;
    while (openFiles() > before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(openFiles()).toBeLessThanOrEqual(before);
  });
});

describe('a file that changes while it is sent', () => {
  it('is cut off, not left hanging, when it shrinks mid-stream; the trail says why', async () => {
    writeFileSync(join(root, 'shrinking.bin'), LARGE);
    const port = Number(new URL(harness.base).port);
    const received = await new Promise<number>((resolve) => {
      let bytes = 0;
      const socket = connect(port, '127.0.0.1', () => socket.write('GET /shrinking.bin HTTP/1.1\r\nHost: x\r\n\r\n'));
      socket.once('data', () => truncateSync(join(root, 'shrinking.bin'), 1000));
      socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
      socket.on('close', () => resolve(bytes));
    });
    expect(received).toBeLessThan(LARGE.length);
    expect(harness.contexts.at(-1)!.trail.at(-1)).toMatchObject({ layer: 'handler', verdict: 'deny', detail: expect.stringContaining('shrank') });
  });
});

describe('a request body', () => {
  it('is not waited for: a GET announcing a large body is answered at once, and the connection serves the next request', async () => {
    const port = Number(new URL(harness.base).port);
    const replies = await new Promise<string>((resolve) => {
      let received = '';
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('GET /fox.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n');
        socket.write(Buffer.alloc(1000));
      });
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1');
        if (received.includes(TEXT) && !received.includes('sent')) {
          // The first answer came before the body was complete; finish it and ask again.
          socket.write(Buffer.alloc(99_000));
          socket.write('GET /page.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
          received += '(sent)';
        }
      });
      socket.on('end', () => resolve(received));
    });
    expect(replies.match(/HTTP\/1.1 200 OK/g)).toHaveLength(2);
    expect(replies).toContain('content of page.html');
  });
});

describe('through the cache', () => {
  it('sees a file changed on disk within a second', async () => {
    writeFileSync(join(root, 'changing.txt'), 'version one');
    expect((await send(harness.base, '/changing.txt')).body.toString()).toBe('version one');
    const first = (await send(harness.base, '/changing.txt')).headers.etag;
    writeFileSync(join(root, 'changing.txt'), 'version two, longer');
    const deadline = Date.now() + 1000;
    let reply = await send(harness.base, '/changing.txt');
    while (reply.body.toString() !== 'version two, longer' && Date.now() < deadline) reply = await send(harness.base, '/changing.txt');
    expect(reply.body.toString()).toBe('version two, longer');
    expect(reply.headers.etag).not.toBe(first);
    expect(reply.headers['content-length']).toBe('19');
  });

  it('answers 404 when a file vanished before it could be opened', async () => {
    const stale = createContentView({ maxBytes: 1 << 20, maxFileBytes: 16, unwatchedTtlMs: 60_000 });
    const other = await startHarness(root, stale);
    try {
      writeFileSync(join(root, 'vanishing.txt'), 'more than sixteen bytes, so it is streamed');
      expect((await send(other.base, '/vanishing.txt')).status).toBe(200);
      rmSync(join(root, 'vanishing.txt'));
      expect((await send(other.base, '/vanishing.txt')).status).toBe(404);
    } finally {
      await other.close();
      stale.close();
    }
  });
});
