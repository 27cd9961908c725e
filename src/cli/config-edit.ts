import { dirname } from 'node:path';
import { isSeq, type Document } from 'yaml';
import { appendItem, getNode, openStore, type FieldPath, type UsherConfig } from '../config/index.js';

/** What a change sees: the document to edit and the same configuration, parsed and validated. */
export interface EditInput {
  readonly document: Document;
  readonly config: UsherConfig;
  /** The configuration file's folder: relative paths in the file start here. */
  readonly dir: string;
}

/**
 * Runs `change` through the config store (lock, re-read, validate, atomic write, history), so the
 * checks a command makes inside it see the file as it is now, and returns what `change` returned.
 * `message` is what `usher config history` shows for the version, e.g. `site add shop`.
 */
export async function editConfig<T>(configPath: string, message: string, change: (input: EditInput) => T | Promise<T>): Promise<T> {
  let result: { value: T } | undefined;
  await openStore(configPath).edit(async (document, config) => {
    result = { value: await change({ document, config, dir: dirname(configPath) }) };
  }, { message });
  return result!.value;
}

/**
 * Appends to a list like `appendItem`, but a list that was written empty and inline (`users: []`,
 * as `usher init` writes) becomes a block list, so the new item gets lines of its own.
 */
export function appendListItem(document: Document, listPath: FieldPath, value: unknown): number {
  const before = getNode(document, listPath);
  const wasEmpty = isSeq(before) && before.items.length === 0;
  const index = appendItem(document, listPath, value);
  const after = getNode(document, listPath);
  if (wasEmpty && isSeq(after)) after.flow = false;
  return index;
}
