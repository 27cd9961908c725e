import { describe, expect, it } from 'vitest';
import { parseConfigDocument, serializeDocument, setValue } from './index.js';
import { keepOriginalFormatting } from './preserve-formatting.js';

function edit(original: string, path: (string | number)[], value: unknown): string {
  const document = parseConfigDocument(original);
  const before = serializeDocument(document);
  setValue(document, path, value);
  return keepOriginalFormatting(original, before, serializeDocument(document));
}

describe('keepOriginalFormatting', () => {
  it('copies untouched lines from the original, CRLF included', () => {
    const original = 'a: [x, y]    # list\r\nb: 1\r\nc: {k: v}\r\n';
    expect(edit(original, ['b'], 2)).toBe('a: [x, y]    # list\r\nb: 2\r\nc: {k: v}\r\n');
  });

  it('falls back to the library printing when the lines do not line up', () => {
    const original = 'a: [x,\n    y]\nb: 1\n';
    const result = edit(original, ['b'], 2);
    expect(result).toBe('a: [ x, y ]\nb: 2\n');
  });

  it('places inserted lines where the printing puts them', () => {
    const original = 'sites:\n  - name: a   # keep\n    id: 1\nother: {x: 1}\n';
    expect(edit(original, ['sites', 0, 'physicalPath'], './www')).toBe('sites:\n  - name: a   # keep\n    id: 1\n    physicalPath: ./www\nother: {x: 1}\n');
  });
});
