import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatLocation, isUsherError } from '../shared/index.js';
import { EXIT, type ExitCode } from './exit-code.js';
import { createOutput, type Output } from './output.js';

/** What every command receives: where the config is and how to speak. */
export interface CommandEnv {
  /** Absolute path of the configuration file (`-c`, default ./usher.yaml). */
  readonly configPath: string;
  readonly out: Output;
}

interface ReportableIssue {
  readonly file: string;
  readonly line?: number;
  readonly field?: string;
  readonly message: string;
}

function issuesOf(error: unknown): readonly ReportableIssue[] {
  const issues = (error as { issues?: unknown }).issues;
  return Array.isArray(issues) ? (issues as ReportableIssue[]) : [];
}

/** One line a person can act on; config errors list every issue with file:line: field. */
export function reportError(error: unknown, out: Output): ExitCode {
  if (isUsherError(error)) {
    const issues = issuesOf(error);
    if (issues.length > 0) {
      for (const issue of issues) process.stderr.write(`usher: ${formatLocation(issue)}: ${issue.message}\n`);
    } else {
      // Config errors already start with file:line; others name their subject in the message.
      const where = error.location && !error.message.startsWith(error.location.file) ? `${formatLocation(error.location)}: ` : '';
      process.stderr.write(`usher: ${where}${error.message}\n`);
    }
    if (out.json) out.data({ error: { code: error.code, message: error.message, ...(issues.length > 0 ? { issues } : {}) } });
    return EXIT.error;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`usher: internal error: ${message}\n`);
  if (process.env.USHER_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('usher: set USHER_DEBUG=1 for the stack trace, and please report it\n');
  if (out.json) out.data({ error: { code: 'USHER_ERR_CLI_INTERNAL', message } });
  return EXIT.error;
}

/**
 * Wraps a command handler: builds its environment from the global options, turns errors into
 * one stderr line and exit code 2, and sets the exit code the handler returns.
 */
export function action<Args extends unknown[]>(
  handler: (env: CommandEnv, ...args: Args) => Promise<ExitCode | void>,
): (...commanderArgs: unknown[]) => Promise<void> {
  return async (...commanderArgs: unknown[]) => {
    const command = commanderArgs[commanderArgs.length - 1] as Command;
    const options = command.optsWithGlobals<{ config?: string; json?: boolean }>();
    const out = createOutput(Boolean(options.json));
    const env: CommandEnv = { configPath: resolve(options.config ?? 'usher.yaml'), out };
    try {
      const code = await handler(env, ...(commanderArgs.slice(0, -1) as Args));
      process.exitCode = code ?? EXIT.ok;
    } catch (error) {
      process.exitCode = reportError(error, out);
    }
  };
}
