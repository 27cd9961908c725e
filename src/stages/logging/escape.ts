/**
 * Value escaping for W3C log lines. A log line is read by splitting on single spaces and lines on
 * newlines, so a value that came from the network must never contain either, nor anything a log
 * reader could take for one. IIS's own rules come first (space → `+`, empty → `-`); everything
 * else that could break, split or disguise a line is percent-encoded as its UTF-8 bytes:
 *
 * - C0 controls (CR, LF, TAB, NUL, …), DEL and the C1 controls (NEL U+0085 among them);
 * - every other Unicode space or line/paragraph separator (NBSP, U+2000–U+200A, U+2028/9, U+3000,
 *   …): Python's `str.split()` and JavaScript's `\s` split on them, so they could forge a field;
 * - invisible format characters (zero-width, bidi embeddings/overrides/isolates, BOM), which can
 *   make a line read differently in a terminal than it parses ("Trojan Source" spoofing).
 *
 * `%` and `+` are left as they are, as IIS leaves them: cs-uri-stem is the path as received, whose
 * `%xx` escapes must stay readable, so `%0A` in a log can be a literal `%0A` from the client or an
 * encoded LF — the same bytes to any URL consumer, and never a line break. `"` is kept too: W3C
 * fields here are never quoted, and with spaces gone a quote cannot make a reader join fields.
 */

const HEX = '0123456789ABCDEF';

function percentEncode(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  return out;
}

/** Non-ASCII characters that are encoded: the Unicode spaces, separators and invisible format characters. */
function isSpecialAbove7f(code: number): boolean {
  return code <= 0xa0 // DEL, C1 controls (NEL among them), NBSP
    || code === 0x061c || code === 0x1680 || code === 0x180e
    || (code >= 0x2000 && code <= 0x200f) || (code >= 0x2028 && code <= 0x202f) || (code >= 0x205f && code <= 0x206f)
    || code === 0x3000 || code === 0xfeff || (code >= 0xfff9 && code <= 0xfffb);
}

/**
 * The escaping itself, as a char-code loop: nearly every value is printable ASCII and leaves
 * here unchanged without allocating; this runs about fifteen times per request.
 */
function escapeText(value: string, wire: boolean): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code > 0x20 && code < 0x7f) continue;
    // Wire text with high bytes is decoded first (rare); pure ASCII is escaped in this one pass.
    if (wire && code >= 0x80) return escapeText(fromWire(value), false);
    if (code >= 0x7f && !isSpecialAbove7f(code)) continue;
    // Every special character is in the BMP, so one UTF-16 unit is the whole character.
    out += value.slice(start, i) + (code === 0x20 ? '+' : percentEncode(Buffer.from(String.fromCharCode(code), 'utf8')));
    start = i + 1;
  }
  return start === 0 ? value : out + value.slice(start);
}

/** A value as a W3C field: `-` when empty or missing, never containing a separator or line break. */
export function w3cValue(value: string | undefined): string {
  return value === undefined || value === '' ? '-' : escapeText(value, false);
}

/** A number as a W3C field; anything that is not a finite non-negative number is `-`. */
export function w3cNumber(value: number | undefined): string {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? String(Math.trunc(value)) : '-';
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Text that Node read off the wire: header values (and the request-target, when the lenient
 * parser lets high bytes through) arrive as latin1, one character per byte. IIS logs in UTF-8
 * (the `u_` of `u_ex…`), so bytes that form valid UTF-8 are logged as the characters the client
 * meant; bytes that do not are percent-encoded, so the log file itself is always valid UTF-8.
 */
export function fromWire(value: string): string {
  let high = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    // A character above U+00FF cannot have come from latin1 decoding: it is already text.
    if (code > 0xff) return value;
    if (code >= 0x80) high = true;
  }
  if (!high) return value;
  const bytes = Buffer.from(value, 'latin1');
  try {
    return UTF8.decode(bytes);
  } catch {
    let out = '';
    for (const byte of bytes) out += byte >= 0x80 ? percentEncode(Uint8Array.of(byte)) : String.fromCharCode(byte);
    return out;
  }
}

/** A header value or other wire text as a W3C field. */
export function w3cWireValue(value: string | readonly string[] | undefined): string {
  if (value === undefined) return '-';
  const text = typeof value === 'string' ? value : value.join(',');
  return text === '' ? '-' : escapeText(text, true);
}

/**
 * A whole line must not begin with `#`, which starts a directive: with a field list that starts
 * with an attacker-controlled value, a user agent of `#Fields:…` could otherwise forge a header.
 */
export function guardDirective(line: string): string {
  return line.charCodeAt(0) === 0x23 ? `%23${line.slice(1)}` : line;
}
