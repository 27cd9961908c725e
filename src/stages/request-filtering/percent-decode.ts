import { malformed, printable, type Refusal } from './refusal.js';

// `fatal` makes every ill-formed sequence an error instead of U+FFFD: overlong forms (`%C0%AE` for
// `.`, `%E0%80%AF` for `/`), UTF-16 surrogates (`%ED%A0%80`), truncated and stray continuation
// bytes. `ignoreBOM` keeps a decoded U+FEFF as data rather than silently dropping it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const PERCENT = 0x25;

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/**
 * Percent-decodes a raw path exactly once (RFC 3986 §2.1): `%XX` becomes the byte XX, and the bytes
 * are read as UTF-8. `+` is a literal plus (form encoding is for query strings, not paths). A `%`
 * that does not start two hex digits is malformed, and so is IIS's `%uXXXX`, which no standard
 * defines. Raw characters above U+007F (Node's parser refuses them on the wire; the explainer may
 * pass them) are taken as the text they are, so only a lone surrogate among them is refused.
 */
export function percentDecode(raw: string): string | Refusal {
  let ascii = raw;
  if (/[\u0080-\uffff]/.test(raw)) {
    if (/\p{Cs}/u.test(raw)) return malformed('unpaired UTF-16 surrogate in the path');
    // As a browser would send them: then the whole path is one byte sequence, decoded once.
    ascii = raw.replace(/[\u0080-\uffff]+/g, encodeURIComponent);
  }
  // Escapes of ASCII (`%20`, `%2e`, `%2F`) are the usual kind: decoded straight into the string.
  // The first byte above 0x7F sends the whole path to the UTF-8 decoder instead.
  let decoded = '';
  let copied = 0;
  for (let at = ascii.indexOf('%'); at >= 0; at = ascii.indexOf('%', at)) {
    const byte = escapedByte(ascii, at);
    if (byte < 0) return malformed(escapeProblem(ascii, at));
    if (byte >= 0x80) return decodeUtf8(ascii, raw);
    decoded += ascii.slice(copied, at) + String.fromCharCode(byte);
    at += 3;
    copied = at;
  }
  return copied === 0 ? ascii : decoded + ascii.slice(copied);
}

/** The byte a `%XX` at `at` stands for, or -1 when it is not one. */
function escapedByte(text: string, at: number): number {
  const high = hexValue(text.charCodeAt(at + 1));
  const low = hexValue(text.charCodeAt(at + 2));
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

/** The whole path as bytes, read as UTF-8 by one decoder call (they cost far more than the loop). */
function decodeUtf8(ascii: string, raw: string): string | Refusal {
  const bytes = Buffer.allocUnsafe(ascii.length);
  let length = 0;
  for (let at = 0; at < ascii.length; at++) {
    let byte = ascii.charCodeAt(at);
    if (byte === PERCENT) {
      byte = escapedByte(ascii, at);
      if (byte < 0) return malformed(escapeProblem(ascii, at));
      at += 2;
    }
    bytes[length++] = byte;
  }
  try {
    return utf8.decode(bytes.subarray(0, length));
  } catch {
    return malformed(`invalid UTF-8 (overlong, surrogate or truncated sequence) in '${printable(raw)}'`);
  }
}

function escapeProblem(raw: string, at: number): string {
  const next = raw.charAt(at + 1);
  if (next === 'u' || next === 'U') return `IIS %u escape '${printable(raw.slice(at, at + 6))}' is not percent-encoding`;
  return `bad percent-escape '${printable(raw.slice(at, at + 3))}'`;
}
