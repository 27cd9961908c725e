import type { AuditReport } from '../engine.js';

/**
 * DESIGN §7: `{ findings: [{rule, severity, scope, message, fix}], excepted, summary: {high, medium,
 * low, rules} }`, each finding also carrying its `sources`, plus `notes` and, against a baseline,
 * `resolved`. The same text is a baseline for the next run (`--baseline FILE`).
 */
export function formatJson(report: AuditReport): string {
  const { findings, excepted, notes, summary, resolved } = report;
  return `${JSON.stringify({ findings, excepted, notes, summary, ...(resolved ? { resolved } : {}) }, null, 2)}\n`;
}
