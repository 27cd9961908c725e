import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UsherError } from '../../shared/index.js';
import { lineIndex } from './source-text.js';

/**
 * One XML element as the importer reads it: attributes in document order, child elements in
 * document order (IIS's `<clear/>`, `<remove>` and `<add>` are applied in that order), and the
 * line it starts on, so every warning can point at its source.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  readonly file: string;
  readonly line: number;
}

/** The attribute's value, matched case-sensitively as IIS's schema does. */
export function attr(element: XmlElement, name: string): string | undefined {
  return element.attributes.get(name);
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

export function firstChild(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

/** `file:line`, how the report and the comments in usher.yaml name a place. */
export function where(element: Pick<XmlElement, 'file' | 'line'>): string {
  return `${element.file}:${element.line}`;
}

// preserveOrder gives `[{ tag: [children], ':@': {attributes} }]`; the metadata symbol holds the
// element's start offset, from which its line is counted.
type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  captureMetaData: true,
  // `&amp;` and friends must be decoded; the library's default limits on DOCTYPE entities keep an
  // entity-expansion bomb from exhausting memory.
  processEntities: true,
  htmlEntities: false,
});
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

function toElement(node: OrderedNode, file: string, lines: ReturnType<typeof lineIndex>): XmlElement | undefined {
  const name = Object.keys(node).find((key) => key !== ':@');
  if (name === undefined || name.startsWith('#') || name.startsWith('?') || name.startsWith('!')) return undefined;
  const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
  const rawAttributes = (node[':@'] ?? {}) as Record<string, unknown>;
  const attributes = new Map<string, string>();
  for (const [key, value] of Object.entries(rawAttributes)) attributes.set(key, typeof value === 'string' ? value : String(value));
  const rawChildren = Array.isArray(node[name]) ? (node[name] as OrderedNode[]) : [];
  const children = rawChildren.flatMap((child) => toElement(child, file, lines) ?? []);
  return { name, attributes, children, file, line: meta?.startIndex === undefined ? 1 : lines.lineOf(meta.startIndex) };
}

/**
 * Parses configuration text into its root element. Malformed XML is refused with the line the
 * validator names, never a stack trace: IIS itself refuses such a file (500.19, 0x8007000d).
 */
export function parseXml(text: string, file: string): XmlElement {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') {
    throw new UsherError('USHER_ERR_IMPORT_XML', `${file} is empty: expected an XML document such as applicationHost.config`, { location: { file } });
  }
  const verdict = XMLValidator.validate(source, { allowBooleanAttributes: false });
  if (verdict !== true) {
    const { line, msg } = verdict.err;
    const message = msg.replace(/\.$/, '');
    throw new UsherError('USHER_ERR_IMPORT_XML', `${file}:${line}: not well-formed XML: ${message.charAt(0).toLowerCase()}${message.slice(1)}`,
      { location: { file, line } });
  }
  const lines = lineIndex(source);
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(source) as OrderedNode[];
  } catch (error) {
    throw new UsherError('USHER_ERR_IMPORT_XML', `${file}: not well-formed XML: ${(error as Error).message}`, { location: { file }, cause: error });
  }
  const roots = nodes.flatMap((node) => toElement(node, file, lines) ?? []);
  if (roots.length !== 1) {
    const line = roots[1]?.line ?? 1;
    throw new UsherError('USHER_ERR_IMPORT_XML', `${file}:${line}: not well-formed XML: ${roots.length === 0 ? 'no root element' : 'more than one root element'}`,
      { location: { file, line } });
  }
  return roots[0]!;
}
