/**
 * The least-privilege and hardening audit (issue 4): the rule contract, the snapshot it reads,
 * the engine, the reporters and the registered rules. This file is the folder's only public surface.
 */
export { defineRule, SEVERITIES, type AuditRule, type RuleMeta, type Report, type ReportDescriptor, type Severity } from './rule.js';
export { scope, parseScope, isScope, locationTarget, type Scope, type ScopeKind } from './scope.js';
export { buildSnapshot, DEFAULT_EVIDENCE_DAYS, SAMPLE_MARKER, type Snapshot, type SnapshotOptions } from './snapshot/index.js';
export {
  runAudit, runRule, compareFindings,
  type AuditNote, type AuditOptions, type AuditReport, type AuditSummary, type ExceptedFinding, type Finding,
} from './engine.js';
export { parseBaseline, type Baseline } from './baseline.js';
export { formatHtml, formatJson, formatSarif, formatText, summaryLine, REPORT_FORMATS, type ReportFormat } from './report/index.js';
export { renderRuleTable, updateAuditDocs, RULES_START, RULES_END } from './docs.js';
export { RULES } from './rules/index.js';
