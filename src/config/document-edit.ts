import { isCollection, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { UsherError } from '../shared/index.js';
import { formatFieldPath, type FieldPath } from './field-path.js';

/**
 * The node surgery commands need, so none of them hand-rolls it: read, write and delete at a path,
 * and find list items by name. Edits keep the comments around what they touch.
 */

export function getNode(document: Document, path: FieldPath): unknown {
  return path.length === 0 ? document.contents : document.getIn(path, true);
}

/** The plain value at `path` (maps as objects, lists as arrays), or undefined. */
export function getValue(document: Document, path: FieldPath): unknown {
  const node = getNode(document, path);
  return isCollection(node) || isScalar(node) ? node.toJSON() : node;
}

/**
 * Sets `path` to `value`, creating missing maps on the way. A scalar replacing a scalar keeps its
 * node, so `idleTimeout: 20m  # why` keeps its comment; a replaced collection hands its comments on.
 */
export function setValue(document: Document, path: FieldPath, value: unknown): void {
  if (path.length === 0) throw new TypeError('setValue needs a path');
  const existing = getNode(document, path);
  const primitive = value === null || ['string', 'number', 'boolean'].includes(typeof value);
  if (isScalar(existing) && primitive) {
    existing.value = value;
    return;
  }
  const node = document.createNode(value) as Node;
  if (existing && typeof existing === 'object' && 'comment' in existing) {
    const old = existing as Node;
    node.comment = old.comment;
    node.commentBefore = old.commentBefore;
  }
  document.setIn(path, node);
}

/** Deletes `path`; with `prune`, also the maps and lists the deletion left empty. Returns whether it existed. */
export function deleteValue(document: Document, path: FieldPath, options: { prune?: boolean } = {}): boolean {
  if (path.length === 0 || !document.hasIn(path)) return false;
  document.deleteIn(path);
  if (options.prune) {
    for (let depth = path.length - 1; depth > 0; depth -= 1) {
      const parent = getNode(document, path.slice(0, depth));
      if (!isCollection(parent) || parent.items.length > 0) break;
      document.deleteIn(path.slice(0, depth));
    }
  }
  return true;
}

export interface FoundItem {
  readonly index: number;
  /** Path of the item, e.g. `['sites', 2]`, ready for the other helpers. */
  readonly path: FieldPath;
}

/** The item of the list at `listPath` whose `key` equals `value`, case-insensitively as IIS compares names. */
export function findItem(document: Document, listPath: FieldPath, key: string, value: string): FoundItem | undefined {
  const list = getNode(document, listPath);
  if (!isSeq(list)) return undefined;
  const wanted = value.toLowerCase();
  const index = list.items.findIndex((item) => {
    if (!isMap(item)) return false;
    const field = item.get(key);
    return typeof field === 'string' && field.toLowerCase() === wanted;
  });
  return index < 0 ? undefined : { index, path: [...listPath, index] };
}

/** Like `findItem`, but a missing item is the user's error (USHER_ERR_CFG_NO_ITEM), naming what exists. */
export function requireItem(document: Document, listPath: FieldPath, key: string, value: string, kind: string): FoundItem {
  const found = findItem(document, listPath, key, value);
  if (found) return found;
  const list = getNode(document, listPath);
  const known = isSeq(list) ? list.items.flatMap((item) => (isMap(item) && typeof item.get(key) === 'string' ? [String(item.get(key))] : [])) : [];
  throw new UsherError('USHER_ERR_CFG_NO_ITEM', known.length === 0
    ? `no ${kind} named '${value}': ${formatFieldPath(listPath)} is empty`
    : `no ${kind} named '${value}' (known: ${known.join(', ')})`);
}

/** Appends to the list at `listPath`, creating it if needed; returns the new item's index. */
export function appendItem(document: Document, listPath: FieldPath, value: unknown): number {
  const list = getNode(document, listPath);
  if (list === undefined || list === null) {
    setValue(document, listPath, [value]);
    return 0;
  }
  if (!isSeq(list)) throw new UsherError('USHER_ERR_CFG_INVALID', `${formatFieldPath(listPath)} is not a list`);
  list.add(document.createNode(value));
  return list.items.length - 1;
}

export function removeItem(document: Document, listPath: FieldPath, index: number): void {
  const list = getNode(document, listPath);
  if (!isSeq(list) || index < 0 || index >= list.items.length) {
    throw new UsherError('USHER_ERR_CFG_NO_ITEM', `${formatFieldPath([...listPath, index])} does not exist`);
  }
  list.delete(index);
}
