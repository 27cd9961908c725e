import { hostname } from 'node:os';
import { W3C_FIELDS, type W3cField } from '../../config/index.js';
import type { FinalStatus, RequestContext } from '../../pipeline/index.js';
import { guardDirective, w3cNumber, w3cValue, w3cWireValue } from './escape.js';
import { w3cDate, w3cTime } from './time.js';

/**
 * What one W3C field says about a finished request. Each field is a small function chosen once
 * per field list, so a line is a handful of calls and one join, with no per-request branching on
 * field names.
 */

/** How a request ended; `bytesReceived` is optional until the pipeline's FinalStatus carries it. */
export interface LoggedStatus extends FinalStatus {
  readonly bytesReceived?: number;
}

/** When the line is written: wall clock for date/time, the monotonic clock for time-taken. */
export interface LogMoment {
  readonly epochMs: number;
  readonly monotonicMs: number;
}

type FieldValue = (context: RequestContext, final: LoggedStatus, at: LogMoment) => string;

// Read once: the host name does not change while a server runs, and os.hostname() is a syscall.
let computerName: string | undefined;
const computer = (): string => (computerName ??= w3cValue(hostname()));

/** Dual-stack sockets report IPv4 clients as `::ffff:a.b.c.d`; IIS logs them as plain IPv4. */
export function logAddress(address: string): string {
  return w3cValue(address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address);
}

/** The request-target's path when filtering refused before parsing it: origin-form or absolute-form. */
function targetPath(target: string): string {
  const query = target.indexOf('?');
  const path = query < 0 ? target : target.slice(0, query);
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path);
  return authority ? path.slice(authority[0].length) || '/' : path;
}

function targetQuery(target: string): string {
  const query = target.indexOf('?');
  return query < 0 ? '' : target.slice(query + 1);
}

/** `HTTP/1.1`; Node reports HTTP/2 as `2.0`, which IIS logs as `HTTP/2`. */
function protocolVersion(version: string): string {
  if (version === '1.1') return 'HTTP/1.1';
  return version === '2.0' ? 'HTTP/2' : `HTTP/${version}`;
}

/** `W3SVC<id>`, once per site id rather than once per line. */
const siteNames = new Map<number, string>();
function siteName(id: number): string {
  let name = siteNames.get(id);
  if (name === undefined) siteNames.set(id, (name = `W3SVC${id}`));
  return name;
}

/**
 * cs-bytes as IIS counts it (request line, headers and body). Until FinalStatus reports the bytes
 * read off the socket, it is rebuilt from the parsed head plus the declared Content-Length.
 */
function requestBytes(context: RequestContext, final: LoggedStatus): number {
  if (final.bytesReceived !== undefined) return final.bytesReceived;
  const head = context.head;
  let bytes = head.method.length + head.target.length + head.httpVersion.length + 11; // "M T HTTP/v\r\n" and the blank line
  const headers = head.headers;
  // for…in rather than Object.entries: this runs once per request and should allocate nothing.
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    if (typeof value === 'string') bytes += name.length + value.length + 4;
    else for (const one of value) bytes += name.length + one.length + 4;
  }
  const length = Number(head.headers['content-length'] ?? 0);
  return Number.isFinite(length) ? bytes + length : bytes;
}

const FIELD_VALUES: Record<W3cField, FieldValue> = {
  'date': (_c, _f, at) => w3cDate(at.epochMs),
  'time': (_c, _f, at) => w3cTime(at.epochMs),
  's-sitename': (c) => siteName(c.site.id),
  's-computername': () => computer(),
  's-ip': (c) => logAddress(c.connection.localAddress),
  'cs-method': (c) => w3cWireValue(c.head.method),
  // The path as received, before decoding, and never the query (IIS splits them).
  'cs-uri-stem': (c) => w3cWireValue(c.url ? c.url.rawPath : targetPath(c.head.target)),
  'cs-uri-query': (c) => w3cWireValue(c.url ? c.url.query : targetQuery(c.head.target)),
  's-port': (c) => w3cNumber(c.connection.localPort),
  // The authenticated name only (anonymous is `-`); the Authorization header is never read here.
  'cs-username': (c) => w3cValue(c.user?.logName),
  'c-ip': (c) => logAddress(c.connection.remoteAddress),
  'cs-version': (c) => w3cWireValue(protocolVersion(c.head.httpVersion)),
  'cs(User-Agent)': (c) => w3cWireValue(c.head.headers['user-agent']),
  'cs(Cookie)': (c) => w3cWireValue(c.head.headers.cookie),
  'cs(Referer)': (c) => w3cWireValue(c.head.headers.referer),
  'cs-host': (c) => w3cWireValue(c.head.headers.host),
  'sc-status': (_c, f) => w3cNumber(f.status),
  'sc-substatus': (_c, f) => w3cNumber(f.substatus),
  'sc-win32-status': (_c, f) => w3cNumber(f.win32),
  'sc-bytes': (_c, f) => w3cNumber(f.bytesSent),
  'cs-bytes': (c, f) => w3cNumber(requestBytes(c, f)),
  // Milliseconds from arrival to the end of the response, as IIS measures it.
  'time-taken': (c, _f, at) => w3cNumber(Math.max(0, Math.round(at.monotonicMs - c.startedAt))),
};

/**
 * The fields in IIS's canonical order, each once: IIS writes enabled fields in a fixed order
 * whatever order they were ticked in, and so does Usher whatever order the config lists them in.
 */
export function canonicalFields(fields: readonly W3cField[]): readonly W3cField[] {
  const wanted = new Set(fields);
  return W3C_FIELDS.filter((field) => wanted.has(field));
}

export type LineFormatter = (context: RequestContext, final: LoggedStatus, at: LogMoment) => string;

/** A formatter for one field list, compiled once per writer. Lines come without the newline. */
export function compileW3cLine(fields: readonly W3cField[]): LineFormatter {
  const values = canonicalFields(fields).map((field) => FIELD_VALUES[field]);
  if (values.length === 0) return () => '-';
  const parts: string[] = new Array<string>(values.length);
  return (context, final, at) => {
    // One flat string, not a rope of `+=` pieces: the line waits in the batch for up to 500 ms, and
    // a rope's ~30 cons-cells would survive young-generation collections and be promoted.
    for (let i = 0; i < values.length; i++) parts[i] = values[i]!(context, final, at);
    // Only the first value can start the line with `#` (a forged directive).
    parts[0] = guardDirective(parts[0]!);
    return parts.join(' ');
  };
}

/** One request as one W3C line (no newline), for the given fields. */
export function formatW3cLine(fields: readonly W3cField[], context: RequestContext, final: LoggedStatus, at: LogMoment): string {
  return compileW3cLine(fields)(context, final, at);
}
