/**
 * A map that forgets its oldest entries past `capacity`, so caches keyed by request data (paths,
 * users) cannot grow without bound under a scan. Insertion order stands in for age: entries are
 * cheap to recompute, so true LRU bookkeeping on every hit is not worth its cost on the hot path.
 */
export class BoundedCache<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  set(key: K, value: V): void {
    if (this.#entries.size >= this.capacity && !this.#entries.has(key)) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
  }

  getOrSet(key: K, make: () => V): V {
    const found = this.#entries.get(key);
    if (found !== undefined) return found;
    const value = make();
    this.set(key, value);
    return value;
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
