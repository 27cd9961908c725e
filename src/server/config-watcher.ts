import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Calls `changed` shortly after the configuration file changes. The store replaces the file by
 * rename, so the folder is watched (a watch on the file itself would follow the old inode).
 */
export function watchConfigFile(file: string, changed: () => void, debounceMs = 150): FSWatcher {
  const name = basename(file);
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(dirname(file), (_event, changedName) => {
    if (changedName !== null && changedName !== name) return;
    clearTimeout(timer);
    timer = setTimeout(changed, debounceMs);
  });
  watcher.on('error', () => undefined);
  return watcher;
}
