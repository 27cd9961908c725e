import { attr, type XmlElement } from '../xml-tree.js';

export interface CollectionSpec<T> {
  /** The element name that adds an item (`add`, or `mimeMap` style names). */
  readonly addName?: string;
  /** The item's key, as IIS compares it (case-folded where IIS folds). */
  keyOf(item: T): string;
  /** The key a `<remove>` names. */
  removeKey(element: XmlElement): string | undefined;
  make(element: XmlElement): T | undefined;
}

/**
 * IIS collection semantics: `<clear/>` empties what was inherited, `<remove>` drops one key,
 * `<add>` appends (an existing key is replaced in place), all in document order.
 */
export function applyCollection<T>(items: readonly T[], element: XmlElement, spec: CollectionSpec<T>): T[] {
  let result = [...items];
  const addName = spec.addName ?? 'add';
  for (const child of element.children) {
    if (child.name === 'clear') result = [];
    else if (child.name === 'remove') {
      const key = spec.removeKey(child);
      if (key !== undefined) result = result.filter((item) => spec.keyOf(item) !== key);
    } else if (child.name === addName) {
      const item = spec.make(child);
      if (item === undefined) continue;
      const key = spec.keyOf(item);
      const at = result.findIndex((existing) => spec.keyOf(existing) === key);
      if (at >= 0) result[at] = item;
      else result.push(item);
    }
  }
  return result;
}

/** A collection of plain names (`<add segment="bin"/>`), compared case-insensitively. */
export function nameCollection(attribute: string): CollectionSpec<string> {
  return {
    keyOf: (name) => name.toLowerCase(),
    removeKey: (element) => attr(element, attribute)?.toLowerCase(),
    make: (element) => attr(element, attribute),
  };
}
