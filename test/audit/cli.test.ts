import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/audit/index.js';
import { useSite } from '../cli/run-usher.js';

// `usher audit` as a user runs it: the built binary over a fresh `usher init` folder.
const site = useSite();
const { usher } = site;

const edit = (from: string, to: string) => writeFileSync(join(site.dir, 'usher.yaml'), site.text().replace(from, to));
const browse = () => edit('directoryBrowse: { enabled: false }', 'directoryBrowse: { enabled: true }');
const json = (...args: string[]) => JSON.parse(usher('audit', '--format', 'json', ...args).stdout);

describe('usher audit', () => {
  it('finds only low-severity hardening in what usher init writes, so --fail-on high exits 0', () => {
    const run = usher('audit', '--fail-on', 'high');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // The evidence rules are skipped without logs, so they are not counted as checked.
    const evidenceRules = RULES.filter((rule) => rule.meta.evidence !== undefined).length;
    expect(run.stdout).toMatch(new RegExp(`^usher audit: 2 findings \\(0 high, 0 medium, 2 low\\), ${RULES.length - evidenceRules} rules checked, 0 excepted`));
    // Hardening below high: anonymous as IUSR (init sets it at the site), high-bit characters allowed (IIS's default).
    expect(json().findings.map((finding: { rule: string; scope: string }) => `${finding.rule} ${finding.scope}`)).toEqual([
      'anonymous-identity-not-pool-identity site:Default Web Site', 'request-filter-high-bit-allowed server',
    ]);
    expect(usher('audit', '--fail-on', 'medium').status).toBe(0);
  });

  it('exits 1 only when a finding at or above --fail-on exists, and 0 without --fail-on', () => {
    browse();
    expect(usher('audit', '--fail-on', 'medium').status).toBe(1);
    expect(usher('audit', '--fail-on', 'low').status).toBe(1);
    expect(usher('audit', '--fail-on', 'high').status).toBe(0);
    const text = usher('audit');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('MEDIUM (1)\n  directory-browsing-enabled  site:Default Web Site\n');
    expect(text.stdout).toMatch(/fix: set directoryBrowse: \{ enabled: false \} under locations 'Default Web Site'/);
  });

  it('prints DESIGN §7 JSON with --format json (or --json)', () => {
    browse();
    const report = json();
    expect(Object.keys(report)).toEqual(['findings', 'excepted', 'notes', 'summary']);
    expect(report.findings.filter((finding: { severity: string }) => finding.severity !== 'low')).toEqual([expect.objectContaining({
      rule: 'directory-browsing-enabled', severity: 'medium', scope: 'site:Default Web Site', fix: expect.any(String), sources: expect.any(Array),
    })]);
    expect(report.summary).toEqual({ high: 0, medium: 1, low: 2, rules: RULES.filter((rule) => rule.meta.evidence === undefined).length, excepted: 0 });
    expect(JSON.parse(usher('audit', '--json').stdout)).toEqual(report);
  });

  it('counts what audit.exceptions accepts as excepted, with its reason', () => {
    browse();
    writeFileSync(join(site.dir, 'usher.yaml'), `${site.text()}audit:\n  exceptions:\n    - { rule: directory-browsing-enabled, scope: "site:Default Web Site", reason: mirror }\n`);
    const report = json('--fail-on', 'medium');
    expect(report.findings.filter((finding: { severity: string }) => finding.severity !== 'low')).toEqual([]);
    expect(report.excepted).toEqual([expect.objectContaining({ rule: 'directory-browsing-enabled', reason: 'mirror' })]);
    expect(usher('audit', '--fail-on', 'medium').status).toBe(0);
  });

  it('writes the report with -o, and compares with it as a baseline: only new and resolved findings', () => {
    browse();
    const saved = usher('audit', '--format', 'json', '-o', 'audit.json');
    expect(saved.stdout).toMatch(/^usher audit: 3 findings .*report written to audit\.json\n$/);
    expect(JSON.parse(readFileSync(join(site.dir, 'audit.json'), 'utf8')).findings).toHaveLength(3);

    writeFileSync(join(site.dir, 'wwwroot', 'server.key'), 'PRIVATE KEY');
    const after = json('--baseline', 'audit.json');
    expect(after.findings.map((finding: { rule: string }) => finding.rule)).toEqual(['vcs-or-secret-files-exposed']);
    expect(after.resolved).toEqual([]);
    expect(after.findings[0].message).toContain('at http://127.0.0.1:8080/server.key');
    expect(usher('audit', '--baseline', 'audit.json', '--fail-on', 'high').status).toBe(1);

    edit('directoryBrowse: { enabled: true }', 'directoryBrowse: { enabled: false }');
    const fixed = usher('audit', '--baseline', 'audit.json');
    expect(fixed.stdout).toContain('RESOLVED since the baseline (1)\n  directory-browsing-enabled  site:Default Web Site');
  });

  it('writes one self-contained, escaped HTML page and SARIF with every rule', () => {
    writeFileSync(join(site.dir, 'wwwroot', '<b>x.key'), 'KEY');
    const html = usher('audit', '--format', 'html').stdout;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('&lt;b&gt;x.key');
    expect(html).not.toContain('<b>x.key');
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
    const sarif = JSON.parse(usher('audit', '--format', 'sarif').stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.rules).toHaveLength(RULES.length);
    expect(sarif.runs[0].results[0].ruleId).toBe('vcs-or-secret-files-exposed');
  });

  it.each([
    [['--format', 'xml'], /--format takes text, json, sarif, html, not 'xml'/],
    [['--fail-on', 'critical'], /--fail-on takes high, medium, low, not 'critical'/],
    [['--evidence-days', 'soon'], /--evidence-days takes a whole number/],
    [['--baseline', 'missing.json'], /cannot use missing\.json as a baseline \(ENOENT\)/],
    [['-c', 'nowhere.yaml'], /nowhere\.yaml does not exist/],
  ])('exits 2 with one actionable line for %j', (args, message) => {
    const run = usher('audit', ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('refuses a baseline that is not a saved report, with its error code under --json', () => {
    writeFileSync(join(site.dir, 'other.json'), '{"sites": []}');
    const run = usher('audit', '--json', '--baseline', 'other.json');
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout).error.code).toBe('USHER_ERR_AUDIT_BASELINE');
  });
});
