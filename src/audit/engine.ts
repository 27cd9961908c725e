import { compareWithBaseline, findingKey, type Baseline } from './baseline.js';
import type { AuditRule, ReportDescriptor, Severity } from './rule.js';
import type { Scope } from './scope.js';
import type { Snapshot } from './snapshot/index.js';

/** One finding: DESIGN §7's fields plus the rule's sources. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly scope: Scope;
  readonly message: string;
  readonly fix: string;
  readonly sources: readonly string[];
}

export interface ExceptedFinding extends Finding {
  /** Why `audit.exceptions` accepts it. */
  readonly reason: string;
}

/** `skipped`: a rule that could not judge (short evidence); `error`: a rule that failed; `info`: anything else worth knowing. */
export interface AuditNote {
  readonly kind: 'skipped' | 'error' | 'info';
  readonly rule?: string;
  readonly message: string;
}

export interface AuditSummary {
  readonly high: number;
  readonly medium: number;
  readonly low: number;
  /** Rules that ran (an evidence rule skipped for every site does not count). */
  readonly rules: number;
  readonly excepted: number;
}

export interface AuditReport {
  /** Sorted: high first, then by rule id and scope. With a baseline: only the new ones. */
  readonly findings: readonly Finding[];
  readonly excepted: readonly ExceptedFinding[];
  readonly notes: readonly AuditNote[];
  readonly summary: AuditSummary;
  /** With a baseline: findings of the baseline that are gone. */
  readonly resolved?: readonly Finding[];
}

export interface AuditOptions {
  readonly rules: readonly AuditRule[];
  readonly baseline?: Baseline;
}

const RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

export function compareFindings(a: Finding, b: Finding): number {
  return RANK[a.severity] - RANK[b.severity] || a.rule.localeCompare(b.rule) || a.scope.localeCompare(b.scope);
}

const days = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/**
 * What an evidence rule may see: only the sites whose logs cover `minDays`. The others are named in
 * the notes, so "no finding" is never mistaken for "nothing to find".
 */
function evidenceView(snapshot: Snapshot, rule: AuditRule, notes: AuditNote[]): Snapshot | undefined {
  const needed = rule.meta.evidence?.minDays;
  if (needed === undefined) return snapshot;
  const { evidence } = snapshot;
  const skip = (message: string) => notes.push({ kind: 'skipped', rule: rule.meta.id, message });
  if (evidence.windowDays === 0) return void skip('skipped: no evidence was read (--evidence-days 0)');
  if (evidence.windowDays < needed) return void skip(`skipped: the evidence window is ${evidence.windowDays} days, needs ${needed} (--evidence-days)`);
  const enough = evidence.sites.filter((site) => site.coveredDays >= needed);
  if (enough.length === 0) {
    const best = Math.max(0, ...evidence.sites.map((site) => site.coveredDays));
    return void skip(`skipped: evidence covers ${days(Math.floor(best * 10) / 10)} days, needs ${needed}`);
  }
  for (const site of evidence.sites.filter((candidate) => !enough.includes(candidate))) {
    skip(`skipped for site ${site.site}: evidence covers ${days(Math.floor(site.coveredDays * 10) / 10)} days, needs ${needed}`);
  }
  return { ...snapshot, evidence: { ...evidence, sites: enough } };
}

/** One rule's findings, one per scope (the first report wins), or its failure as a note. */
export function runRule(snapshot: Snapshot, rule: AuditRule, notes: AuditNote[] = []): { findings: Finding[]; ran: boolean } {
  const view = evidenceView(snapshot, rule, notes);
  if (!view) return { findings: [], ran: false };
  const byScope = new Map<Scope, Finding>();
  const { id, severity, fix, sources } = rule.meta;
  const report = (descriptor: ReportDescriptor) => {
    if (byScope.has(descriptor.scope)) return;
    byScope.set(descriptor.scope, { rule: id, severity, scope: descriptor.scope, message: descriptor.message, fix: descriptor.fix ?? fix, sources });
  };
  try {
    rule.check(view, report);
  } catch (error) {
    notes.push({ kind: 'error', rule: id, message: `the rule failed: ${error instanceof Error ? error.message : String(error)}` });
    return { findings: [], ran: false };
  }
  return { findings: [...byScope.values()], ran: true };
}

/**
 * Runs every rule on one snapshot, moves what `audit.exceptions` accepts to `excepted`, and with a
 * baseline keeps only what changed since it.
 */
export function runAudit(snapshot: Snapshot, options: AuditOptions): AuditReport {
  const notes: AuditNote[] = snapshot.notes.map((message) => ({ kind: 'info', message }));
  const all: Finding[] = [];
  let ran = 0;
  for (const rule of options.rules) {
    const result = runRule(snapshot, rule, notes);
    if (result.ran) ran++;
    all.push(...result.findings);
  }
  const known = new Set(options.rules.map((rule) => rule.meta.id));
  const exceptions = new Map(snapshot.config.exceptions.map((exception) => [findingKey(exception), exception]));
  const used = new Set<string>();
  const kept: Finding[] = [];
  const excepted: ExceptedFinding[] = [];
  for (const finding of all) {
    const exception = exceptions.get(findingKey(finding));
    if (!exception) {
      kept.push(finding);
      continue;
    }
    used.add(findingKey(finding));
    excepted.push({ ...finding, reason: exception.reason });
  }
  for (const exception of snapshot.config.exceptions) {
    if (!known.has(exception.rule)) {
      notes.push({ kind: 'info', rule: exception.rule, message: `audit.exceptions names rule '${exception.rule}', which does not exist` });
    } else if (!used.has(findingKey(exception))) {
      notes.push({ kind: 'info', rule: exception.rule, message: `the exception for ${exception.scope} matches no finding any more: remove it from audit.exceptions` });
    }
  }
  const compared = options.baseline ? compareWithBaseline(kept, options.baseline) : undefined;
  const findings = (compared?.added ?? kept).sort(compareFindings);
  const count = (severity: Severity) => findings.filter((finding) => finding.severity === severity).length;
  return {
    findings,
    excepted: excepted.sort(compareFindings),
    notes,
    summary: { high: count('high'), medium: count('medium'), low: count('low'), rules: ran, excepted: excepted.length },
    ...(compared ? { resolved: compared.resolved.sort(compareFindings) } : {}),
  };
}
