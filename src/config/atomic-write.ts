import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes that a crash cannot tear: the bytes go to a temporary file in the same folder (same file
 * system, so rename is atomic), are fsynced, and only then replace the target; the folder is
 * fsynced so the rename itself survives a power cut. A reader sees the old file or the new one.
 */

function tempName(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeTemp(file: string, data: string | Uint8Array, mode: number): Promise<string> {
  const temp = tempName(file);
  const handle = await open(temp, 'wx', mode);
  try {
    // The umask may have narrowed the mode; it can only narrow it, but say exactly what we mean.
    await handle.chmod(mode);
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return temp;
}

export async function writeFileAtomic(file: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const temp = await writeTemp(file, data, options.mode ?? 0o600);
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(file));
}

/**
 * Like `writeFileAtomic`, but never replaces an existing file: link(2) fails with EEXIST instead,
 * so two `usher init` runs cannot both believe they created the config.
 */
export async function createFileAtomic(file: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const temp = await writeTemp(file, data, options.mode ?? 0o600);
  try {
    await link(temp, file);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await syncDirectory(dirname(file));
}

/**
 * Removes temporary files a killed writer left in `dir` (only those for `target` when given);
 * call it only while holding the lock, when no live writer can own one.
 */
export async function removeLeftoverTemps(dir: string, target?: string): Promise<void> {
  const prefix = target === undefined ? '.' : `.${basename(target)}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names
    .filter((name) => name.startsWith(prefix) && name.endsWith('.tmp'))
    .map((name) => unlink(join(dir, name)).catch(() => undefined)));
}

export async function ensurePrivateDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir leaves an existing folder's mode alone; history holds old configs, so tighten it anyway.
  await chmod(dir, 0o700);
}
