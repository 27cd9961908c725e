import type { BigIntStats } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { ResolveResult } from '../../pipeline/index.js';
import { errorCode, etagOf, type ContentFs } from './content-fs.js';

/**
 * A resolved path and the paths its answer depends on. An event at one of these paths or above
 * one of them may change the answer; nothing else can. Without symlinks that is the path itself
 * (its ancestors are covered by being above it); through symlinks it is also every link and every
 * real location the resolution passed through, which a plain realpath() would not tell us.
 */
export interface Traced {
  readonly result: ResolveResult;
  readonly deps: readonly string[];
}

/** POSIX allows 40 links in one resolution (Linux's MAXSYMLINKS); beyond that it is ELOOP. */
const MAX_LINKS = 40;

function failure(error: unknown): ResolveResult {
  switch (errorCode(error)) {
    case 'ENOENT': return { found: false, reason: 'missing' };
    case 'ENOTDIR': return { found: false, reason: 'not-a-directory' };
    case 'ENAMETOOLONG': return { found: false, reason: 'name-too-long' };
    default: return { found: false, reason: 'unreadable' };
  }
}

function answer(realPath: string, stats: BigIntStats): ResolveResult {
  // FIFOs, sockets and devices are never content: reading a FIFO would hang the request.
  if (!stats.isFile() && !stats.isDirectory()) return { found: false, reason: 'missing' };
  return {
    found: true,
    entry: {
      realPath,
      kind: stats.isFile() ? 'file' : 'directory',
      size: Number(stats.size),
      mtimeMs: Number(stats.mtimeNs / 1000n) / 1000,
      etag: etagOf(stats),
    },
  };
}

/** Keeps the deepest paths: an event above a deeper dependency already reaches it. */
function deepest(paths: readonly string[]): string[] {
  return paths.filter((path) => !paths.some((other) => other !== path && other.startsWith(path === '/' ? '/' : `${path}/`)));
}

const join = (dir: string, name: string) => (dir === '/' ? `/${name}` : `${dir}/${name}`);
const parent = (dir: string) => dir.slice(0, Math.max(1, dir.lastIndexOf('/')));

/** Resolves component by component with lstat, recording every location consulted. */
async function walk(fs: ContentFs, path: string): Promise<Traced> {
  const pending = path.split('/').filter((part) => part !== '').reverse();
  const consulted: string[] = [];
  let dir = '/';
  let stats: BigIntStats | undefined;
  let links = 0;
  try {
    while (pending.length > 0) {
      const name = pending.pop()!;
      if (name === '.') continue;
      if (name === '..') {
        // Physical resolution, as the kernel does it: `..` of a link's target is the target's parent.
        dir = parent(dir);
        stats = undefined;
        continue;
      }
      const at = join(dir, name);
      consulted.push(at);
      const current = await fs.lstat(at);
      if (current.isSymbolicLink()) {
        if (++links > MAX_LINKS) return { result: { found: false, reason: 'unreadable' }, deps: deepest(consulted) };
        const target = await fs.readlink(at);
        if (target.startsWith('/')) dir = '/';
        pending.push(...target.split('/').filter((part) => part !== '').reverse());
        stats = undefined;
        continue;
      }
      if (pending.length > 0 && !current.isDirectory()) return { result: failure({ code: 'ENOTDIR' }), deps: deepest(consulted) };
      dir = at;
      stats = current;
    }
    stats ??= await fs.lstat(dir);
    return { result: answer(dir, stats), deps: deepest([...consulted, dir]) };
  } catch (error) {
    return { result: failure(error), deps: deepest(consulted.length > 0 ? consulted : [path]) };
  }
}

/**
 * Resolves a physical path to what the server may serve. The common case (no symlinks) costs a
 * realpath and a stat; anything else (a link on the way, a missing name) takes the careful walk
 * so the cache knows exactly which events must drop the answer.
 */
export async function trace(fs: ContentFs, physicalPath: string): Promise<Traced> {
  const path = resolvePath(physicalPath);
  try {
    const real = await fs.realpath(path);
    if (real === path) return { result: answer(real, await fs.stat(real)), deps: [path] };
  } catch (error) {
    // ENAMETOOLONG is about the string itself; the walk would only fail the same way, one lstat later.
    if (errorCode(error) === 'ENAMETOOLONG') return { result: failure(error), deps: [path] };
  }
  return walk(fs, path);
}
