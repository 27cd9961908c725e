import YAML, { isAlias, isMap, isScalar, isSeq, LineCounter, type Document, type Node, type YAMLError } from 'yaml';
import type { FieldPath } from './field-path.js';

/**
 * Parsing that remembers where every node came from, so a problem found in the data can be
 * reported at its line. Documents parsed elsewhere (or edited in memory) have no such record;
 * `sourceOf` then re-parses their text, so positions always match what would be written.
 */
const lineCounters = new WeakMap<Document, LineCounter>();

export function parseConfigDocument(text: string): Document {
  const lineCounter = new LineCounter();
  const document = YAML.parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  lineCounters.set(document, lineCounter);
  return document;
}

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** The document itself when its positions are known, else a re-parse of its text. */
export function withPositions(document: Document): Document {
  return lineCounters.has(document) ? document : parseConfigDocument(serializeDocument(document));
}

function keyMatches(key: unknown, segment: string | number): boolean {
  const value = isScalar(key) ? key.value : key;
  return value !== null && value !== undefined && String(value) === String(segment);
}

/**
 * Where a field is written: the key's position when the field is a map entry, the item's when it
 * is a sequence item. Where the path leaves the document (a missing key), the deepest part that
 * exists: the parent that should have held it.
 */
export function positionOf(document: Document, path: FieldPath): Position {
  const lineCounter = lineCounters.get(document);
  const at = (offset: number | undefined): Position => {
    const pos = lineCounter && offset !== undefined ? lineCounter.linePos(offset) : undefined;
    return pos ? { line: pos.line, column: pos.col } : { line: 1, column: 1 };
  };
  let node: unknown = document.contents;
  let position = at((document.contents as Node | null)?.range?.[0]);
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.find((item) => keyMatches(item.key, segment));
      if (!pair) break;
      position = at((pair.key as Node | null)?.range?.[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      position = at(item.range?.[0]);
      node = item;
    } else break;
  }
  return position;
}

/**
 * The text a document is saved as. No line folding: a long value stays on the line the user put
 * it on, so an edit changes only the lines it touches.
 */
export function serializeDocument(document: Document): string {
  return document.toString({ lineWidth: 0 });
}

/** A YAML error in Usher's style: its first line, without the position (reported separately), lower-case. */
export function yamlErrorMessage(error: YAMLError): string {
  const text = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}
