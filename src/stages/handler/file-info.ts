import { extname } from 'node:path';
import mime from 'mime-types';
import { BoundedCache, type ContentEntry, type Decision, type HandlerPlan } from '../../pipeline/index.js';

/**
 * Everything about a file's response that does not change from one request to the next, worked
 * out once per version of the file (keyed by path, checked against the ETag) so that a hot file
 * costs a map lookup, `writeHead` and `end`.
 */
export interface FileInfo {
  readonly entry: ContentEntry;
  readonly contentType: string;
  /** mtime truncated to whole seconds, as HTTP dates carry it; compared with If-Modified-Since. */
  readonly lastModifiedMs: number;
  /** 200 headers as a flat [name, value, …] list: writeHead takes it without re-validating names. */
  readonly headers: readonly (string | number)[];
  /** What a 206 repeats; Content-Length and Content-Range are added per request. */
  readonly partialHeaders: readonly string[];
  readonly notModifiedHeaders: readonly string[];
  readonly served: Decision;
  readonly notModified: Decision;
  readonly plan: HandlerPlan;
}

/** The media type for a name; text types say UTF-8 (mime-types adds the charset it knows for a type). */
export function contentTypeOf(path: string): string {
  return mime.contentType(extname(path)) || 'application/octet-stream';
}

function build(path: string, entry: ContentEntry, now: number): FileInfo {
  const contentType = contentTypeOf(path);
  // RFC 9110 §8.8.2.1: a modification time in the future is sent as the time of the response.
  const lastModifiedMs = Math.floor(Math.min(entry.mtimeMs, now) / 1000) * 1000;
  const lastModified = new Date(lastModifiedMs).toUTCString();
  const common = ['Content-Type', contentType, 'ETag', entry.etag, 'Last-Modified', lastModified, 'Accept-Ranges', 'bytes', 'X-Content-Type-Options', 'nosniff'];
  const detail = `static file ${contentType.split(';')[0]}, ${entry.size} bytes`;
  return {
    entry,
    contentType,
    lastModifiedMs,
    headers: [...common, 'Content-Length', entry.size],
    partialHeaders: common,
    // RFC 9110 §15.4.5: a 304 carries the validator the client should keep using.
    notModifiedHeaders: ['ETag', entry.etag],
    served: { layer: 'handler', verdict: 'pass', detail },
    notModified: { layer: 'handler', verdict: 'pass', detail: `${detail}; not modified (304)` },
    plan: { kind: 'file', entry },
  };
}

/** A cache of FileInfo per physical path; the name decides the type, the entry the rest. */
export class FileInfoCache {
  readonly #infos = new BoundedCache<string, FileInfo>(20_000);

  get(physicalPath: string, entry: ContentEntry): FileInfo {
    const known = this.#infos.get(physicalPath);
    if (known !== undefined && known.entry.etag === entry.etag && known.entry.realPath === entry.realPath) return known;
    const now = Date.now();
    const info = build(physicalPath, entry, now);
    // A future date was replaced by now: recompute per request until the clock passes it.
    if (entry.mtimeMs <= now) this.#infos.set(physicalPath, info);
    return info;
  }
}
