import type { BigIntStats, Dirent } from 'node:fs';
import { lstat, open, readdir, readlink, realpath, stat, type FileHandle } from 'node:fs/promises';

/**
 * The file-system calls the content view makes, in one place so that tests can count them (a
 * cache hit must make none) or make them fail. Stats are BigInt: the ETag uses nanosecond mtimes.
 */
export interface ContentFs {
  realpath(path: string): Promise<string>;
  stat(path: string): Promise<BigIntStats>;
  lstat(path: string): Promise<BigIntStats>;
  readlink(path: string): Promise<string>;
  readdir(path: string): Promise<Dirent[]>;
  open(path: string): Promise<FileHandle>;
}

export const nodeContentFs: ContentFs = {
  realpath: (path) => realpath(path),
  stat: (path) => stat(path, { bigint: true }),
  lstat: (path) => lstat(path, { bigint: true }),
  readlink: (path) => readlink(path),
  readdir: (path) => readdir(path, { withFileTypes: true }),
  open: (path) => open(path, 'r'),
};

/** A strong validator that changes whenever the file is replaced (inode), resized or rewritten (mtime in ns). */
export function etagOf(stats: Pick<BigIntStats, 'ino' | 'size' | 'mtimeNs'>): string {
  return `"${stats.ino.toString(16)}-${stats.size.toString(16)}-${stats.mtimeNs.toString(16)}"`;
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
