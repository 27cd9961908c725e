import { describe, expect, it } from 'vitest';
import { runAudit } from './engine.js';
import { defineRule, type AuditRule, type Severity } from './rule.js';
import { withCase } from './rule-tester.js';
import type { Scope } from './scope.js';
import type { Snapshot } from './snapshot/index.js';

const meta = (id: string, severity: Severity = 'medium') => ({
  id, severity, title: `title of ${id}`, sources: ['own'], fix: `fix of ${id}`, docs: `docs of ${id}.`,
});

/** A rule that reports the given scopes, in order. */
const reporting = (id: string, scopes: Scope[], severity?: Severity): AuditRule =>
  defineRule({ meta: meta(id, severity), check: (_snapshot, report) => scopes.forEach((scope, i) => report({ scope, message: `${id} #${i}` })) });

const exceptions = (...list: string[]) => `audit: { exceptions: [${list.join(', ')}] }`;

describe('runAudit', () => {
  it('keeps one finding per rule and scope (the first report), sorted high first, then by rule and scope', async () => {
    const report = await withCase({ name: 'x' }, (snapshot) => runAudit(snapshot, {
      rules: [reporting('b-rule', ['site:Web', 'pool:A', 'site:Web']), reporting('a-rule', ['server'], 'low'), reporting('c-rule', ['server'], 'high')],
    }));
    expect(report.findings.map((f) => `${f.severity} ${f.rule} ${f.scope} ${f.message}`)).toEqual([
      'high c-rule server c-rule #0',
      'medium b-rule pool:A b-rule #1',
      'medium b-rule site:Web b-rule #0',
      'low a-rule server a-rule #0',
    ]);
    expect(report.summary).toEqual({ high: 1, medium: 2, low: 1, rules: 3, excepted: 0 });
    expect(report.findings[0]).toMatchObject({ fix: 'fix of c-rule', sources: ['own'] });
  });

  it('moves what audit.exceptions accepts to excepted, with the reason, and says which exceptions match nothing', async () => {
    const config = exceptions(
      '{ rule: b-rule, scope: "site:Web", reason: "accepted by the ISSO" }',
      '{ rule: b-rule, scope: "pool:Gone", reason: "old" }',
      '{ rule: no-such-rule, scope: server, reason: "typo" }',
    );
    const report = await withCase({ name: 'x', config }, (snapshot) => runAudit(snapshot, { rules: [reporting('b-rule', ['site:Web', 'pool:A'])] }));
    expect(report.findings.map((f) => f.scope)).toEqual(['pool:A']);
    expect(report.excepted).toEqual([expect.objectContaining({ rule: 'b-rule', scope: 'site:Web', reason: 'accepted by the ISSO' })]);
    expect(report.summary.excepted).toBe(1);
    expect(report.notes.map((note) => note.message)).toEqual([
      'the exception for pool:Gone matches no finding any more: remove it from audit.exceptions',
      "audit.exceptions names rule 'no-such-rule', which does not exist",
    ]);
  });

  it('with a baseline, reports only new findings and lists the resolved ones (matched by rule and scope)', async () => {
    const baseline = {
      findings: [
        { rule: 'b-rule', severity: 'medium' as const, scope: 'site:Web' as const, message: 'old wording', fix: '', sources: [] },
        { rule: 'b-rule', severity: 'medium' as const, scope: 'pool:Fixed' as const, message: 'gone', fix: '', sources: [] },
      ],
    };
    const report = await withCase({ name: 'x' }, (snapshot) => runAudit(snapshot, { rules: [reporting('b-rule', ['site:Web', 'pool:New'])], baseline }));
    expect(report.findings.map((f) => f.scope)).toEqual(['pool:New']);
    expect(report.resolved?.map((f) => f.scope)).toEqual(['pool:Fixed']);
    expect(report.summary.medium).toBe(1);
  });

  it('turns a rule that throws into an error note instead of a silent pass', async () => {
    const broken = defineRule({ meta: meta('broken-rule'), check: () => { throw new Error('boom'); } });
    const report = await withCase({ name: 'x' }, (snapshot) => runAudit(snapshot, { rules: [broken, reporting('b-rule', ['server'])] }));
    expect(report.notes).toEqual([{ kind: 'error', rule: 'broken-rule', message: 'the rule failed: boom' }]);
    expect(report.summary.rules).toBe(1);
    expect(report.findings).toHaveLength(1);
  });
});

describe('evidence rules', () => {
  const seen: string[][] = [];
  const evidenceRule = defineRule({
    meta: { ...meta('evidence-rule', 'low'), evidence: { minDays: 14 } },
    check(snapshot: Snapshot) {
      seen.push(snapshot.evidence.sites.map((site) => site.site));
    },
  });
  const now = Date.parse('2025-03-31T12:00:00Z');
  const log = (date: string) =>
    `#Software: Usher 0.1.0\n#Version: 1.0\n#Date: ${date} 00:00:00\n#Fields: date time cs-method cs-uri-stem cs-username sc-status\n` +
    `${date} 10:00:00 GET /index.html - 200\n`;
  const twoSites = `
sites: [{ name: Web }, { name: Old, id: 2, bindings: ["http/127.0.0.1:8081:"], physicalPath: ./wwwroot, applicationPool: WebPool }]`;

  it('runs only over sites whose logs cover enough days, and names the others', async () => {
    seen.length = 0;
    const report = await withCase({
      name: 'x', config: twoSites, options: { evidenceDays: 30, now },
      files: { 'logs/W3SVC1/u_ex250329.log': log('2025-03-29'), 'logs/W3SVC2/u_ex250310.log': log('2025-03-10') },
    }, (snapshot) => runAudit(snapshot, { rules: [evidenceRule] }));
    expect(seen).toEqual([['Old']]);
    expect(report.notes).toEqual([{ kind: 'skipped', rule: 'evidence-rule', message: 'skipped for site Web: evidence covers 2.5 days, needs 14' }]);
  });

  it('says "skipped: evidence covers N days, needs M" rather than guessing when no site has enough', async () => {
    seen.length = 0;
    const report = await withCase({
      name: 'x', options: { evidenceDays: 30, now }, files: { 'logs/W3SVC1/u_ex250329.log': log('2025-03-29') },
    }, (snapshot) => runAudit(snapshot, { rules: [evidenceRule] }));
    expect(seen).toEqual([]);
    expect(report.notes).toEqual([{ kind: 'skipped', rule: 'evidence-rule', message: 'skipped: evidence covers 2.5 days, needs 14' }]);
    expect(report.summary.rules).toBe(0);
  });

  it('says so when no evidence was read at all, or the window is shorter than the rule needs', async () => {
    const notes = async (evidenceDays: number) =>
      (await withCase({ name: 'x', options: { evidenceDays, now } }, (snapshot) => runAudit(snapshot, { rules: [evidenceRule] }))).notes;
    expect(await notes(0)).toEqual([{ kind: 'skipped', rule: 'evidence-rule', message: 'skipped: no evidence was read (--evidence-days 0)' }]);
    expect(await notes(7)).toEqual([{ kind: 'skipped', rule: 'evidence-rule', message: 'skipped: the evidence window is 7 days, needs 14 (--evidence-days)' }]);
  });
});
