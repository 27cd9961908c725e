import { watch as fsWatch, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResolveResult } from '../../pipeline/index.js';
import { createContentView, type ManagedContentView } from './index.js';
import { countingFs, tempFolder, until } from './fixtures/helpers.js';

/**
 * A change on disk must be seen within a second through notifications. Each test caches an
 * answer with an unwatched TTL far too long to help, so only an event can make the new answer
 * appear; the deadline is polled, never slept.
 */
let folder: ReturnType<typeof tempFolder>;
let view: ManagedContentView;
const at = (...parts: string[]) => join(folder.path, ...parts);
const NO_TTL_HELP = { maxBytes: 1 << 20, maxFileBytes: 1 << 16, unwatchedTtlMs: 60_000 };

async function watched(options: Partial<Parameters<typeof createContentView>[0]> = {}): Promise<ManagedContentView> {
  view = createContentView({ ...NO_TTL_HELP, ...options });
  view.watch([folder.path]);
  expect(await until(() => view.stats().watch.healthy === 1, 5000)).toBe(true);
  return view;
}

/** Resolves until `predicate` holds for the answer, within a second of the change. */
async function seen(path: string, predicate: (result: ResolveResult) => boolean): Promise<void> {
  expect(await until(async () => predicate(await view.resolve(path)))).toBe(true);
}
const realPathOf = (result: ResolveResult) => (result.found ? result.entry.realPath : undefined);

beforeEach(() => {
  folder = tempFolder('usher-watch-');
  mkdirSync(at('docs'));
  writeFileSync(at('docs', 'a.txt'), 'alpha');
  writeFileSync(at('docs', 'b.txt'), 'bravo');
});
afterEach(() => {
  view?.close();
  folder.remove();
});

describe('invalidation by file-system events', () => {
  it('sees a modified file: new ETag, new bytes', async () => {
    await watched();
    const before = await view.resolve(at('docs', 'a.txt'));
    if (!before.found) throw new Error('fixture');
    expect((await view.body(before.entry))?.toString()).toBe('alpha');
    writeFileSync(at('docs', 'a.txt'), 'alpha, changed');
    await seen(at('docs', 'a.txt'), (result) => result.found && result.entry.etag !== before.entry.etag);
    const after = await view.resolve(at('docs', 'a.txt'));
    if (!after.found) throw new Error('gone');
    expect((await view.body(after.entry))?.toString()).toBe('alpha, changed');
  });

  it('sees a rename, a deletion and a creation', async () => {
    await watched();
    expect((await view.resolve(at('docs', 'c.txt'))).found).toBe(false);
    await view.resolve(at('docs', 'a.txt'));
    await view.resolve(at('docs', 'b.txt'));
    renameSync(at('docs', 'a.txt'), at('docs', 'c.txt'));
    rmSync(at('docs', 'b.txt'));
    await seen(at('docs', 'a.txt'), (result) => !result.found);
    await seen(at('docs', 'c.txt'), (result) => result.found);
    await seen(at('docs', 'b.txt'), (result) => !result.found);
  });

  it('sees a file replaced by a folder, and a folder renamed away', async () => {
    await watched();
    await view.resolve(at('docs', 'a.txt'));
    rmSync(at('docs', 'a.txt'));
    mkdirSync(at('docs', 'a.txt'));
    await seen(at('docs', 'a.txt'), (result) => result.found && result.entry.kind === 'directory');
    renameSync(at('docs'), at('moved'));
    await seen(at('docs', 'b.txt'), (result) => !result.found);
    await seen(at('moved', 'b.txt'), (result) => result.found);
  });

  it('watches folders created after it started, and what is written in them', async () => {
    await watched();
    mkdirSync(at('new'));
    await seen(at('new'), (result) => result.found);
    expect((await view.resolve(at('new', 'deep', 'f.txt'))).found).toBe(false);
    mkdirSync(at('new', 'deep'));
    writeFileSync(at('new', 'deep', 'f.txt'), 'one');
    await seen(at('new', 'deep', 'f.txt'), (result) => result.found && result.entry.size === 3);
    writeFileSync(at('new', 'deep', 'f.txt'), 'three');
    await seen(at('new', 'deep', 'f.txt'), (result) => result.found && result.entry.size === 5);
  });

  it('sees a symlink pointed elsewhere, by rename over it (ln -sfn) or by remove and create', async () => {
    symlinkSync('a.txt', at('docs', 'current'));
    await watched();
    expect(realPathOf(await view.resolve(at('docs', 'current')))).toBe(at('docs', 'a.txt'));
    symlinkSync('b.txt', at('docs', 'next'));
    renameSync(at('docs', 'next'), at('docs', 'current'));
    await seen(at('docs', 'current'), (result) => realPathOf(result) === at('docs', 'b.txt'));
    rmSync(at('docs', 'current'));
    symlinkSync('a.txt', at('docs', 'current'));
    await seen(at('docs', 'current'), (result) => realPathOf(result) === at('docs', 'a.txt'));
  });

  it('sees a linked folder retargeted, and a change through a chain of links', async () => {
    mkdirSync(at('v1'));
    mkdirSync(at('v2'));
    mkdirSync(at('v3'));
    for (const v of ['v1', 'v2', 'v3']) writeFileSync(at(v, 'page.html'), v);
    symlinkSync('v1', at('live'));
    symlinkSync('../v2', at('v1', 'sub')); // live/sub/page.html → v1/sub → v2/page.html
    await watched();
    expect(realPathOf(await view.resolve(at('live', 'page.html')))).toBe(at('v1', 'page.html'));
    expect(realPathOf(await view.resolve(at('live', 'sub', 'page.html')))).toBe(at('v2', 'page.html'));
    // The middle link changes: neither the requested path nor the old real path is touched.
    rmSync(at('v1', 'sub'));
    symlinkSync('../v3', at('v1', 'sub'));
    await seen(at('live', 'sub', 'page.html'), (result) => realPathOf(result) === at('v3', 'page.html'));
    rmSync(at('live'));
    symlinkSync('v2', at('live'));
    await seen(at('live', 'page.html'), (result) => realPathOf(result) === at('v2', 'page.html'));
  });

  it('sees a folder listing change', async () => {
    await watched();
    expect((await view.list(at('docs'))).map((item) => item.name).sort()).toEqual(['a.txt', 'b.txt']);
    writeFileSync(at('docs', 'c.txt'), 'charlie');
    expect(await until(async () => (await view.list(at('docs'))).length === 3)).toBe(true);
  });

  it('under a watch, keeps a hot answer without looking again', async () => {
    const fs = countingFs();
    await watched({ fs, unwatchedTtlMs: 1 });
    await view.resolve(at('docs', 'a.txt'));
    const before = fs.calls();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await view.resolve(at('docs', 'a.txt'));
    expect(fs.calls()).toBe(before);
  });
});

describe('when events may be lost', () => {
  it('drops everything when a watch fails, and watches again later', async () => {
    const watchers: FSWatcher[] = [];
    const reports: string[] = [];
    await watched({
      report: (message) => reports.push(message),
      watch: (path, listener) => {
        const watcher = fsWatch(path, { persistent: false }, listener);
        watchers.push(watcher);
        return watcher;
      },
      watchRetryMs: 50,
    });
    await view.resolve(at('docs', 'a.txt'));
    expect(view.stats().entries).toBe(1);
    watchers[0]!.emit('error', Object.assign(new Error('inotify gone'), { code: 'EIO' }));
    expect(view.stats()).toMatchObject({ entries: 0, resets: 1, watch: { healthy: 0 } });
    expect(view.stats().lastReset).toContain('EIO');
    expect(await until(() => view.stats().watch.healthy === 1)).toBe(true);
    writeFileSync(at('docs', 'a.txt'), 'changed');
    await seen(at('docs', 'a.txt'), (result) => result.found && result.entry.size === 7);
    expect(reports).toEqual([expect.stringContaining('failed (EIO)'), `watching ${folder.path} again`]);
  });

  it('drops everything after a burst large enough to overflow the kernel queue', async () => {
    await watched({ burstLimit: 5 });
    await view.resolve(at('docs', 'a.txt'));
    for (let i = 0; i < 20; i++) writeFileSync(at(`f${i}`), 'x');
    expect(await until(() => view.stats().resets >= 1)).toBe(true);
  });

  it('outside the watched roots, caches briefly: a change is still seen within a second', async () => {
    const outside = tempFolder('usher-outside-');
    try {
      writeFileSync(join(outside.path, 'x.txt'), 'x');
      await watched({ unwatchedTtlMs: 500 });
      expect((await view.resolve(join(outside.path, 'x.txt'))).found).toBe(true);
      rmSync(join(outside.path, 'x.txt'));
      expect((await view.resolve(join(outside.path, 'x.txt'))).found).toBe(true);
      await seen(join(outside.path, 'x.txt'), (result) => !result.found);
    } finally {
      outside.remove();
    }
  });
});
