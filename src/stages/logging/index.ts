/**
 * The LogRequest stage's output (DESIGN §8): per-site W3C extended logs exactly as IIS writes
 * them, and the HTTP.sys-style server error log for requests refused before a site is known.
 * Everything is buffered and written in batches; `closeAll()` / `close()` flush on shutdown.
 */
export { w3cValue, w3cWireValue, fromWire } from './escape.js';
export {
  formatW3cLine, compileW3cLine, canonicalFields, type LoggedStatus, type LogMoment, type LineFormatter,
} from './fields.js';
export { w3cHeader } from './header.js';
export { periodStamp, SYSTEM_CLOCK, type LogClock, type RolloverPeriod } from './time.js';
export { LOG_FILE_MODE, LOG_DIRECTORY_MODE, DEFAULT_TUNING, type BatchTuning } from './batched-file.js';
export { createW3cLog, w3cNaming, type W3cLog, type W3cLogOptions, type Rollover } from './w3c-log.js';
export { createSiteLogs, type SiteLogs, type SiteLogsOptions, type ServerLogging, type LoggingGeneration } from './site-logs.js';
export {
  createServerErrorLog, formatServerErrorLine, SERVER_ERROR_FIELDS,
  type ServerErrorLog, type ServerErrorLogOptions, type ServerErrorEntry,
} from './server-error-log.js';
