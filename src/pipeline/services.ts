import type { RequestContext } from './context.js';
import type { MaybePromise } from './maybe-async.js';

/** What the file system says about one object, after symlinks. */
export interface ContentEntry {
  /** Absolute, symlinks resolved. */
  readonly realPath: string;
  readonly kind: 'file' | 'directory';
  readonly size: number;
  readonly mtimeMs: number;
  /** Strong validator for the current version of the file (size, mtime, inode). */
  readonly etag: string;
}

export type ResolveResult =
  | { readonly found: true; readonly entry: ContentEntry }
  | {
      readonly found: false;
      /** `missing`: nothing there; `not-a-directory`: a file used as a folder; `unreadable`: the OS refused. */
      readonly reason: 'missing' | 'not-a-directory' | 'unreadable' | 'name-too-long';
    };

export interface DirectoryItem {
  readonly name: string;
  readonly kind: 'file' | 'directory' | 'other';
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * The content the server may serve, as the file system shows it, cached and kept current through
 * file-system notifications rather than a stat per request. The server owns one per process.
 */
export interface ContentView {
  /** Synchronous when the answer is cached (the hot path), a promise when the file system is asked. */
  resolve(physicalPath: string): MaybePromise<ResolveResult>;
  /** The bytes of a file small enough to keep in memory, or undefined to stream it from disk; synchronous when kept. */
  body(entry: ContentEntry): MaybePromise<Buffer | undefined>;
  list(realPath: string): Promise<readonly DirectoryItem[]>;
}

/** How a request ended, as the log records it. */
export interface FinalStatus {
  readonly status: number;
  readonly substatus: number;
  readonly win32: number;
  readonly bytesSent: number;
}

/** Where finished requests go: the site's W3C log. */
export interface RequestLogSink {
  record(context: RequestContext, final: FinalStatus): void;
}
