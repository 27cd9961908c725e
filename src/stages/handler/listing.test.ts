import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestContext } from '../../pipeline/index.js';
import { createContentView, type ManagedContentView } from '../../server/content/index.js';
import { fakeSite, send, startHarness, type Harness } from './fixtures/harness.js';
import { createHandlerStage } from './index.js';

let root: string;
let content: ManagedContentView;
let browsing: Harness;
let closed: Harness;

beforeAll(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'usher-listing-')));
  for (const folder of ['docs', 'docs/sub folder', 'docs/bin', 'docs/.git', 'docs/.well-known', 'site']) mkdirSync(join(root, folder));
  for (const file of ['docs/<script>.txt', 'docs/a&b "q".txt', 'docs/web.config', 'docs/.env', 'docs/report.bak', 'docs/plain.txt', 'site/index.html']) {
    writeFileSync(join(root, file), `content of ${file}`);
  }
  symlinkSync('nowhere', join(root, 'docs', 'dangling'));
  content = createContentView({ maxBytes: 1 << 20, maxFileBytes: 1 << 16 });
  browsing = await startHarness(root, content, {
    directoryBrowse: { enabled: true },
    requestFiltering: { fileExtensions: { deny: ['.bak'] } },
  });
  closed = await startHarness(root, content);
});
afterAll(async () => {
  await browsing.close();
  await closed.close();
  content.close();
  rmSync(root, { recursive: true, force: true });
});

describe('directory listing', () => {
  it('lists a folder: names escaped, links encoded, folders with a slash, a parent link', async () => {
    const reply = await send(browsing.base, '/docs/');
    expect(reply.status).toBe(200);
    expect(reply.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'x-content-type-options': 'nosniff' });
    const html = reply.body.toString();
    expect(html).not.toContain('<script>');
    expect(html).toContain('<a href="%3Cscript%3E.txt">&#60;script&#62;.txt</a>');
    expect(html).toContain('<a href="a%26b%20%22q%22.txt">a&#38;b &#34;q&#34;.txt</a>');
    expect(html).toContain('<a href="sub%20folder/">sub folder/</a>');
    expect(html).toContain('&lt;dir&gt;');
    expect(html).toContain('<a href="../">[To Parent Directory]</a>');
    expect(html).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d +\d+ <a href="plain.txt">/);
    expect(browsing.contexts.at(-1)!.trail).toContainEqual({ layer: 'handler', verdict: 'pass', detail: 'directory listing' });
  });

  it('leaves out what request filtering would refuse, and what cannot be served', async () => {
    const html = (await send(browsing.base, '/docs/')).body.toString();
    for (const hidden of ['web.config', '>bin/<', '.git', '.env', 'report.bak', 'dangling']) expect(html).not.toContain(hidden);
    expect(html).toContain('.well-known/');
  });

  it('has no parent link at the site root', async () => {
    const html = (await send(browsing.base, '/')).body.toString();
    expect(html).not.toContain('[To Parent Directory]');
    expect(html).toContain('<a href="docs/">docs/</a>');
  });

  it('answers HEAD with the listing\'s headers only', async () => {
    const reply = await send(browsing.base, '/docs/', { method: 'HEAD' });
    expect(reply.status).toBe(200);
    expect(Number(reply.headers['content-length'])).toBeGreaterThan(0);
    expect(reply.body.length).toBe(0);
  });

  it('serves the default document instead, where mapping found one', async () => {
    expect((await send(browsing.base, '/site/')).body.toString()).toBe('content of site/index.html');
  });

  it('refuses with 403.14 where browsing is disabled', async () => {
    const reply = await send(closed.base, '/docs/');
    expect(reply.status).toBe(403);
    expect(reply.body.toString()).toContain('403.14');
    expect(closed.contexts.at(-1)!.outcome).toMatchObject({ status: 403, substatus: 14, win32: 0 });
    expect(closed.contexts.at(-1)!.trail.at(-1)).toMatchObject({ layer: 'handler', verdict: 'deny' });
  });

  it('answers other verbs on a folder with 405', async () => {
    expect((await send(browsing.base, '/docs/', { method: 'POST' })).status).toBe(405);
  });
});

describe('explaining (no response)', () => {
  const explain = async (path: string, method = 'GET', settings = {}) => {
    const fake = fakeSite(root, settings);
    const resolved = await content.resolve(join(root, path));
    if (!resolved.found) throw new Error('fixture');
    const context = new RequestContext({
      head: { method, target: path, headers: {}, httpVersion: '1.1' },
      connection: { remoteAddress: '127.0.0.1', remotePort: 0, localAddress: '127.0.0.1', localPort: 0, encrypted: false },
      generation: fake.generation, site: fake.site, content, response: undefined, startedAt: performance.now(),
    });
    context.url = { path, query: '', rawPath: path, trailingSlash: path.endsWith('/') };
    context.location = fake.location;
    context.mapped = { application: fake.application, virtualDirectory: fake.virtualDirectory, physicalPath: join(root, path), entry: resolved.entry };
    const outcome = await createHandlerStage().run(context);
    return { context, outcome, entry: resolved.entry };
  };

  it('plans a file, a listing and OPTIONS, and records the decision', async () => {
    const file = await explain('/docs/plain.txt');
    expect(file.outcome).toBeUndefined();
    expect(file.context.plan).toEqual({ kind: 'file', entry: file.entry });
    expect(file.context.trail).toEqual([{ layer: 'handler', verdict: 'pass', detail: 'static file text/plain, 25 bytes' }]);
    const folder = await explain('/docs/', 'GET', { directoryBrowse: { enabled: true } });
    expect(folder.context.plan).toEqual({ kind: 'listing', entry: folder.entry });
    expect((await explain('/docs/plain.txt', 'OPTIONS')).context.plan).toEqual({ kind: 'options' });
  });

  it('refuses as serving would: 405, 403.14', async () => {
    expect((await explain('/docs/plain.txt', 'DELETE')).outcome).toMatchObject({ status: 405, headers: { Allow: 'GET, HEAD, OPTIONS' } });
    expect((await explain('/docs/')).outcome).toMatchObject({ status: 403, substatus: 14 });
  });
});
