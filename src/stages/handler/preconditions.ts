import type { IncomingHttpHeaders } from 'node:http';
import rangeParser from 'range-parser';
import type { FileInfo } from './file-info.js';

/** What a GET or HEAD of a file gets, after its conditional and Range headers. */
export type Selection =
  | { readonly kind: 'full' }
  | { readonly kind: 'not-modified' }
  | { readonly kind: 'partial'; readonly start: number; readonly end: number }
  | { readonly kind: 'unsatisfiable' };

const FULL: Selection = { kind: 'full' };
const NOT_MODIFIED: Selection = { kind: 'not-modified' };
const UNSATISFIABLE: Selection = { kind: 'unsatisfiable' };

/**
 * If-None-Match's weak comparison (RFC 9110 §8.8.3.2): does any listed tag, W/ or not, have our
 * opaque value? `*` matches any current representation. Tags may contain commas, so the list is
 * scanned quote to quote rather than split.
 */
export function noneMatchHits(header: string, etag: string): boolean {
  if (header === etag) return true;
  let i = 0;
  while (i < header.length) {
    const c = header[i];
    if (c === ' ' || c === '\t' || c === ',') {
      i++;
      continue;
    }
    if (c === '*') return true;
    if (header.startsWith('W/', i)) i += 2;
    if (header[i] !== '"') {
      // Not an entity tag: skip this member.
      const comma = header.indexOf(',', i);
      if (comma < 0) return false;
      i = comma + 1;
      continue;
    }
    const close = header.indexOf('"', i + 1);
    if (close < 0) return false;
    if (close - i + 1 === etag.length && header.startsWith(etag, i)) return true;
    i = close + 1;
  }
  return false;
}

/** If-Range (RFC 9110 §13.1.5): a strong, exact ETag match, or exactly the Last-Modified date. */
function ifRangeHolds(value: string, info: FileInfo): boolean {
  const validator = value.trim();
  if (validator.startsWith('"')) return validator === info.entry.etag;
  if (validator.startsWith('W/')) return false;
  return Date.parse(validator) === info.lastModifiedMs;
}

/**
 * RFC 9110 §13.2.2's order: If-None-Match (or, only without it, If-Modified-Since) may answer
 * 304; then Range applies to GET alone, unless If-Range says the client holds another version.
 * Several ranges get the whole file (RFC 9110 §14.2 lets a server ignore Range): multipart
 * byteranges are rarely asked for and easy to get wrong; overlapping ranges are merged first.
 */
export function selectResponse(method: string, headers: IncomingHttpHeaders, info: FileInfo): Selection {
  const noneMatch = headers['if-none-match'];
  if (noneMatch !== undefined) {
    if (noneMatchHits(noneMatch, info.entry.etag)) return NOT_MODIFIED;
  } else {
    const since = headers['if-modified-since'];
    // Date.parse gives NaN for an invalid date, and NaN compares false: the header is ignored.
    if (since !== undefined && Date.parse(since) >= info.lastModifiedMs) return NOT_MODIFIED;
  }
  const range = headers.range;
  if (range === undefined || method !== 'GET' || info.entry.size === 0) return FULL;
  const ifRange = headers['if-range'];
  // IncomingHttpHeaders types an unknown field as possibly repeated; a repeated If-Range is invalid, so the Range is ignored.
  if (ifRange !== undefined && (typeof ifRange !== 'string' || !ifRangeHolds(ifRange, info))) return FULL;
  const ranges = rangeParser(info.entry.size, range, { combine: true });
  if (ranges === -1) return UNSATISFIABLE;
  // Malformed (-2) or another unit: ignored, as RFC 9110 §14.2 requires.
  if (ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return FULL;
  const [only] = ranges;
  return { kind: 'partial', start: only!.start, end: only!.end };
}
