import { mkdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContentEntry, ResolveResult } from '../../pipeline/index.js';
import { createContentView, type ManagedContentView } from './index.js';
import { countingFs, tempFolder, until } from './fixtures/helpers.js';

let folder: ReturnType<typeof tempFolder>;
let view: ManagedContentView | undefined;
const at = (...parts: string[]) => join(folder.path, ...parts);
function entryOf(result: ResolveResult): ContentEntry {
  if (!result.found) throw new Error(`not found: ${result.reason}`);
  return result.entry;
}

beforeEach(() => {
  folder = tempFolder('usher-content-');
  mkdirSync(at('docs'));
  writeFileSync(at('docs', 'a.txt'), 'alpha');
  writeFileSync(at('big.bin'), Buffer.alloc(4096, 7));
});
afterEach(() => {
  view?.close();
  view = undefined;
  folder.remove();
});

describe('resolve', () => {
  it('describes a file with a strong ETag from inode, size and mtime', async () => {
    view = createContentView({ maxBytes: 1 << 20, maxFileBytes: 1 << 16 });
    const result = await view.resolve(at('docs', 'a.txt'));
    const stats = statSync(at('docs', 'a.txt'), { bigint: true });
    expect(result).toEqual({
      found: true,
      entry: {
        realPath: at('docs', 'a.txt'), kind: 'file', size: 5, mtimeMs: Number(stats.mtimeNs / 1000n) / 1000,
        etag: `"${stats.ino.toString(16)}-5-${stats.mtimeNs.toString(16)}"`,
      },
    });
  });

  it('answers folders, and each way a path can fail', async () => {
    view = createContentView({ maxBytes: 1 << 20, maxFileBytes: 1 << 16 });
    expect(await view.resolve(at('docs'))).toMatchObject({ found: true, entry: { kind: 'directory', realPath: at('docs') } });
    expect(await view.resolve(at('docs', 'nope.txt'))).toEqual({ found: false, reason: 'missing' });
    expect(await view.resolve(at('docs', 'a.txt', 'inside'))).toEqual({ found: false, reason: 'not-a-directory' });
    expect(await view.resolve(at('x'.repeat(300)))).toEqual({ found: false, reason: 'name-too-long' });
  });

  it('follows symlinks to the real path, and a link loop is unreadable', async () => {
    symlinkSync('docs', at('link'));
    symlinkSync('loop', at('loop'));
    view = createContentView({ maxBytes: 1 << 20, maxFileBytes: 1 << 16 });
    expect(await view.resolve(at('link', 'a.txt'))).toMatchObject({ found: true, entry: { realPath: at('docs', 'a.txt') } });
    expect(await view.resolve(at('link', '..', 'big.bin'))).toMatchObject({ found: true, entry: { realPath: at('big.bin') } });
    expect(await view.resolve(at('loop', 'x'))).toEqual({ found: false, reason: 'unreadable' });
  });

  it('answers a hot path from memory: no system call on a hit', async () => {
    const fs = countingFs();
    view = createContentView({ maxBytes: 1 << 20, maxFileBytes: 1 << 16, fs });
    symlinkSync('docs', at('link'));
    for (const path of [at('docs', 'a.txt'), at('link', 'a.txt'), at('missing.txt')]) await view.resolve(path);
    const body = await view.body(entryOf(await view.resolve(at('docs', 'a.txt'))));
    await view.list(at('docs'));
    const before = fs.calls();
    for (let i = 0; i < 100; i++) {
      await view.resolve(at('docs', 'a.txt'));
      await view.resolve(at('link', 'a.txt'));
      await view.resolve(at('missing.txt'));
      expect(await view.body(entryOf(await view.resolve(at('docs', 'a.txt'))))).toBe(body);
      await view.list(at('docs'));
    }
    expect(fs.calls()).toBe(before);
    expect(view.stats().hits).toBeGreaterThanOrEqual(400);
  });

  it('answers a hit synchronously, a miss with a promise (the hot path costs no microtask)', async () => {
    view = createContentView({ maxBytes: 1 << 20, maxFileBytes: 1024 });
    const first = view.resolve(at('docs', 'a.txt'));
    expect(first).toBeInstanceOf(Promise);
    const entry = entryOf(await first);
    const again = view.resolve(at('docs', 'a.txt'));
    expect(again).not.toBeInstanceOf(Promise);
    expect(entryOf(again as ResolveResult)).toBe(entry);
    const read = view.body(entry);
    expect(read).toBeInstanceOf(Promise);
    const bytes = await read;
    expect(view.body(entry)).toBe(bytes);
    // Too large to keep: no promise either, the handler streams it from disk.
    expect(view.body(entryOf(await view.resolve(at('big.bin'))))).toBeUndefined();
  });

  it('shares one lookup between concurrent misses', async () => {
    const fs = countingFs();
    view = createContentView({ maxBytes: 1 << 20, maxFileBytes: 1 << 16, fs });
    const answers = await Promise.all(Array.from({ length: 20 }, () => view!.resolve(at('docs', 'a.txt'))));
    expect(new Set(answers).size).toBe(1);
    expect(fs.calls()).toBe(2); // realpath + stat, once
  });

  it('without a watch, trusts an answer only briefly: a deleted file is gone within a second', async () => {
    view = createContentView({ maxBytes: 1 << 20, maxFileBytes: 1 << 16 });
    expect((await view.resolve(at('docs', 'a.txt'))).found).toBe(true);
    rmSync(at('docs', 'a.txt'));
    // Still the cached answer right after the deletion: proof that a hit does not stat.
    expect((await view.resolve(at('docs', 'a.txt'))).found).toBe(true);
    expect(await until(async () => !(await view!.resolve(at('docs', 'a.txt'))).found)).toBe(true);
  });

  it('bounds the number of answers it keeps', async () => {
    view = createContentView({ maxBytes: 1 << 20, maxFileBytes: 1 << 16, maxEntries: 10 });
    for (let i = 0; i < 50; i++) await view.resolve(at(`missing-${i}`));
    expect(view.stats().entries).toBe(10);
  });
});

describe('body', () => {
  it('keeps files up to maxFileBytes and leaves larger ones to be streamed', async () => {
    view = createContentView({ maxBytes: 1 << 20, maxFileBytes: 1024 });
    const small = await view.resolve(at('docs', 'a.txt'));
    const large = await view.resolve(at('big.bin'));
    const folderEntry = await view.resolve(at('docs'));
    if (!small.found || !large.found || !folderEntry.found) throw new Error('fixture');
    expect((await view.body(small.entry))?.toString()).toBe('alpha');
    expect(await view.body(large.entry)).toBeUndefined();
    expect(await view.body(folderEntry.entry)).toBeUndefined();
  });

  it('holds at most maxBytes, evicting the least recently used', async () => {
    for (const name of ['one', 'two', 'three']) writeFileSync(at(name), Buffer.alloc(400, name.length));
    const fs = countingFs();
    view = createContentView({ maxBytes: 1000, maxFileBytes: 1000, fs });
    const entry = async (name: string) => {
      const result = await view!.resolve(at(name));
      if (!result.found) throw new Error(name);
      return result.entry;
    };
    const [one, two, three] = [await entry('one'), await entry('two'), await entry('three')];
    await view.body(one);
    await view.body(two);
    await view.body(one); // `one` is now the most recently used, `two` the least
    await view.body(three);
    expect(view.stats()).toMatchObject({ bodies: 2, bodyBytes: 800 });
    const before = fs.calls();
    await view.body(one);
    await view.body(three);
    expect(fs.calls()).toBe(before);
    await view.body(two);
    expect(fs.calls()).toBeGreaterThan(before);
    expect(view.stats().bodyBytes).toBeLessThanOrEqual(1000);
  });

  it('never answers an ETag with another version\'s bytes', async () => {
    view = createContentView({ maxBytes: 1 << 20, maxFileBytes: 1 << 16, unwatchedTtlMs: 60_000 });
    const first = await view.resolve(at('docs', 'a.txt'));
    if (!first.found) throw new Error('fixture');
    expect((await view.body(first.entry))?.toString()).toBe('alpha');
    // Same size, mtime moved on: a new version under the old (still cached) entry.
    writeFileSync(at('docs', 'a.txt'), 'omega');
    utimesSync(at('docs', 'a.txt'), new Date(), new Date(Date.now() + 5000));
    view.close(); // drops the bodies, as an event would; the stale entry object is still in hand
    expect(await view.body(first.entry)).toBeUndefined();
  });
});

describe('list', () => {
  it('lists entries with kind, size and date, through symlinks', async () => {
    symlinkSync('a.txt', at('docs', 'to-a'));
    symlinkSync('nowhere', at('docs', 'dangling'));
    mkdirSync(at('docs', 'sub'));
    view = createContentView({ maxBytes: 1 << 20, maxFileBytes: 1 << 16 });
    const items = [...(await view.list(at('docs')))].sort((a, b) => a.name.localeCompare(b.name));
    expect(items.map(({ name, kind, size }) => ({ name, kind, size }))).toEqual([
      { name: 'a.txt', kind: 'file', size: 5 },
      { name: 'dangling', kind: 'other', size: 0 },
      { name: 'sub', kind: 'directory', size: expect.any(Number) },
      { name: 'to-a', kind: 'file', size: 5 },
    ]);
    expect(items[0]!.mtimeMs).toBeGreaterThan(0);
  });
});
