import { describe, expect, it } from 'vitest';
import { isUsherError } from '../../shared/index.js';
import { parseXml } from './xml-tree.js';

function failure(text: string): { code: string; message: string } {
  try {
    parseXml(text, 'applicationHost.config');
  } catch (error) {
    if (isUsherError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('parseXml', () => {
  it('keeps elements in document order with the line each starts on', () => {
    const root = parseXml('\uFEFF<?xml version="1.0"?>\r\n<configuration>\r\n  <!-- a comment -->\r\n  <a x="1" y="&amp;q"/>\r\n  <b>\r\n    <clear/><add k="v"/>\r\n  </b>\r\n</configuration>\r\n', 'f');
    expect(root.name).toBe('configuration');
    expect(root.line).toBe(2);
    expect(root.children.map((child) => [child.name, child.line])).toEqual([['a', 4], ['b', 5]]);
    expect([...root.children[0]!.attributes]).toEqual([['x', '1'], ['y', '&q']]);
    expect(root.children[1]!.children.map((child) => `${child.name}@${child.line}`)).toEqual(['clear@6', 'add@6']);
  });

  it('refuses malformed XML with the line, never a stack trace', () => {
    expect(failure('<configuration>\n  <sites>\n</configuration>')).toEqual({
      code: 'USHER_ERR_IMPORT_XML',
      message: expect.stringMatching(/^applicationHost\.config:3: not well-formed XML: expected closing tag 'sites'/),
    });
    expect(failure('<a x="1" x="2"/>').message).toMatch(/^applicationHost\.config:1: not well-formed XML: attribute 'x' is repeated/);
    expect(failure('   ').message).toMatch(/is empty/);
    expect(failure('hello').code).toBe('USHER_ERR_IMPORT_XML');
  });
});
