/**
 * Which cache keys depend on which paths, arranged as a tree of path segments so that one
 * file-system event finds everything at or below its path in O(depth + matches), never by
 * scanning every cached entry (a deploy can fire thousands of events).
 */
interface Node {
  readonly children: Map<string, Node>;
  keys: Set<string> | undefined;
}

const newNode = (): Node => ({ children: new Map(), keys: undefined });

/** `/a/b/c` → `['a', 'b', 'c']`; the root is the empty list. */
function segments(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

export class PathIndex {
  #root = newNode();

  add(path: string, key: string): void {
    let node = this.#root;
    for (const part of segments(path)) {
      let next = node.children.get(part);
      if (!next) {
        next = newNode();
        node.children.set(part, next);
      }
      node = next;
    }
    (node.keys ??= new Set()).add(key);
  }

  remove(path: string, key: string): void {
    // Remember the way down so empty branches can be pruned: the index must not outgrow the cache.
    const trail: [Node, string][] = [];
    let node: Node | undefined = this.#root;
    for (const part of segments(path)) {
      const next: Node | undefined = node.children.get(part);
      if (!next) return;
      trail.push([node, part]);
      node = next;
    }
    node.keys?.delete(key);
    if (node.keys?.size === 0) node.keys = undefined;
    for (let i = trail.length - 1; i >= 0; i--) {
      const [parent, part] = trail[i]!;
      const child = parent.children.get(part)!;
      if (child.keys !== undefined || child.children.size > 0) break;
      parent.children.delete(part);
    }
  }

  /** Every key registered at `path` or below it. */
  under(path: string): string[] {
    let node: Node | undefined = this.#root;
    for (const part of segments(path)) {
      node = node.children.get(part);
      if (!node) return [];
    }
    const found: string[] = [];
    const stack: Node[] = [node];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (current.keys) for (const key of current.keys) found.push(key);
      for (const child of current.children.values()) stack.push(child);
    }
    return found;
  }

  clear(): void {
    this.#root = newNode();
  }
}
