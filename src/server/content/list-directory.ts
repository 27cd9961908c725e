import type { DirectoryItem } from '../../pipeline/index.js';
import type { ContentFs } from './content-fs.js';

/** Stats in flight at once for one listing: enough to overlap the thread pool, not to monopolise it. */
const CONCURRENCY = 16;

/**
 * A folder's entries with kind, size and date as a visitor would reach them: through symlinks
 * (a link to a folder is a folder; a dangling link, a socket or a FIFO is `other`).
 */
export async function listDirectory(fs: Pick<ContentFs, 'readdir' | 'stat'>, realPath: string): Promise<{ items: DirectoryItem[]; symlinked: boolean }> {
  const dirents = await fs.readdir(realPath);
  const items: DirectoryItem[] = new Array(dirents.length);
  let next = 0;
  const worker = async () => {
    while (next < dirents.length) {
      const index = next++;
      const name = dirents[index]!.name;
      try {
        const stats = await fs.stat(realPath === '/' ? `/${name}` : `${realPath}/${name}`);
        items[index] = {
          name,
          kind: stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other',
          size: Number(stats.size),
          mtimeMs: Number(stats.mtimeNs / 1000n) / 1000,
        };
      } catch {
        items[index] = { name, kind: 'other', size: 0, mtimeMs: 0 };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, dirents.length) }, worker));
  return { items, symlinked: dirents.some((dirent) => dirent.isSymbolicLink()) };
}
