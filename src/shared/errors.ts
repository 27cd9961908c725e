import type { ErrorCode } from './error-codes.js';

/** Where in a file a problem was found; config errors always carry it. */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** Dotted path of the field, e.g. `sites[0].bindings[1]`. */
  readonly field?: string;
}

/**
 * Every error Usher raises on purpose. The message is written for the person who has to act on it:
 * lower-case, no trailing period, says what to do where it can.
 */
export class UsherError extends Error {
  override readonly name = 'UsherError';
  readonly code: ErrorCode;
  readonly location: SourceLocation | undefined;

  constructor(code: ErrorCode, message: string, options: { location?: SourceLocation; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.location = options.location;
  }
}

export function isUsherError(value: unknown): value is UsherError {
  const code: unknown = value instanceof Error ? (value as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('USHER_ERR_');
}

/** `file:line: field: message`, the form editors and people both read. */
export function formatLocation(location: SourceLocation): string {
  const where = location.line === undefined ? location.file : `${location.file}:${location.line}`;
  return location.field ? `${where}: ${location.field}` : where;
}
