import { PathIndex } from './path-index.js';

interface Body {
  readonly etag: string;
  readonly bytes: Buffer;
  /** When it last moved to the young end of the queue. */
  seq: number;
}

/**
 * File bodies kept in memory, bounded by their total size, least recently used evicted first.
 * Keyed by real path, and a body is returned only for the ETag it was read under, so a changed
 * file can never be answered with its old bytes even before the change notification arrives.
 *
 * Map order is the recency queue. A hit moves its body to the young end only once it has drifted
 * into the older half: a hot set then costs one lookup per hit rather than a delete and an insert
 * (which showed in the hot path's profile), and eviction is still least-recently-used in effect.
 */
export class BodyCache {
  readonly #bodies = new Map<string, Body>();
  readonly #index = new PathIndex();
  #bytes = 0;
  #seq = 0;

  constructor(readonly maxBytes: number) {}

  get(realPath: string, etag: string): Buffer | undefined {
    const body = this.#bodies.get(realPath);
    if (body === undefined || body.etag !== etag) return undefined;
    if (this.#seq - body.seq >= this.#bodies.size / 2) {
      body.seq = ++this.#seq;
      this.#bodies.delete(realPath);
      this.#bodies.set(realPath, body);
    }
    return body.bytes;
  }

  set(realPath: string, etag: string, bytes: Buffer): void {
    this.delete(realPath);
    if (bytes.length > this.maxBytes) return;
    while (this.#bytes + bytes.length > this.maxBytes) {
      const oldest = this.#bodies.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
    this.#bodies.set(realPath, { etag, bytes, seq: ++this.#seq });
    this.#index.add(realPath, realPath);
    this.#bytes += bytes.length;
  }

  delete(realPath: string): void {
    const body = this.#bodies.get(realPath);
    if (body === undefined) return;
    this.#bodies.delete(realPath);
    this.#index.remove(realPath, realPath);
    this.#bytes -= body.bytes.length;
  }

  /** Drops the bodies of files at or below `path`. */
  invalidate(path: string): void {
    for (const realPath of this.#index.under(path)) this.delete(realPath);
  }

  clear(): void {
    this.#bodies.clear();
    this.#index.clear();
    this.#bytes = 0;
  }

  get size(): number {
    return this.#bodies.size;
  }

  get bytes(): number {
    return this.#bytes;
  }
}
