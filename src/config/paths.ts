import { resolve } from 'node:path';

/** Paths in the file are relative to the file's folder, so a config means the same from any cwd. */
export function resolveConfigPath(dir: string, path: string): string {
  return resolve(dir, path);
}
