import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { UsherError } from '../shared/index.js';

/**
 * An exclusive lock for one writer at a time: a file created with O_EXCL beside the config. It is
 * hand-written rather than taken from proper-lockfile because its staleness rule is an mtime
 * timeout (10 s by default) that a live holder must keep refreshing, so a writer killed mid-save
 * blocks everyone for that long; here the owner's pid (and start time, against pid reuse) tells at
 * once whether the holder is still alive. Usher runs on one Linux host, so that is enough.
 */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** From /proc/<pid>/stat: tells a recycled pid from the process that took the lock. */
  readonly started: string | undefined;
  readonly time: string;
  readonly token: string;
}

export interface LockOptions {
  /** How long to wait for another writer before giving up (USHER_ERR_CFG_LOCKED). */
  readonly timeoutMs?: number;
}

function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is the state (field 3); a zombie has exited and only waits to be reaped.
    return fields[0] === 'Z' ? undefined : fields[19];
  } catch {
    return undefined;
  }
}

let procAvailable: boolean | undefined;

function isAlive(owner: LockOwner): boolean {
  // Another host's pids mean nothing here; such a lock is waited out and then reported.
  if (owner.host !== hostname()) return true;
  procAvailable ??= processStart(process.pid) !== undefined;
  if (procAvailable) {
    const started = processStart(owner.pid);
    return started !== undefined && (owner.started === undefined || owner.started === started);
  }
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.token === 'string' ? (owner as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

async function readLock(path: string): Promise<{ text: string; mtimeMs: number } | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { text, mtimeMs: info.mtimeMs };
  } catch {
    return undefined;
  }
}

// A lock file without an owner was being written when its creator died; owners are written
// within microseconds of creation, so a few seconds of silence is conclusive.
const OWNERLESS_STALE_MS = 5_000;

/**
 * Removes a dead owner's lock. Breaking happens under a second lock, re-reading the lock first,
 * so two waiters that both saw the same dead owner cannot end up deleting a live successor's lock.
 */
async function breakStale(path: string, seen: string): Promise<void> {
  const breaker = `${path}.break`;
  let handle;
  try {
    handle = await open(breaker, 'wx', 0o600);
  } catch {
    const info = await stat(breaker).catch(() => undefined);
    // A breaker killed mid-break leaves this behind; breaking takes microseconds, so it is old news.
    if (info && Date.now() - info.mtimeMs > OWNERLESS_STALE_MS) await unlink(breaker).catch(() => undefined);
    return;
  }
  try {
    const current = await readLock(path);
    if (current?.text === seen) await unlink(path).catch(() => undefined);
  } finally {
    await handle.close();
    await unlink(breaker).catch(() => undefined);
  }
}

/** Creates the lock with its owner inside; false when someone else holds it. */
async function tryCreate(path: string, text: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new UsherError('USHER_ERR_CFG_WRITE', `cannot create the lock ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    await handle.writeFile(text);
    await handle.close();
    return true;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw new UsherError('USHER_ERR_CFG_WRITE', `cannot write the lock ${path}: ${(error as Error).message}`, { cause: error });
  }
}

export type ReleaseLock = () => Promise<void>;

export async function acquireLock(path: string, options: LockOptions = {}): Promise<ReleaseLock> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  const owner: LockOwner = {
    pid: process.pid, host: hostname(), started: processStart(process.pid), time: new Date().toISOString(), token: randomUUID(),
  };
  const text = `${JSON.stringify(owner)}\n`;
  let delay = 5;
  for (;;) {
    if (await tryCreate(path, text)) {
      return async function releaseLock() {
        // Only our own lock: if it was (wrongly) broken, the file belongs to someone else now.
        if ((await readLock(path))?.text === text) await unlink(path).catch(() => undefined);
      };
    }
    const held = await readLock(path);
    const holder = held && parseOwner(held.text);
    const stale = held !== undefined && (holder ? !isAlive(holder) : Date.now() - held.mtimeMs > OWNERLESS_STALE_MS);
    if (stale) await breakStale(path, held.text);
    else if (Date.now() >= deadline) {
      const who = holder ? `pid ${holder.pid} on ${holder.host} since ${holder.time}` : 'another writer';
      throw new UsherError('USHER_ERR_CFG_LOCKED', `the configuration is locked by ${who} (${path}); ` +
        'try again, or delete the lock file if no usher process is running');
    }
    // Jittered back-off: waiters that started together do not keep colliding.
    await sleep(stale ? 1 : delay + Math.random() * delay);
    if (!stale) delay = Math.min(delay * 1.5, 200);
  }
}
