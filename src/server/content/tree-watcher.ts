import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { basename } from 'node:path';
import { errorCode, type ContentFs } from './content-fs.js';

export interface WatchEvents {
  /** Something at `path` or below it may have changed. */
  changed(path: string): void;
  /** Events may have been lost: every cached answer must go. */
  reset(reason: string): void;
  /** A root's watches failed or came back: worth a line in the server's log. */
  report?(message: string): void;
}

export type WatchFn = (path: string, listener: (event: string, filename: string | null) => void) => FSWatcher;

export interface TreeWatcherOptions {
  readonly fs: Pick<ContentFs, 'lstat' | 'readdir'>;
  readonly watch?: WatchFn;
  /** More events than this before the loop turns over: the kernel queue may have overflowed. */
  readonly burstLimit?: number;
  readonly retryMs?: number;
}

interface Root {
  readonly path: string;
  readonly dirs: Map<string, { readonly watcher: FSWatcher; readonly ino: bigint }>;
  state: 'starting' | 'healthy' | 'degraded' | 'closed';
  retryMs: number;
  timer: NodeJS.Timeout | undefined;
}

const MAX_RETRY_MS = 5 * 60_000;
const under = (path: string, dir: string) => path === dir || path.startsWith(dir === '/' ? '/' : `${dir}/`);
const join = (dir: string, name: string) => (dir === '/' ? `/${name}` : `${dir}/${name}`);

/**
 * Watches content roots with one inotify watch per directory, not Node 20's `recursive: true`:
 * on Linux that emulation watches each file's inode, so it reports nothing when a symlink is
 * replaced or a file is swapped for a folder (both checked on this machine). A directory watch
 * names the entry that changed in every such case, and costs one watch per folder, not per file.
 */
export class TreeWatcher {
  readonly #roots = new Map<string, Root>();
  readonly #watch: WatchFn;
  readonly #burstLimit: number;
  readonly #retryMs: number;
  #burst = 0;

  constructor(private readonly events: WatchEvents, private readonly options: TreeWatcherOptions) {
    this.#watch = options.watch ?? ((path, listener) => fsWatch(path, { persistent: false }, listener));
    this.#burstLimit = options.burstLimit ?? 1000;
    this.#retryMs = options.retryMs ?? 5000;
  }

  /** Watches exactly these roots from now on (nested ones are covered by their ancestor). */
  setRoots(roots: readonly string[]): void {
    const wanted = [...new Set(roots)].filter((root) => !roots.some((other) => other !== root && under(root, other)));
    for (const [path, root] of this.#roots) {
      if (!wanted.includes(path)) this.#stop(root);
    }
    for (const path of wanted) {
      if (this.#roots.has(path)) continue;
      const root: Root = { path, dirs: new Map(), state: 'starting', retryMs: this.#retryMs, timer: undefined };
      this.#roots.set(path, root);
      void this.#start(root);
    }
  }

  /** Whether every change at `path` will be reported: it lies under a root whose watches all stand. */
  covers(path: string): boolean {
    for (const root of this.#roots.values()) if (root.state === 'healthy' && under(path, root.path)) return true;
    return false;
  }

  close(): void {
    for (const root of this.#roots.values()) this.#stop(root);
  }

  stats(): { roots: number; healthy: number; directories: number } {
    const roots = [...this.#roots.values()];
    return {
      roots: roots.length,
      healthy: roots.filter((root) => root.state === 'healthy').length,
      directories: roots.reduce((sum, root) => sum + root.dirs.size, 0),
    };
  }

  async #start(root: Root): Promise<void> {
    root.state = 'starting';
    try {
      await this.#attach(root, root.path);
      if (root.state !== 'starting') return;
      if (!root.dirs.has(root.path)) throw new Error('the folder is gone');
      if (root.retryMs !== this.#retryMs) this.events.report?.(`watching ${root.path} again`);
      root.state = 'healthy';
      root.retryMs = this.#retryMs;
    } catch (error) {
      this.#degrade(root, error);
    }
  }

  /** Watches `dir` and every folder below it (not through symlinks: their targets are watched where they live). */
  async #attach(root: Root, dir: string): Promise<void> {
    const isRoot = dir === root.path;
    let ino: bigint;
    try {
      const stats = await this.options.fs.lstat(dir);
      if (!stats.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      ino = stats.ino;
    } catch (error) {
      if (isRoot) throw error;
      return; // Gone already: the event about its parent has dropped what depended on it.
    }
    if (root.state === 'closed' || root.state === 'degraded') return;
    const existing = root.dirs.get(dir);
    if (existing?.ino === ino) return;
    if (existing) this.#closeBelow(root, dir);
    let watcher: FSWatcher;
    try {
      watcher = this.#watch(dir, (event, filename) => this.#onEvent(root, dir, event, filename));
    } catch (error) {
      const code = errorCode(error);
      if (!isRoot && (code === 'ENOENT' || code === 'ENOTDIR')) return;
      throw error;
    }
    watcher.on('error', (error) => this.#degrade(root, error));
    root.dirs.set(dir, { watcher, ino });
    // Answers cached before this watch existed were never covered by it: drop them now.
    this.events.changed(dir);
    let entries;
    try {
      entries = await this.options.fs.readdir(dir);
    } catch (error) {
      if (isRoot) throw error;
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) await this.#attach(root, join(dir, entry.name));
    }
  }

  #onEvent(root: Root, dir: string, event: string, filename: string | null): void {
    if (root.state === 'closed' || root.state === 'degraded') return;
    this.#countBurst();
    // No name, or one that did not survive decoding as UTF-8: the whole folder is suspect.
    const path = filename === null || filename.includes('\uFFFD') ? dir : join(dir, filename);
    this.events.changed(path);
    if (event !== 'rename') return;
    void this.#recheck(root, path);
    // The folder's own removal or move arrives as an event named after the folder itself.
    if (filename === null || filename === basename(dir)) void this.#recheck(root, dir);
  }

  /** After a rename at `path`: start watching a folder that appeared, stop watching one that went. */
  async #recheck(root: Root, path: string): Promise<void> {
    let stats;
    try {
      stats = await this.options.fs.lstat(path);
    } catch {
      stats = undefined;
    }
    if (root.state === 'closed' || root.state === 'degraded') return;
    const watched = root.dirs.get(path);
    if (stats?.isDirectory()) {
      if (watched?.ino === stats.ino) return;
      try {
        await this.#attach(root, path);
      } catch (error) {
        this.#degrade(root, error);
      }
    } else if (watched) {
      this.#closeBelow(root, path);
      this.events.changed(path);
      if (path === root.path) this.#degrade(root, new Error('the folder is gone'));
    }
  }

  #countBurst(): void {
    if (this.#burst === 0) setImmediate(() => (this.#burst = 0));
    // libuv delivers every queued inotify event in one turn of the loop, and drops the overflow
    // marker: a turn this busy may have lost events, so nothing cached can be trusted.
    if (++this.#burst === this.#burstLimit) this.events.reset('a burst of file-system events (some may have been lost)');
  }

  #closeBelow(root: Root, path: string): void {
    for (const [dir, watched] of root.dirs) {
      if (!under(dir, path)) continue;
      watched.watcher.close();
      root.dirs.delete(dir);
    }
  }

  #degrade(root: Root, error: unknown): void {
    if (root.state === 'closed' || root.state === 'degraded') return;
    const trusted = root.state === 'healthy';
    root.state = 'degraded';
    this.#closeBelow(root, root.path);
    const reason = `watching ${root.path} failed (${errorCode(error) ?? (error as Error)?.message ?? 'error'})`;
    // Only answers cached while the root was healthy relied on its watches; before, covers() was false.
    if (trusted) this.events.reset(reason);
    if (root.retryMs === this.#retryMs) {
      this.events.report?.(`${reason}; until it recovers, answers there are kept only briefly`);
    }
    // Until the watches stand again, answers under this root are cached briefly (covers() is false).
    root.timer = setTimeout(() => {
      root.timer = undefined;
      if (root.state === 'degraded') void this.#start(root);
    }, root.retryMs);
    root.timer.unref();
    root.retryMs = Math.min(root.retryMs * 2, MAX_RETRY_MS);
  }

  #stop(root: Root): void {
    root.state = 'closed';
    if (root.timer) clearTimeout(root.timer);
    this.#closeBelow(root, root.path);
    this.#roots.delete(root.path);
  }
}
