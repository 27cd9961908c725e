import { describe, expect, it } from 'vitest';
import { decodeText, lineIndex } from './source-text.js';

describe('decodeText', () => {
  const text = 'shop\r\nD:PAI(A;OICI;FA;;;SY)\r\n';
  it('reads UTF-16LE with and without a byte-order mark, as icacls /save writes it', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
    expect(decodeText(Buffer.from(text, 'utf16le'))).toBe(text);
  });
  it('reads UTF-16BE with a byte-order mark, and UTF-8 with or without one', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]))).toBe(text);
    expect(decodeText(Buffer.from(`\uFEFF${text}`, 'utf8'))).toBe(text);
    expect(decodeText(Buffer.from('<configuration/>', 'utf8'))).toBe('<configuration/>');
  });
});

describe('lineIndex', () => {
  it('counts lines from 1, CRLF or LF alike', () => {
    const lines = lineIndex('a\r\nb\nc');
    expect([0, 2, 3, 5, 6].map((offset) => lines.lineOf(offset))).toEqual([1, 1, 2, 3, 3]);
  });
});
