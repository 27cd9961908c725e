import { PathIndex } from './path-index.js';

interface Slot<V> {
  readonly value: V;
  readonly deps: readonly string[];
  /** performance.now() after which the answer must be looked up again. */
  readonly expires: number;
}

/**
 * A bounded map of answers about paths, each remembered with the paths it depends on so that a
 * file-system event drops exactly the answers it may have changed. Like pipeline's BoundedCache it
 * forgets the oldest insertions past its capacity (no bookkeeping on a hit), but it must also
 * unregister an evicted entry's dependencies, which BoundedCache has no hook for.
 */
export class PathCache<V> {
  readonly #slots = new Map<string, Slot<V>>();
  readonly #index = new PathIndex();

  constructor(readonly capacity: number) {}

  get(key: string, now: number): V | undefined {
    const slot = this.#slots.get(key);
    if (slot === undefined) return undefined;
    if (slot.expires > now) return slot.value;
    this.delete(key);
    return undefined;
  }

  set(key: string, value: V, deps: readonly string[], expires: number): void {
    this.delete(key);
    if (this.#slots.size >= this.capacity) {
      const oldest = this.#slots.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    this.#slots.set(key, { value, deps, expires });
    for (const dep of deps) this.#index.add(dep, key);
  }

  delete(key: string): void {
    const slot = this.#slots.get(key);
    if (slot === undefined) return;
    this.#slots.delete(key);
    for (const dep of slot.deps) this.#index.remove(dep, key);
  }

  /** Drops every answer that depends on `path` or on anything below it; returns how many. */
  invalidate(path: string): number {
    const keys = this.#index.under(path);
    for (const key of keys) this.delete(key);
    return keys.length;
  }

  clear(): void {
    this.#slots.clear();
    this.#index.clear();
  }

  get size(): number {
    return this.#slots.size;
  }
}
