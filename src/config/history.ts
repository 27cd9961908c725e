import { createHash } from 'node:crypto';
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ensurePrivateDirectory, removeLeftoverTemps, writeFileAtomic } from './atomic-write.js';

/**
 * Previous versions of a config in `.usher-history/` beside it. Each version is a byte copy named
 * `<seq>-<saved time>-<config name>` (so several configs can share a folder, and names sort by
 * time), with a `.meta.json` sidecar holding the message of the edit that produced it. The
 * message of the live file waits in `<config name>.head.json` until that file is archived in turn.
 */
export interface HistoryEntry {
  /** 1 is the newest: the version the last save replaced. */
  readonly number: number;
  readonly name: string;
  readonly path: string;
  /** When this version was written, by usher or (without a message) by hand. */
  readonly savedAt: Date;
  readonly size: number;
  /** The message of the edit that produced this version; undefined for hand edits. */
  readonly message: string | undefined;
}

interface VersionMeta {
  readonly savedAt: string;
  readonly size: number;
  readonly sha256: string;
  readonly message?: string;
}

interface HeadRecord {
  readonly savedAt: string;
  readonly sha256: string;
  readonly message?: string;
}

export function historyDir(configFile: string): string {
  return join(dirname(configFile), '.usher-history');
}

const VERSION_NAME = /^(\d+)-(\d{8}T\d{6}\.\d{3}Z)-(.+)$/;

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function stampOf(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '');
}

function dateOfStamp(stamp: string): Date {
  return new Date(stamp.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})/, '$1-$2-$3T$4:$5:$6'));
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

interface StoredVersion {
  readonly seq: number;
  readonly name: string;
  readonly stamp: string;
}

async function storedVersions(configFile: string): Promise<StoredVersion[]> {
  const names = await readdir(historyDir(configFile)).catch(() => [] as string[]);
  const base = basename(configFile);
  return names
    .map((name) => ({ name, match: VERSION_NAME.exec(name) }))
    .filter(({ match }) => match?.[3] === base)
    .map(({ name, match }) => ({ seq: Number(match![1]), name, stamp: match![2]! }))
    .sort((a, b) => a.seq - b.seq);
}

/** Newest first, numbered from 1 as `usher config history` shows them. */
export async function listHistory(configFile: string): Promise<HistoryEntry[]> {
  const dir = historyDir(configFile);
  const versions = (await storedVersions(configFile)).reverse();
  return Promise.all(versions.map(async (version, index): Promise<HistoryEntry> => {
    const path = join(dir, version.name);
    const meta = await readJson<VersionMeta>(`${path}.meta.json`);
    const size = meta?.size ?? (await stat(path)).size;
    return {
      number: index + 1, name: version.name, path, size,
      savedAt: meta ? new Date(meta.savedAt) : dateOfStamp(version.stamp), message: meta?.message,
    };
  }));
}

/** Records who wrote the live file, to be attached to it when it is archived. */
export async function recordHead(configFile: string, data: string | Uint8Array, message: string | undefined): Promise<void> {
  const dir = historyDir(configFile);
  await ensurePrivateDirectory(dir);
  const head: HeadRecord = { savedAt: new Date().toISOString(), sha256: sha256(data), ...(message !== undefined && { message }) };
  await writeFileAtomic(join(dir, `${basename(configFile)}.head.json`), `${JSON.stringify(head)}\n`);
}

/** Copies the live file's bytes into history before it is replaced. Call it under the store's lock. */
export async function archiveVersion(configFile: string, data: Uint8Array, modified: Date): Promise<void> {
  const dir = historyDir(configFile);
  await ensurePrivateDirectory(dir);
  await removeLeftoverTemps(dir);
  const head = await readJson<HeadRecord>(join(dir, `${basename(configFile)}.head.json`));
  const digest = sha256(data);
  // The head's message belongs to these bytes only if nobody edited the file by hand since.
  const ours = head?.sha256 === digest;
  const savedAt = ours ? new Date(head.savedAt) : modified;
  const versions = await storedVersions(configFile);
  const seq = (versions.at(-1)?.seq ?? 0) + 1;
  const name = `${String(seq).padStart(6, '0')}-${stampOf(savedAt)}-${basename(configFile)}`;
  await writeFileAtomic(join(dir, name), data);
  const meta: VersionMeta = {
    savedAt: savedAt.toISOString(), size: data.byteLength, sha256: digest, ...(ours && head.message !== undefined && { message: head.message }),
  };
  await writeFileAtomic(join(dir, `${name}.meta.json`), `${JSON.stringify(meta)}\n`);
}

/** Keeps the newest `keep` versions; also drops sidecars whose version is gone. */
export async function pruneHistory(configFile: string, keep: number): Promise<void> {
  const dir = historyDir(configFile);
  const versions = await storedVersions(configFile);
  const kept = new Set(versions.slice(Math.max(0, versions.length - keep)).map((version) => version.name));
  const base = basename(configFile);
  const isVersion = (name: string): boolean => VERSION_NAME.exec(name)?.[3] === base;
  const doomed = (await readdir(dir).catch(() => [] as string[])).filter((name) => {
    const version = name.endsWith('.meta.json') ? name.slice(0, -'.meta.json'.length) : name;
    return isVersion(version) && !kept.has(version);
  });
  await Promise.all(doomed.map((name) => unlink(join(dir, name)).catch(() => undefined)));
}
