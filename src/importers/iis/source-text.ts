import { readFile } from 'node:fs/promises';
import { UsherError } from '../../shared/index.js';

/**
 * Windows tools write text in more than one encoding: applicationHost.config is UTF-8 (often with a
 * byte-order mark), `icacls /save` writes UTF-16LE with or without one, and some tools write
 * UTF-16BE. The encoding is told by the BOM, else by where the NUL bytes of ASCII text fall.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return swapBytes(bytes.subarray(2)).toString('utf16le');
  const sample = bytes.subarray(0, Math.min(bytes.length, 512));
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) evenNuls++;
      else oddNuls++;
    }
  }
  const half = sample.length / 4;
  if (oddNuls > half && evenNuls === 0) return bytes.toString('utf16le');
  if (evenNuls > half && oddNuls === 0) return swapBytes(bytes).toString('utf16le');
  return bytes.toString('utf8');
}

function swapBytes(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return copy.swap16();
}

/** Reads and decodes a source file, or says plainly why it cannot be read. */
export async function readSourceText(file: string, what: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? 'error'})`;
    throw new UsherError('USHER_ERR_IMPORT_READ', `${what} ${file} ${why}`, { location: { file }, cause: error });
  }
  const text = decodeText(bytes);
  // Binary content decodes to replacement characters and NULs; XML and icacls text never hold them.
  if (text.includes('\u0000')) {
    throw new UsherError('USHER_ERR_IMPORT_READ', `${what} ${file} is not text (it holds NUL bytes)`, { location: { file } });
  }
  return text;
}

/** Line numbers of character offsets, for messages that point into a file. */
export interface LineIndex {
  lineOf(offset: number): number;
}

export function lineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return {
    lineOf(offset) {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid]! <= offset) low = mid;
        else high = mid - 1;
      }
      return low + 1;
    },
  };
}
