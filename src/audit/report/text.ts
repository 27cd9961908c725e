import type { AuditReport, Finding } from '../engine.js';
import { SEVERITIES } from '../rule.js';

/** `3 findings (1 high, 2 medium, 0 low), 12 rules, 1 excepted` */
export function summaryLine(report: AuditReport): string {
  const { high, medium, low, rules, excepted } = report.summary;
  const total = high + medium + low;
  const what = report.resolved ? 'new finding' : 'finding';
  const resolved = report.resolved ? `, ${report.resolved.length} resolved` : '';
  return `${total} ${what}${total === 1 ? '' : 's'} (${high} high, ${medium} medium, ${low} low)${resolved}, ${rules} rules checked, ${excepted} excepted`;
}

function indent(text: string, by: string): string {
  return text.split('\n').map((line) => `${by}${line}`).join('\n');
}

function block(finding: Finding): string[] {
  return [
    `  ${finding.rule}  ${finding.scope}`,
    indent(finding.message, '    '),
    indent(`fix: ${finding.fix}`, '    '),
    '',
  ];
}

/** For people: findings grouped by severity, each with its fix; then exceptions, resolved findings and notes. */
export function formatText(report: AuditReport): string {
  const lines: string[] = [`usher audit: ${summaryLine(report)}`, ''];
  for (const severity of SEVERITIES) {
    const group = report.findings.filter((finding) => finding.severity === severity);
    if (group.length === 0) continue;
    lines.push(`${severity.toUpperCase()} (${group.length})${report.resolved ? ' new since the baseline' : ''}`);
    for (const finding of group) lines.push(...block(finding));
  }
  if (report.resolved && report.resolved.length > 0) {
    lines.push(`RESOLVED since the baseline (${report.resolved.length})`);
    for (const finding of report.resolved) lines.push(`  ${finding.rule}  ${finding.scope}`);
    lines.push('');
  }
  if (report.excepted.length > 0) {
    lines.push(`EXCEPTED by audit.exceptions (${report.excepted.length})`);
    for (const finding of report.excepted) lines.push(`  ${finding.rule}  ${finding.scope}  (${finding.severity}): ${finding.reason}`);
    lines.push('');
  }
  if (report.notes.length > 0) {
    lines.push('NOTES');
    for (const note of report.notes) lines.push(`  ${note.rule ? `${note.rule}: ` : ''}${note.message}`);
    lines.push('');
  }
  if (report.findings.length === 0 && lines.length === 2) lines.push('nothing to report');
  return `${lines.join('\n').trimEnd()}\n`;
}
