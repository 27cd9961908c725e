import type { W3cField } from '../../config/index.js';
import type { RequestContext, RequestLogSink } from '../../pipeline/index.js';
import { BatchedLogFile, type BatchTuning, type FileNaming } from './batched-file.js';
import { canonicalFields, compileW3cLine, type LoggedStatus } from './fields.js';
import { w3cHeader } from './header.js';
import { periodStamp, SYSTEM_CLOCK, type LogClock } from './time.js';

/** One site's W3C log, in one `W3SVC<id>` folder, named and rolled over as IIS does it. */

export type Rollover = 'hourly' | 'daily' | 'weekly' | 'monthly' | 'size';

export interface W3cLogOptions extends BatchTuning {
  /** The site's folder, `<server.logging.directory>/W3SVC<id>` unless the site sets its own. */
  readonly directory: string;
  readonly fields: readonly W3cField[];
  readonly rollover: Rollover;
  /** Bytes per file when `rollover` is `size`. */
  readonly truncateSize: number;
  /** The `#Software:` text, e.g. `Usher 0.1.0`. */
  readonly software: string;
  readonly clock?: LogClock;
  /** Where write problems are said (default: stderr). */
  readonly report?: (message: string) => void;
  /** Write nothing before this settles (the writer this one replaces, closing), so lines stay in order. */
  readonly after?: Promise<void> | undefined;
}

export interface W3cLog extends RequestLogSink {
  readonly options: W3cLogOptions;
  record(context: RequestContext, final: LoggedStatus): void;
  /** Writes every line recorded so far. */
  flush(): Promise<void>;
  /** Writes every line recorded so far and stops the batch timer (SIGTERM: no line is lost). */
  close(): Promise<void>;
}

export const reportToStderr = (message: string): void => {
  process.stderr.write(`usher: ${message}\n`);
};

/** `u_` marks a UTF-8 log, which IIS writes by default and Usher always does. */
export function w3cNaming(rollover: Rollover, truncateSize: number): FileNaming {
  if (rollover === 'size') return { kind: 'size', prefix: 'u_extend', truncateSize };
  return { kind: 'period', name: (epochMs) => `u_ex${periodStamp(rollover, epochMs)}.log` };
}

export function createW3cLog(options: W3cLogOptions): W3cLog {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const fields = canonicalFields(options.fields);
  const format = compileW3cLine(fields);
  const file = new BatchedLogFile({
    directory: options.directory,
    naming: w3cNaming(options.rollover, options.truncateSize),
    header: (epochMs) => w3cHeader(options.software, fields, epochMs),
    report: options.report ?? reportToStderr,
    intervalMs: options.intervalMs,
    batchChars: options.batchChars,
    maxPendingChars: options.maxPendingChars,
    after: options.after,
  });
  return {
    options,
    record(context, final) {
      const epochMs = clock.now();
      file.append(format(context, final, { epochMs, monotonicMs: clock.monotonic() }), epochMs);
    },
    flush: () => file.flush(),
    close: () => file.close(),
  };
}
