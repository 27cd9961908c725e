import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { AuditReport, ExceptedFinding, Finding } from '../engine.js';
import type { AuditRule, Severity } from '../rule.js';
import { parseScope } from '../scope.js';

/**
 * SARIF 2.1.0 (OASIS), for code-scanning dashboards: every registered rule in `tool.driver.rules`,
 * each finding a result located by its scope (a logical location, plus a physical one for `path:`
 * scopes). Excepted findings are kept as suppressed results with their reason; against a baseline,
 * new results say `baselineState: new` and resolved ones `absent`.
 */

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { high: 'error', medium: 'warning', low: 'note' };
// GitHub code scanning reads `security-severity` (CVSS-like, 0–10): ≥ 7 high, ≥ 4 medium.
const SECURITY_SEVERITY: Record<Severity, string> = { high: '8.0', medium: '5.0', low: '2.0' };

const pascal = (id: string) => id.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');

function driverRule(rule: AuditRule) {
  const { meta } = rule;
  return {
    id: meta.id,
    name: pascal(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.docs },
    help: { text: `Fix: ${meta.fix}`, markdown: `**Fix:** ${meta.fix}\n\nSee docs/rules/${meta.id}.md` },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { 'security-severity': SECURITY_SEVERITY[meta.severity], tags: ['security', meta.severity, ...meta.sources] },
  };
}

function location(finding: Finding) {
  const parsed = parseScope(finding.scope);
  const logical = { name: parsed?.value || 'server', fullyQualifiedName: finding.scope, kind: parsed?.kind ?? 'server' };
  const physical = parsed?.kind === 'path' && parsed.value.startsWith('/')
    ? { physicalLocation: { artifactLocation: { uri: pathToFileURL(parsed.value).href } } }
    : {};
  return { ...physical, logicalLocations: [logical] };
}

function result(finding: Finding, ruleIndex: number, extra: Record<string, unknown>) {
  return {
    ruleId: finding.rule,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVEL[finding.severity],
    message: { text: `${finding.message}\nFix: ${finding.fix}` },
    locations: [location(finding)],
    // Stable across runs, so dashboards match a finding with itself: rule and scope, as baselines do.
    partialFingerprints: { 'usherFinding/v1': createHash('sha256').update(`${finding.rule}\u0000${finding.scope}`).digest('hex') },
    ...extra,
  };
}

export function formatSarif(report: AuditReport, rules: readonly AuditRule[], version: string): string {
  const index = new Map(rules.map((rule, i) => [rule.meta.id, i]));
  const at = (finding: Finding) => index.get(finding.rule) ?? -1;
  const baseline = report.resolved !== undefined;
  const results = [
    ...report.findings.map((finding) => result(finding, at(finding), baseline ? { baselineState: 'new' } : {})),
    ...report.excepted.map((finding: ExceptedFinding) =>
      result(finding, at(finding), { suppressions: [{ kind: 'external', status: 'accepted', justification: finding.reason }] })),
    ...(report.resolved ?? []).map((finding) => result(finding, at(finding), { baselineState: 'absent' })),
  ];
  const notifications = report.notes.map((note) => ({
    level: note.kind === 'error' ? 'error' : 'note',
    message: { text: note.message },
    ...(note.rule !== undefined && index.has(note.rule) ? { associatedRule: { id: note.rule, index: index.get(note.rule) } } : {}),
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'usher audit', semanticVersion: version, version, rules: rules.map(driverRule) } },
      invocations: [{ executionSuccessful: !report.notes.some((note) => note.kind === 'error'), toolExecutionNotifications: notifications }],
      results,
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
