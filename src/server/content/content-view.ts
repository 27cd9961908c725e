import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ContentEntry, ContentView, DirectoryItem, ResolveResult } from '../../pipeline/index.js';
import { BodyCache } from './body-cache.js';
import { etagOf, nodeContentFs, type ContentFs } from './content-fs.js';
import { listDirectory } from './list-directory.js';
import { PathCache } from './path-cache.js';
import { trace } from './trace.js';
import { TreeWatcher, type WatchFn } from './tree-watcher.js';

export interface ContentViewOptions {
  /** Total bytes of file bodies kept in memory (server.contentCache.maxBytes). */
  readonly maxBytes: number;
  /** Larger files are streamed from disk, never kept (server.contentCache.maxFileBytes). */
  readonly maxFileBytes: number;
  /** Resolved paths remembered (default 50 000). */
  readonly maxEntries?: number;
  /** How long an answer that no watch covers is trusted (default 500 ms: a change is seen within a second). */
  readonly unwatchedTtlMs?: number;
  /** Even under a watch, look again this often, should an event ever be lost without a trace (default 60 s). */
  readonly watchedTtlMs?: number;
  /** Tests: count or fail file-system calls, replace fs.watch, lower the burst limit, retry a failed watch sooner. */
  readonly fs?: ContentFs;
  readonly watch?: WatchFn;
  readonly burstLimit?: number;
  readonly watchRetryMs?: number;
  /** Where the view says that watching a root failed or recovered (the server's log). */
  readonly report?: (message: string) => void;
}

export interface ContentViewStats {
  readonly entries: number;
  readonly listings: number;
  readonly bodies: number;
  readonly bodyBytes: number;
  readonly hits: number;
  readonly misses: number;
  /** Cached answers dropped by file-system events. */
  readonly invalidations: number;
  /** Times everything was dropped (a watch failed, or events may have been lost), and the last reason. */
  readonly resets: number;
  readonly lastReset: string | undefined;
  readonly watch: { readonly roots: number; readonly healthy: number; readonly directories: number };
}

export interface ManagedContentView extends ContentView {
  /** Watch these content roots (real paths; all sites' roots together), replacing the previous set. */
  watch(roots: readonly string[]): void;
  close(): void;
  stats(): ContentViewStats;
}

/**
 * The server's view of its content: answers about paths and the bytes of small files, cached so a
 * hot request makes no system call, and dropped by file-system notifications, never by a stat per
 * request. Every cache write is guarded by an epoch: an answer computed while an event arrived may
 * predate the change, so it is returned to its caller but not kept.
 */
export function createContentView(options: ContentViewOptions): ManagedContentView {
  const fs = options.fs ?? nodeContentFs;
  const unwatchedTtl = options.unwatchedTtlMs ?? 500;
  const watchedTtl = options.watchedTtlMs ?? 60_000;
  const answers = new PathCache<ResolveResult>(options.maxEntries ?? 50_000);
  const listings = new PathCache<readonly DirectoryItem[]>(256);
  const bodies = new BodyCache(options.maxBytes);
  const inflight = new Map<string, { readonly epoch: number; readonly answer: Promise<ResolveResult> }>();
  let epoch = 0;
  let hits = 0;
  let misses = 0;
  let invalidations = 0;
  let resets = 0;
  let lastReset: string | undefined;

  const watcher = new TreeWatcher({
    changed(path) {
      epoch++;
      invalidations += answers.invalidate(path) + listings.invalidate(path);
      // A listing shows its entries and their entries' dates: a change two levels down alters it.
      const parent = dirname(path);
      listings.delete(parent);
      listings.delete(dirname(parent));
      bodies.invalidate(path);
    },
    reset(reason) {
      epoch++;
      resets++;
      lastReset = reason;
      answers.clear();
      listings.clear();
      bodies.clear();
    },
    report: options.report,
  }, { fs, watch: options.watch, burstLimit: options.burstLimit, retryMs: options.watchRetryMs });

  const expiry = (deps: readonly string[], symlinked = false) =>
    performance.now() + (!symlinked && deps.every((dep) => watcher.covers(dep)) ? watchedTtl : unwatchedTtl);

  async function lookUp(physicalPath: string): Promise<ResolveResult> {
    const started = epoch;
    const traced = await trace(fs, physicalPath);
    if (epoch === started) answers.set(physicalPath, traced.result, traced.deps, expiry(traced.deps));
    return traced.result;
  }

  async function readBody(entry: ContentEntry): Promise<Buffer | undefined> {
    const started = epoch;
    let handle;
    try {
      handle = await fs.open(entry.realPath);
    } catch {
      return undefined; // The handler streams instead, and its open reports why.
    }
    try {
      // Read from the open file and check it is the version the ETag names: a body kept under
      // an ETag must be exactly that version's bytes.
      if (etagOf(await handle.stat({ bigint: true })) !== entry.etag) return undefined;
      const bytes = await handle.readFile();
      if (bytes.length !== entry.size) return undefined;
      if (epoch === started) bodies.set(entry.realPath, entry.etag, bytes);
      return bytes;
    } catch {
      return undefined;
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  return {
    resolve(physicalPath) {
      const cached = answers.get(physicalPath, performance.now());
      if (cached !== undefined) {
        hits++;
        return cached;
      }
      misses++;
      // Concurrent misses share one lookup, unless an event arrived since it began.
      const running = inflight.get(physicalPath);
      if (running !== undefined && running.epoch === epoch) return running.answer;
      const answer = lookUp(physicalPath).finally(() => {
        if (inflight.get(physicalPath)?.answer === answer) inflight.delete(physicalPath);
      });
      inflight.set(physicalPath, { epoch, answer });
      return answer;
    },

    body(entry: ContentEntry) {
      if (entry.kind !== 'file' || entry.size > options.maxFileBytes) return undefined;
      return bodies.get(entry.realPath, entry.etag) ?? readBody(entry);
    },

    async list(realPath) {
      const cached = listings.get(realPath, performance.now());
      if (cached !== undefined) return cached;
      const started = epoch;
      const { items, symlinked } = await listDirectory(fs, realPath);
      // A link's size and date are its target's, which may live where no watch reaches.
      if (epoch === started) listings.set(realPath, items, [realPath], expiry([realPath], symlinked));
      return items;
    },

    watch(roots) {
      watcher.setRoots(roots);
    },

    close() {
      watcher.close();
      answers.clear();
      listings.clear();
      bodies.clear();
    },

    stats() {
      return {
        entries: answers.size, listings: listings.size, bodies: bodies.size, bodyBytes: bodies.bytes,
        hits, misses, invalidations, resets, lastReset, watch: watcher.stats(),
      };
    },
  };
}
