import { readAttributes } from '../attributes.js';
import { parseBool, parseUint } from '../values.js';
import { attr, firstChild, type XmlElement } from '../xml-tree.js';
import { applyCollection, nameCollection, type CollectionSpec } from './collection.js';
import type { FilteringState, ListEntry } from './location-state.js';
import type { InspectContext, SectionHandler } from './section-handler.js';

// What Usher's schema accepts for each list; an entry outside it cannot be expressed.
const SEGMENT = /^[^/\\]+$/;
const EXTENSION = /^\.[^/\\]*$/;
const VERB = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function entryCollection(attribute: string, valid: RegExp, caseSensitive: boolean): CollectionSpec<ListEntry> {
  const fold = (text: string) => (caseSensitive ? text : text.toLowerCase());
  return {
    keyOf: (entry) => fold(entry.name),
    removeKey: (element) => {
      const name = attr(element, attribute);
      return name === undefined ? undefined : fold(name);
    },
    make: (element) => {
      const name = attr(element, attribute);
      if (name === undefined || !valid.test(name)) return undefined;
      return { name, allowed: parseBool(attr(element, 'allowed')) ?? true };
    },
  };
}

const EXTENSIONS = entryCollection('fileExtension', EXTENSION, false);
// HTTP methods are case-sensitive, in IIS and in Usher.
const VERBS = entryCollection('verb', VERB, true);
const SEGMENTS: CollectionSpec<string> = { ...nameCollection('segment'), make: (element) => validName(attr(element, 'segment'), SEGMENT) };
const SEQUENCES: CollectionSpec<string> = { ...nameCollection('sequence'), make: (element) => validName(attr(element, 'sequence'), /./) };

function validName(name: string | undefined, valid: RegExp): string | undefined {
  return name !== undefined && valid.test(name) ? name : undefined;
}

const NOT_IN_USHER: Readonly<Record<string, string>> = {
  alwaysAllowedUrls: 'Usher has no always-allowed URLs, so these URLs are refused like any other that holds a denied sequence (stricter than the source)',
  alwaysAllowedQueryStrings: 'Usher has no always-allowed query strings',
  denyQueryStringSequences: 'Usher does not filter query strings (it limits their length only)',
  filteringRules: 'Usher has no custom filtering rules',
  headerLimits: 'Usher has no per-header size limits',
};

function inspectList(element: XmlElement, context: InspectContext, attribute: string, valid: RegExp, what: string): void {
  for (const child of element.children) {
    if (child.name === 'add') {
      const name = attr(child, attribute);
      const attrs = readAttributes(child, context.sink);
      attrs.take(attribute);
      attrs.take('allowed');
      attrs.done(what);
      if (name === undefined || !valid.test(name)) context.sink.warn(child, `${what} '${name ?? ''}' cannot be expressed in Usher: skipped`);
    } else if (child.name !== 'remove' && child.name !== 'clear') {
      context.sink.warn(child, `<${child.name}> in <${element.name}> is not carried over`);
    }
  }
}

function inspectUnsupported(element: XmlElement, context: InspectContext): void {
  const reason = NOT_IN_USHER[element.name];
  if (reason === undefined) {
    context.sink.warn(element, `request filtering <${element.name}> (${context.scope}) is not carried over: Usher does not know it`);
  } else if (element.children.some((child) => child.name === 'add') || element.attributes.size > 0) {
    context.sink.warn(element, `request filtering <${element.name}> (${context.scope}) is not carried over: ${reason}`);
  }
}

export const requestFiltering: SectionHandler = {
  path: 'system.webServer/security/requestFiltering',
  slice: 'requestFiltering',
  inspect(element, context) {
    const attrs = readAttributes(element, context.sink);
    attrs.take('allowDoubleEscaping');
    attrs.take('allowHighBitCharacters');
    attrs.drop('unescapeQueryString', 'Usher passes the query string on untouched and limits only its length', ['true']);
    attrs.drop('removeServerHeader', 'Usher does not remove its Server header', ['false']);
    attrs.done(`request filtering (${context.scope})`);
    for (const child of element.children) {
      const listAttrs = readAttributes(child, context.sink);
      switch (child.name) {
        case 'requestLimits':
          listAttrs.take('maxAllowedContentLength');
          listAttrs.take('maxUrl');
          listAttrs.take('maxQueryString');
          listAttrs.done('request limits');
          for (const limit of child.children) inspectUnsupported(limit, context);
          continue;
        case 'hiddenSegments':
          listAttrs.drop('applyToWebDAV', 'Usher has no WebDAV', ['true']);
          inspectList(child, context, 'segment', SEGMENT, 'hidden segment');
          break;
        case 'fileExtensions':
          listAttrs.take('allowUnlisted');
          listAttrs.drop('applyToWebDAV', 'Usher has no WebDAV', ['true']);
          inspectList(child, context, 'fileExtension', EXTENSION, 'file extension');
          break;
        case 'verbs':
          listAttrs.take('allowUnlisted');
          listAttrs.drop('applyToWebDAV', 'Usher has no WebDAV', ['true']);
          inspectList(child, context, 'verb', VERB, 'verb');
          break;
        case 'denyUrlSequences':
          inspectList(child, context, 'sequence', /./, 'denied URL sequence');
          break;
        default:
          inspectUnsupported(child, context);
          continue;
      }
      listAttrs.done(`request filtering <${child.name}>`);
    }
  },
  apply(state, element) {
    const current = state.requestFiltering;
    const limits = firstChild(element, 'requestLimits');
    const extensions = firstChild(element, 'fileExtensions');
    const verbs = firstChild(element, 'verbs');
    const hidden = firstChild(element, 'hiddenSegments');
    const sequences = firstChild(element, 'denyUrlSequences');
    const limit = (name: 'maxAllowedContentLength' | 'maxUrl' | 'maxQueryString') =>
      (limits ? parseUint(attr(limits, name)) : undefined) ?? current.requestLimits[name];
    const next: FilteringState = {
      allowDoubleEscaping: parseBool(attr(element, 'allowDoubleEscaping')) ?? current.allowDoubleEscaping,
      allowHighBitCharacters: parseBool(attr(element, 'allowHighBitCharacters')) ?? current.allowHighBitCharacters,
      requestLimits: { maxAllowedContentLength: limit('maxAllowedContentLength'), maxUrl: limit('maxUrl'), maxQueryString: limit('maxQueryString') },
      hiddenSegments: hidden ? applyCollection(current.hiddenSegments, hidden, SEGMENTS) : current.hiddenSegments,
      fileExtensions: extensions
        ? {
          allowUnlisted: parseBool(attr(extensions, 'allowUnlisted')) ?? current.fileExtensions.allowUnlisted,
          entries: applyCollection(current.fileExtensions.entries, extensions, EXTENSIONS),
        }
        : current.fileExtensions,
      denyUrlSequences: sequences ? applyCollection(current.denyUrlSequences, sequences, SEQUENCES) : current.denyUrlSequences,
      verbs: verbs
        ? { allowUnlisted: parseBool(attr(verbs, 'allowUnlisted')) ?? current.verbs.allowUnlisted, entries: applyCollection(current.verbs.entries, verbs, VERBS) }
        : current.verbs,
    };
    return { ...state, requestFiltering: next };
  },
};
