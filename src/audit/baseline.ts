import { UsherError } from '../shared/index.js';
import type { Finding } from './engine.js';
import { SEVERITIES, type Severity } from './rule.js';
import { isScope } from './scope.js';

/** A saved `usher audit --format json` report, as far as a comparison needs it. */
export interface Baseline {
  readonly findings: readonly Finding[];
}

/** Findings, exceptions and baseline entries are the same finding when rule and scope agree. */
export const findingKey = (finding: { readonly rule: string; readonly scope: string }): string => `${finding.rule}\u0000${finding.scope}`;

export function compareWithBaseline(current: readonly Finding[], baseline: Baseline): { added: Finding[]; resolved: Finding[] } {
  const before = new Set(baseline.findings.map(findingKey));
  const now = new Set(current.map(findingKey));
  return {
    added: current.filter((finding) => !before.has(findingKey(finding))),
    resolved: baseline.findings.filter((finding) => !now.has(findingKey(finding))),
  };
}

const bad = (file: string, why: string) =>
  new UsherError('USHER_ERR_AUDIT_BASELINE', `${file} is not a saved audit report (${why}); save one with usher audit --format json -o ${file}`);

/** Checks what JSON.parse made of a baseline file; `file` only names it in the error. */
export function parseBaseline(value: unknown, file: string): Baseline {
  const findings = (value as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(findings)) throw bad(file, 'no findings list');
  return {
    findings: findings.map((entry: unknown, index): Finding => {
      const finding = entry as Partial<Record<keyof Finding, unknown>> | null;
      if (typeof finding?.rule !== 'string' || typeof finding.scope !== 'string' || !isScope(finding.scope)) {
        throw bad(file, `finding ${index + 1} has no rule and scope`);
      }
      const severity = SEVERITIES.includes(finding.severity as Severity) ? (finding.severity as Severity) : 'low';
      return {
        rule: finding.rule,
        severity,
        scope: finding.scope,
        message: typeof finding.message === 'string' ? finding.message : '',
        fix: typeof finding.fix === 'string' ? finding.fix : '',
        sources: Array.isArray(finding.sources) ? finding.sources.filter((source): source is string => typeof source === 'string') : [],
      };
    }),
  };
}
