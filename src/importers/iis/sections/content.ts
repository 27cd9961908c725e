import { readAttributes } from '../attributes.js';
import { parseBool, parseFlags } from '../values.js';
import { attr, firstChild } from '../xml-tree.js';
import { applyCollection, nameCollection } from './collection.js';
import type { SectionHandler } from './section-handler.js';

const ERROR_MODES = ['DetailedLocalOnly', 'Custom', 'Detailed'];

export const directoryBrowse: SectionHandler = {
  path: 'system.webServer/directoryBrowse',
  slice: 'directoryBrowse',
  inspect(element, context) {
    const attrs = readAttributes(element, context.sink);
    attrs.take('enabled');
    attrs.drop('showFlags', 'Usher lists name, size and date in its own format', ['Date, Time, Size, Extension']);
    attrs.done(`directory browsing (${context.scope})`);
  },
  apply(state, element) {
    return { ...state, directoryBrowse: parseBool(attr(element, 'enabled')) ?? state.directoryBrowse };
  },
};

const FILES = nameCollection('value');

export const defaultDocument: SectionHandler = {
  path: 'system.webServer/defaultDocument',
  slice: 'defaultDocument',
  inspect(element, context) {
    const attrs = readAttributes(element, context.sink);
    attrs.take('enabled');
    attrs.done(`default document (${context.scope})`);
    const files = firstChild(element, 'files');
    for (const file of files?.children ?? []) {
      const value = attr(file, 'value');
      if (file.name === 'add' && value !== undefined && /[/\\]/.test(value)) {
        context.sink.warn(file, `default document '${value}' is a path, not a file name: skipped`);
      }
    }
  },
  apply(state, element) {
    const files = firstChild(element, 'files');
    // IIS prepends a level's own documents to the ones it inherits (mergeAppend="false").
    const added = files ? applyCollection([], files, { ...FILES, make: (add) => validDocument(attr(add, 'value')) }) : [];
    const cleared = files?.children.some((child) => child.name === 'clear') ?? false;
    const removed = new Set((files?.children ?? []).filter((child) => child.name === 'remove').map((child) => attr(child, 'value')?.toLowerCase()));
    const inherited = cleared ? [] : state.defaultDocument.files.filter((name) => !removed.has(name.toLowerCase()));
    const merged = [...added, ...inherited.filter((name) => !added.some((own) => own.toLowerCase() === name.toLowerCase()))];
    return {
      ...state,
      defaultDocument: { enabled: parseBool(attr(element, 'enabled')) ?? state.defaultDocument.enabled, files: merged },
    };
  },
};

function validDocument(value: string | undefined): string | undefined {
  return value !== undefined && value !== '' && !/[/\\]/.test(value) ? value : undefined;
}

export const httpErrors: SectionHandler = {
  path: 'system.webServer/httpErrors',
  slice: 'errorMode',
  inspect(element, context) {
    const attrs = readAttributes(element, context.sink);
    const mode = attrs.take('errorMode');
    attrs.drop('existingResponse', 'Usher always writes its own error responses', ['Auto']);
    attrs.drop('defaultResponseMode', 'Usher has no custom error pages', ['File']);
    attrs.drop('defaultPath', 'Usher has no custom error pages');
    attrs.drop('detailedMoreInformationLink', 'Usher has no such link');
    attrs.drop('allowAbsolutePathsWhenDelegated', 'Usher has no custom error pages', ['false']);
    attrs.done(`HTTP errors (${context.scope})`);
    if (mode !== undefined && !ERROR_MODES.includes(mode)) context.sink.warn(element, `errorMode '${mode}' is not one of ${ERROR_MODES.join(', ')}: not carried over`);
    if (element.children.some((child) => child.name === 'error')) {
      context.sink.warn(element, `custom error pages (${context.scope}) are not carried over: Usher writes its own error responses`);
    }
  },
  apply(state, element) {
    const mode = attr(element, 'errorMode');
    return { ...state, errorMode: mode !== undefined && ERROR_MODES.includes(mode) ? mode : state.errorMode };
  },
};

export const httpLogging: SectionHandler = {
  path: 'system.webServer/httpLogging',
  slice: 'dontLog',
  inspect(element, context) {
    const attrs = readAttributes(element, context.sink);
    attrs.take('dontLog');
    attrs.drop('selectiveLogging', 'Usher logs every request', ['LogAll']);
    attrs.done(`HTTP logging (${context.scope})`);
  },
  apply(state, element) {
    return { ...state, dontLog: parseBool(attr(element, 'dontLog')) ?? state.dontLog };
  },
};

/** `security/access`: only its sslFlags exist, and Usher cannot require TLS per location. */
export const access: SectionHandler = {
  path: 'system.webServer/security/access',
  slice: undefined,
  inspect(element, context) {
    const flags = parseFlags(attr(element, 'sslFlags')).filter((flag) => flag !== 'none');
    if (flags.length === 0) return;
    const ssl = flags.includes('ssl') || flags.includes('ssl128');
    context.sink.warn(element, `sslFlags="${attr(element, 'sslFlags')}" (${context.scope}) is not carried over: Usher cannot require TLS or ` +
      `client certificates per location${ssl ? '; the content is also served on any http binding of the site: remove those bindings to keep it https-only' : ''}`);
  },
  apply: (state) => state,
};
