import { join } from 'node:path';
import { BatchedLogFile, type BatchTuning } from './batched-file.js';
import { guardDirective, w3cNumber, w3cValue, w3cWireValue } from './escape.js';
import { logAddress } from './fields.js';
import { w3cHeader } from './header.js';
import { periodStamp, SYSTEM_CLOCK, w3cDate, w3cTime, type LogClock } from './time.js';
import { reportToStderr } from './w3c-log.js';

/**
 * The server error log: requests refused before any site is known (no site for the Host header,
 * requests Node's parser rejects, header timeouts). HTTP.sys writes these to `HTTPERR/httperr<N>.log`
 * in this exact field set; Usher writes the same shape, one file per UTC day, with the same
 * escaping as the site logs: everything here, the URI above all, is whatever the client sent.
 */

export const SERVER_ERROR_FIELDS = [
  'date', 'time', 'c-ip', 'c-port', 's-ip', 's-port', 'cs-version', 'cs-method', 'cs-uri',
  'sc-status', 's-siteid', 's-reason', 's-queuename',
] as const;

export interface ServerErrorEntry {
  readonly clientAddress: string;
  readonly clientPort: number;
  readonly localAddress: string;
  readonly localPort: number;
  /** `HTTP/1.1` (or `1.1`); absent when the request line could not be read. */
  readonly version?: string | undefined;
  readonly method?: string | undefined;
  /** The request-target as sent. */
  readonly uri?: string | undefined;
  readonly status: number;
  /** HTTP.sys's reason token: `Hostname`, `BadRequest`, `Timer_HeaderWait`, `URL`, `Header`, `Verb`, … */
  readonly reason: string;
  /** The site, when one was chosen before the refusal. */
  readonly siteId?: number | undefined;
}

export interface ServerErrorLogOptions extends BatchTuning {
  /** `server.logging.directory`; the log goes to its `HTTPERR` folder. */
  readonly directory: string;
  /** The `#Software:` text, e.g. `Usher 0.1.0`. */
  readonly software: string;
  readonly clock?: LogClock;
  readonly report?: (message: string) => void;
}

export interface ServerErrorLog {
  record(entry: ServerErrorEntry): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

const version = (text: string | undefined): string | undefined =>
  text !== undefined && /^\d/.test(text) ? `HTTP/${text}` : text;

export function formatServerErrorLine(entry: ServerErrorEntry, epochMs: number): string {
  return guardDirective([
    w3cDate(epochMs),
    w3cTime(epochMs),
    logAddress(entry.clientAddress),
    w3cNumber(entry.clientPort),
    logAddress(entry.localAddress),
    w3cNumber(entry.localPort),
    w3cWireValue(version(entry.version)),
    w3cWireValue(entry.method),
    w3cWireValue(entry.uri),
    w3cNumber(entry.status),
    w3cNumber(entry.siteId),
    w3cValue(entry.reason),
    '-', // s-queuename: Usher has no HTTP.sys request queues
  ].join(' '));
}

export function createServerErrorLog(options: ServerErrorLogOptions): ServerErrorLog {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const file = new BatchedLogFile({
    directory: join(options.directory, 'HTTPERR'),
    naming: { kind: 'period', name: (epochMs) => `httperr${periodStamp('daily', epochMs)}.log` },
    header: (epochMs) => w3cHeader(options.software, SERVER_ERROR_FIELDS, epochMs),
    report: options.report ?? reportToStderr,
    intervalMs: options.intervalMs,
    batchChars: options.batchChars,
    maxPendingChars: options.maxPendingChars,
  });
  return {
    record(entry) {
      const epochMs = clock.now();
      file.append(formatServerErrorLine(entry, epochMs), epochMs);
    },
    flush: () => file.flush(),
    close: () => file.close(),
  };
}
