/**
 * The content the server serves (pipeline's ContentView): resolved paths, small files' bytes and
 * folder listings, cached and kept current by file-system notifications.
 */
export {
  createContentView, type ContentViewOptions, type ContentViewStats, type ManagedContentView,
} from './content-view.js';
export { nodeContentFs, etagOf, type ContentFs } from './content-fs.js';
export type { WatchFn } from './tree-watcher.js';
