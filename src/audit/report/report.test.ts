import { describe, expect, it } from 'vitest';
import type { AuditReport, Finding } from '../engine.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatText } from './text.js';

const finding = (rule: string, severity: Finding['severity'], message = `${rule} found`): Finding =>
  ({ rule, severity, scope: 'site:Web', message, fix: `fix ${rule}`, sources: ['own'] });

const report: AuditReport = {
  findings: [finding('a-high', 'high', 'line one\nline <two>'), finding('b-low', 'low')],
  excepted: [{ ...finding('c-medium', 'medium'), reason: 'accepted' }],
  notes: [{ kind: 'skipped', rule: 'unused-grant', message: 'skipped: evidence covers 3 days, needs 14' }],
  summary: { high: 1, medium: 0, low: 1, rules: 5, excepted: 1 },
  resolved: [finding('d-gone', 'medium')],
};

describe('the text report', () => {
  it('groups by severity with each fix, then resolved, excepted and notes', () => {
    expect(formatText(report)).toBe(`usher audit: 2 new findings (1 high, 0 medium, 1 low), 1 resolved, 5 rules checked, 1 excepted

HIGH (1) new since the baseline
  a-high  site:Web
    line one
    line <two>
    fix: fix a-high

LOW (1) new since the baseline
  b-low  site:Web
    b-low found
    fix: fix b-low

RESOLVED since the baseline (1)
  d-gone  site:Web

EXCEPTED by audit.exceptions (1)
  c-medium  site:Web  (medium): accepted

NOTES
  unused-grant: skipped: evidence covers 3 days, needs 14
`);
  });
});

describe('the JSON report', () => {
  it('has DESIGN §7\'s keys, plus notes and resolved', () => {
    expect(Object.keys(JSON.parse(formatJson(report)))).toEqual(['findings', 'excepted', 'notes', 'summary', 'resolved']);
    expect(Object.keys(JSON.parse(formatJson({ ...report, resolved: undefined })))).toEqual(['findings', 'excepted', 'notes', 'summary']);
  });
});

describe('the HTML report', () => {
  it('escapes what came from the configuration and loads nothing from outside', () => {
    const html = formatHtml({ ...report, findings: [finding('x', 'high', '<script>alert(1)</script> & "q"')] });
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;');
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/);
  });
});
