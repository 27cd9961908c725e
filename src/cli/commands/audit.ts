import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import {
  buildSnapshot, DEFAULT_EVIDENCE_DAYS, formatHtml, formatJson, formatSarif, formatText, parseBaseline, REPORT_FORMATS, RULES, runAudit,
  SEVERITIES, summaryLine, type AuditReport, type Baseline, type ReportFormat, type Severity,
} from '../../audit/index.js';
import { loadConfig } from '../../config/index.js';
import { UsherError } from '../../shared/index.js';
import { action } from '../command-env.js';
import { EXIT } from '../exit-code.js';
import { parseWholeNumber } from '../option-values.js';

interface AuditOptions {
  format?: string;
  json?: boolean;
  failOn?: string;
  baseline?: string;
  evidenceDays?: string;
  output?: string;
}

// dist/cli/commands/audit.js (or src/…/audit.ts) → the package root.
const PACKAGE_ROOT = new URL('../../../', import.meta.url);

function choose<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsherError('USHER_ERR_CLI_USAGE', `${option} takes ${allowed.join(', ')}, not '${value}'`);
  }
  return value as T;
}

async function readBaseline(file: string): Promise<Baseline> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? 'not JSON' : ((error as NodeJS.ErrnoException).code ?? 'unreadable');
    throw new UsherError('USHER_ERR_AUDIT_BASELINE', `cannot use ${file} as a baseline (${why}); save one with usher audit --format json -o ${file}`);
  }
  return parseBaseline(value, file);
}

async function version(): Promise<string> {
  return (JSON.parse(await readFile(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { version: string }).version;
}

async function render(report: AuditReport, format: ReportFormat): Promise<string> {
  switch (format) {
    case 'json': return formatJson(report);
    case 'sarif': return formatSarif(report, RULES, await version());
    case 'html': return formatHtml(report);
    case 'text': return formatText(report);
  }
}

/** Exit 1 when a finding at or above `failOn` remains (after exceptions and the baseline). */
function failed(report: AuditReport, failOn: Severity | undefined): boolean {
  if (failOn === undefined) return false;
  const worst = SEVERITIES.indexOf(failOn);
  return report.findings.some((finding) => SEVERITIES.indexOf(finding.severity) <= worst);
}

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('review identities, ACLs, files, settings and logs against least privilege; say what to change')
    .option('--format <format>', `report format: ${REPORT_FORMATS.join(', ')} (default text)`)
    .option('--json', 'the same as --format json')
    .option('--fail-on <severity>', 'exit 1 when a finding of this severity or worse exists: high, medium or low (default: never)')
    .option('--baseline <file>', 'a report saved with --format json: show only findings that are new or resolved since')
    .option('--evidence-days <n>', `days of W3C logs the evidence rules read (default ${DEFAULT_EVIDENCE_DAYS}; 0 reads none)`)
    .option('-o, --output <file>', 'write the report to this file; standard output gets the summary line')
    .action(action(async ({ configPath, out }, options: AuditOptions) => {
      const format = choose(options.format ?? (options.json ? 'json' : 'text'), REPORT_FORMATS, '--format');
      const failOn = options.failOn === undefined ? undefined : choose(options.failOn, SEVERITIES, '--fail-on');
      const evidenceDays = options.evidenceDays === undefined
        ? DEFAULT_EVIDENCE_DAYS
        : parseWholeNumber(options.evidenceDays, '--evidence-days', { min: 0, max: 3660 });
      const baseline = options.baseline === undefined ? undefined : await readBaseline(options.baseline);
      const loaded = await loadConfig(configPath);
      const snapshot = await buildSnapshot(loaded, { evidenceDays, installDir: fileURLToPath(PACKAGE_ROOT).replace(/\/$/, '') });
      const report = runAudit(snapshot, { rules: RULES, ...(baseline ? { baseline } : {}) });
      const text = await render(report, format);
      if (options.output === undefined) {
        process.stdout.write(text);
      } else {
        try {
          await writeFile(options.output, text, { mode: 0o600 });
        } catch (error) {
          throw new UsherError('USHER_ERR_AUDIT_WRITE', `cannot write ${options.output} (${(error as NodeJS.ErrnoException).code ?? 'error'}): nothing was written`);
        }
        out.line(`usher audit: ${summaryLine(report)}; report written to ${options.output}`);
      }
      const errors = report.notes.filter((note) => note.kind === 'error');
      for (const note of errors) process.stderr.write(`usher: audit rule ${note.rule}: ${note.message}\n`);
      if (errors.length > 0) return EXIT.error;
      return failed(report, failOn) ? EXIT.negative : EXIT.ok;
    }));
}
