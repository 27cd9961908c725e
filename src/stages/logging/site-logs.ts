import { DEFAULT_W3C_FIELDS, SERVER_DEFAULTS, type ResolvedConfig } from '../../config/index.js';
import type { RequestContext, RequestLogSink } from '../../pipeline/index.js';
import type { BatchTuning } from './batched-file.js';
import type { LoggedStatus } from './fields.js';
import type { LogClock } from './time.js';
import { createW3cLog, type W3cLog } from './w3c-log.js';

/**
 * Every site's W3C log behind one RequestLogSink. Writers belong to site ids, not to
 * configuration generations, so a reload that leaves a site's logging as it was keeps its writer
 * (no new header block, no reopened file); a reload that changes the folder, the fields or the
 * rollover closes the old writer (flushing it) and the next line opens a new one.
 */

export type ServerLogging = ResolvedConfig['server']['logging'];

/** What `update` reads from a compiled generation (pipeline's `Generation` fits). */
export interface LoggingGeneration {
  readonly resolved: { readonly server: { readonly logging: ServerLogging } };
  readonly sites: readonly { readonly id: number; readonly resolved: { readonly logging: SiteLogging } }[];
}

interface SiteLogging {
  readonly enabled: boolean;
  readonly directory: string;
}

export interface SiteLogsOptions extends BatchTuning {
  /** The `#Software:` text, e.g. `Usher 0.1.0`. */
  readonly software: string;
  /** Server-wide settings until the first `update`; IIS's defaults when absent. */
  readonly logging?: ServerLogging;
  readonly clock?: LogClock;
  readonly report?: (message: string) => void;
}

export interface SiteLogs extends RequestLogSink {
  record(context: RequestContext, final: LoggedStatus): void;
  /** Applies a new configuration generation; call it before the generation serves. */
  update(generation: LoggingGeneration): void;
  /** Writes every line recorded so far, retired writers' included. */
  flush(): Promise<void>;
  /** Flushes and closes every writer, including ones retired by reloads and still writing. */
  closeAll(): Promise<void>;
}

const DEFAULT_LOGGING: ServerLogging = {
  directory: SERVER_DEFAULTS.logging.directory,
  rollover: SERVER_DEFAULTS.logging.rollover,
  truncateSize: SERVER_DEFAULTS.logging.truncateSize,
  fields: DEFAULT_W3C_FIELDS,
};

/** What makes two writers for the same folder interchangeable. */
const settingsKey = (logging: ServerLogging): string => `${logging.rollover}|${logging.truncateSize}|${logging.fields.join(' ')}`;

export function createSiteLogs(options: SiteLogsOptions): SiteLogs {
  let logging = options.logging ?? DEFAULT_LOGGING;
  let key = settingsKey(logging);
  /** Each site's logging in the newest generation: in-flight requests of an older one follow it. */
  let wanted = new Map<number, SiteLogging>();
  const writers = new Map<number, { log: W3cLog; key: string }>();
  /** Writers replaced by a reload, still writing their last lines, by site id. */
  const retiring = new Map<number, Promise<void>>();

  const retire = (id: number, log: W3cLog): void => {
    const closing = Promise.all([retiring.get(id), log.close()]).then(() => undefined);
    retiring.set(id, closing);
    void closing.then(() => {
      if (retiring.get(id) === closing) retiring.delete(id);
    });
  };

  const open = (id: number, directory: string): W3cLog => {
    const previous = writers.get(id);
    if (previous) retire(id, previous.log);
    const log = createW3cLog({
      directory, fields: logging.fields, rollover: logging.rollover, truncateSize: logging.truncateSize,
      software: options.software, clock: options.clock, report: options.report,
      intervalMs: options.intervalMs, batchChars: options.batchChars, maxPendingChars: options.maxPendingChars,
      // The same file may be written by the old writer's last batch: the new one goes after it.
      after: retiring.get(id),
    });
    writers.set(id, { log, key });
    return log;
  };

  return {
    record(context, final) {
      const id = context.site.id;
      // A site missing from the newest generation (removed by a reload) still logs its last requests.
      const site = wanted.get(id) ?? context.site.resolved.logging;
      if (!site.enabled) return;
      const writer = writers.get(id);
      const log = writer !== undefined && writer.key === key && writer.log.options.directory === site.directory
        ? writer.log
        : open(id, site.directory);
      log.record(context, final);
    },
    update(generation) {
      logging = generation.resolved.server.logging;
      key = settingsKey(logging);
      wanted = new Map(generation.sites.map((site) => [site.id, site.resolved.logging]));
      for (const [id, writer] of writers) {
        const site = wanted.get(id);
        if (site !== undefined && site.enabled && site.directory === writer.log.options.directory && writer.key === key) continue;
        writers.delete(id);
        retire(id, writer.log);
      }
    },
    async flush() {
      await Promise.all([...[...writers.values()].map((writer) => writer.log.flush()), ...retiring.values()]);
    },
    async closeAll() {
      const current = [...writers.values()];
      writers.clear();
      await Promise.all([...current.map((writer) => writer.log.close()), ...retiring.values()]);
    },
  };
}
