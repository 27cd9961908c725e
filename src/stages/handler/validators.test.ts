import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContentView, type ManagedContentView } from '../../server/content/index.js';
import { send, startHarness, type Harness } from './fixtures/harness.js';

/** Validators and ranges (RFC 9110 §13, §14), over a real socket. */
let root: string;
let content: ManagedContentView;
let harness: Harness;
const TEXT = 'The quick brown fox jumps over the lazy dog.\n';

beforeAll(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'usher-validators-')));
  writeFileSync(join(root, 'fox.txt'), TEXT);
  writeFileSync(join(root, 'empty.txt'), '');
  content = createContentView({ maxBytes: 1 << 20, maxFileBytes: 1 << 16 });
  content.watch([root]);
  harness = await startHarness(root, content);
});
afterAll(async () => {
  await harness.close();
  content.close();
  rmSync(root, { recursive: true, force: true });
});

const lastTrail = () => harness.contexts.at(-1)!.trail;

describe('conditional requests', () => {
  let etag: string;
  let lastModified: string;
  beforeAll(async () => {
    const reply = await send(harness.base, '/fox.txt');
    etag = String(reply.headers.etag);
    lastModified = String(reply.headers['last-modified']);
  });

  it('answers 304 to a matching If-None-Match, by weak comparison', async () => {
    for (const value of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const reply = await send(harness.base, '/fox.txt', { headers: { 'If-None-Match': value } });
      expect(reply.status, value).toBe(304);
      expect(reply.headers.etag).toBe(etag);
      expect(reply.body.length).toBe(0);
    }
    expect((await send(harness.base, '/fox.txt', { method: 'HEAD', headers: { 'If-None-Match': etag } })).status).toBe(304);
    expect((await send(harness.base, '/fox.txt', { headers: { 'If-None-Match': '"other"' } })).status).toBe(200);
  });

  it('answers 304 to If-Modified-Since only without If-None-Match', async () => {
    expect((await send(harness.base, '/fox.txt', { headers: { 'If-Modified-Since': lastModified } })).status).toBe(304);
    const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await send(harness.base, '/fox.txt', { headers: { 'If-Modified-Since': earlier } })).status).toBe(200);
    expect((await send(harness.base, '/fox.txt', { headers: { 'If-Modified-Since': 'not a date' } })).status).toBe(200);
    const both = { 'If-None-Match': '"other"', 'If-Modified-Since': lastModified };
    expect((await send(harness.base, '/fox.txt', { headers: both })).status).toBe(200);
  });
});

describe('ranges', () => {
  const range = (value: string, extra: Record<string, string> = {}) => send(harness.base, '/fox.txt', { headers: { Range: value, ...extra } });

  it('serves one range with 206 and Content-Range: first bytes, open end, suffix', async () => {
    for (const [value, start, end] of [['bytes=0-8', 0, 8], ['bytes=10-', 10, TEXT.length - 1], ['bytes=-5', TEXT.length - 5, TEXT.length - 1]] as const) {
      const reply = await range(value);
      expect(reply.status, value).toBe(206);
      expect(reply.headers['content-range']).toBe(`bytes ${start}-${end}/${TEXT.length}`);
      expect(reply.headers['content-length']).toBe(String(end - start + 1));
      expect(reply.body.toString()).toBe(TEXT.slice(start, end + 1));
    }
  });

  it('answers an unsatisfiable range with 416 and the size', async () => {
    const reply = await range('bytes=1000-2000');
    expect(reply.status).toBe(416);
    expect(reply.headers['content-range']).toBe(`bytes */${TEXT.length}`);
    expect(lastTrail().at(-1)).toMatchObject({ layer: 'handler', verdict: 'deny' });
  });

  it('serves the whole file for several ranges, a malformed range, or a HEAD; merges overlapping ranges', async () => {
    for (const value of ['bytes=0-1,5-6', 'bytes=abc', 'lines=1-2']) {
      const reply = await range(value);
      expect(reply.status, value).toBe(200);
      expect(reply.body.toString()).toBe(TEXT);
    }
    expect((await send(harness.base, '/fox.txt', { method: 'HEAD', headers: { Range: 'bytes=0-1' } })).status).toBe(200);
    const merged = await range('bytes=0-5,3-9');
    expect(merged.status).toBe(206);
    expect(merged.headers['content-range']).toBe(`bytes 0-9/${TEXT.length}`);
  });

  it('honours If-Range: the current ETag or date gets the range, anything else the whole file', async () => {
    const current = await send(harness.base, '/fox.txt');
    const etag = String(current.headers.etag);
    expect((await range('bytes=0-3', { 'If-Range': etag })).status).toBe(206);
    expect((await range('bytes=0-3', { 'If-Range': String(current.headers['last-modified']) })).status).toBe(206);
    expect((await range('bytes=0-3', { 'If-Range': '"an-old-version"' })).status).toBe(200);
    expect((await range('bytes=0-3', { 'If-Range': `W/${etag}` })).status).toBe(200);
  });
});

describe('an empty file', () => {
  it('is served whole whatever the Range', async () => {
    const reply = await send(harness.base, '/empty.txt', { headers: { Range: 'bytes=0-10' } });
    expect(reply).toMatchObject({ status: 200, headers: { 'content-length': '0' } });
  });
});
