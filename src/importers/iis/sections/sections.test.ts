import { describe, expect, it } from 'vitest';
import { parseXml } from '../xml-tree.js';
import { authorization } from './authorization.js';
import { defaultDocument } from './content.js';
import { IIS_SCHEMA_DEFAULTS, type IisLocationState } from './location-state.js';
import { requestFiltering } from './request-filtering.js';
import type { SectionHandler } from './section-handler.js';

/** Applies each XML snippet in turn, as levels from the server down. */
function fold(handler: SectionHandler, ...snippets: string[]): IisLocationState {
  return snippets.reduce((state, text) => handler.apply(state, parseXml(text, 'f')), IIS_SCHEMA_DEFAULTS);
}

describe('IIS collection semantics', () => {
  it('URL authorization: add appends, remove needs users, roles and verbs, clear empties', () => {
    const rules = (state: IisLocationState) => state.authorization.map((rule) => `${rule.access}:${rule.users}|${rule.roles}|${rule.verbs}`);
    const server = '<authorization><add accessType="Allow" users="*" /><add accessType="Deny" users="?" verbs="POST" /></authorization>';
    expect(rules(fold(authorization, server, '<authorization><remove users="*" roles="" verbs="" /><add accessType="Allow" roles="Editors" /></authorization>')))
      .toEqual(['deny:?||POST', 'allow:|Editors|']);
    expect(rules(fold(authorization, server, '<authorization><remove users="?" /></authorization>'))).toEqual(['allow:*||', 'deny:?||POST']);
    expect(rules(fold(authorization, server, '<authorization><clear /><add accessType="Deny" users="bob" /></authorization>'))).toEqual(['deny:bob||']);
  });

  it('request filtering: clear, remove and add in document order, at each level', () => {
    const state = fold(requestFiltering,
      '<requestFiltering><denyUrlSequences><add sequence=".." /><clear /><add sequence=":" /><add sequence="%" /><remove sequence="%" /></denyUrlSequences>' +
      '<fileExtensions allowUnlisted="false"><add fileExtension=".exe" allowed="false" /><add fileExtension=".html" allowed="true" /></fileExtensions></requestFiltering>',
      '<requestFiltering allowDoubleEscaping="true"><fileExtensions><remove fileExtension=".EXE" /></fileExtensions><requestLimits maxUrl="1024" /></requestFiltering>');
    expect(state.requestFiltering.denyUrlSequences).toEqual([':']);
    expect(state.requestFiltering.fileExtensions).toEqual({ allowUnlisted: false, entries: [{ name: '.html', allowed: true }] });
    expect(state.requestFiltering.allowDoubleEscaping).toBe(true);
    expect(state.requestFiltering.requestLimits).toEqual({ maxAllowedContentLength: 30_000_000, maxUrl: 1024, maxQueryString: 2048 });
  });

  it("default documents: a level's own files come before the inherited ones (mergeAppend=false)", () => {
    const state = fold(defaultDocument,
      '<defaultDocument><files><add value="index.html" /><add value="Default.htm" /></files></defaultDocument>',
      '<defaultDocument><files><add value="home.html" /><remove value="default.htm" /></files></defaultDocument>');
    expect(state.defaultDocument.files).toEqual(['home.html', 'index.html']);
    expect(fold(defaultDocument, '<defaultDocument enabled="false"><files><clear /></files></defaultDocument>').defaultDocument).toEqual({ enabled: false, files: [] });
  });
});
