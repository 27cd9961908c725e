import { UsherError } from '../shared/index.js';

/** One problem found in a configuration file, located for an editor and a person. */
export interface ConfigIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Dotted path, e.g. `sites[0].bindings[1]`; empty for the file as a whole. */
  readonly field: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** `file:line: field: message`, the form DESIGN §6 prints on one line. */
export function formatIssue(issue: ConfigIssue): string {
  const field = issue.field === '' ? '' : ` ${issue.field}:`;
  return `${issue.file}:${issue.line}:${field} ${issue.message}`;
}

/** Errors before warnings, each in file order, so the first line printed is the first thing to fix. */
export function sortIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const rank = (issue: ConfigIssue): number => (issue.severity === 'error' ? 0 : 1);
  return [...issues].sort((a, b) => rank(a) - rank(b) || a.line - b.line || a.column - b.column);
}

/**
 * The configuration breaks the schema or a cross-reference. `issues` holds every problem found
 * (errors first, then warnings); the message names the first and counts the rest.
 */
export class ConfigInvalidError extends UsherError {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], options: { context?: string } = {}) {
    const sorted = sortIssues(issues);
    const errors = sorted.filter((issue) => issue.severity === 'error');
    const first = errors[0] ?? sorted[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    const message = first === undefined ? 'the configuration is invalid' : `${formatIssue(first)}${more}`;
    super('USHER_ERR_CFG_INVALID', options.context ? `${options.context}: ${message}` : message, {
      ...(first && { location: { file: first.file, line: first.line, column: first.column, field: first.field } }),
    });
    this.issues = sorted;
  }
}
