import { percentDecode } from './percent-decode.js';
import { malformed, printable, type Refusal } from './refusal.js';
import type { RawTarget } from './target.js';

/** The one spelling of a path that every later rule and stage looks at. */
export interface CanonicalPath {
  /** Decoded once, slashes merged, `.`/`..` resolved; starts with `/`, no trailing slash except for `/` itself. */
  readonly path: string;
  /** The request named a folder: it ended in `/`, or in a `.`/`..` segment (RFC 3986 §5.2.4 keeps the slash). */
  readonly trailingSlash: boolean;
  /** Decoded once but not yet merged or resolved, for denyUrlSequences. */
  readonly decoded: string;
  /** Something above U+007F was in the path (raw or decoded, even in a segment `..` removed): the Unicode-aware checks run. */
  readonly nonAscii: boolean;
}

// The common case, decided by one regex over the whole origin-form target: only RFC 3986 pchar
// characters that need no decoding (no `%`, no backslash), every segment non-empty and neither `.`
// nor `..`, an optional final slash, then an optional query without controls, spaces or `#`. Such
// a path is already canonical, and the target needs no other check before the rules. Segments
// cannot overlap (no `/` inside one), so this is linear.
const ALREADY_CANONICAL = /^(?=\/)(?:\/(?!\.\.?(?:[/?]|$))[\w\-.~!$&'()*+,;=:@]+)*\/?(?:\?[^\p{Cc} #]*)?$/u;

/** The raw target split and canonical at once, when it is the common case; undefined otherwise. */
export function alreadyCanonical(target: string): (RawTarget & CanonicalPath) | undefined {
  if (!ALREADY_CANONICAL.test(target)) return undefined;
  const question = target.indexOf('?');
  const rawPath = question < 0 ? target : target.slice(0, question);
  return { rawPath, query: question < 0 ? '' : target.slice(question + 1), ...asIs(rawPath) };
}

/** A path that needs no decoding or resolving: only the trailing slash comes off (it is a flag). */
function asIs(rawPath: string): CanonicalPath {
  const trailingSlash = rawPath.charCodeAt(rawPath.length - 1) === 0x2f;
  return { path: trailingSlash && rawPath.length > 1 ? rawPath.slice(0, -1) : rawPath, trailingSlash, decoded: rawPath, nonAscii: false };
}

// The same for a path alone (an absolute-form target, or an origin-form one whose query failed the above).
const ALREADY_CANONICAL_PATH = /^(?:\/(?!\.\.?(?:\/|$))[\w\-.~!$&'()*+,;=:@]+)*\/?$/;

/** Any path: decoded once, checked, merged and resolved. */
export function canonicalPath(rawPath: string): CanonicalPath | Refusal {
  if (ALREADY_CANONICAL_PATH.test(rawPath)) return asIs(rawPath);
  // A backslash is a separator on Windows and in many libraries: never guess, refuse it.
  if (rawPath.includes('\\')) return malformed(`backslash in the path '${printable(rawPath)}'`);
  const decoded = percentDecode(rawPath);
  if (typeof decoded !== 'string') return decoded;
  const forbidden = /[\p{Cc}\\]/u.exec(decoded);
  if (forbidden) return malformed(forbiddenProblem(forbidden[0]));
  return resolveSegments(decoded, rawPath);
}

function forbiddenProblem(char: string): string {
  if (char === '\\') return 'encoded backslash (%5C) in the path';
  if (char === '\0') return 'NUL (%00) in the path';
  return `encoded control character ${printable(char)} in the path`;
}

/**
 * Merges empty segments (`//`, and a decoded `%2F` with them) and removes dot-segments as RFC 3986
 * §5.2.4 does, except that `..` above the root is refused rather than clamped: nobody asks for
 * `/../x` by accident, and answering it as `/x` would hide the attempt.
 */
function resolveSegments(decoded: string, rawPath: string): CanonicalPath | Refusal {
  const kept: string[] = [];
  let trailingSlash = false;
  const segments = decoded.split('/');
  // segments[0] is the empty string before the leading `/`.
  for (let index = 1; index < segments.length; index++) {
    const segment = segments[index]!;
    if (segment === '' || segment === '.') {
      trailingSlash = true;
    } else if (segment === '..') {
      if (kept.length === 0) return malformed(`'..' leaves the root: '${printable(rawPath)}'`);
      kept.pop();
      trailingSlash = true;
    } else {
      kept.push(segment);
      trailingSlash = false;
    }
  }
  const path = `/${kept.join('/')}`;
  return { path, trailingSlash: trailingSlash || kept.length === 0, decoded, nonAscii: /[\u0080-\uffff]/.test(decoded) };
}
