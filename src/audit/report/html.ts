import type { AuditReport, Finding } from '../engine.js';
import { SEVERITIES } from '../rule.js';
import { summaryLine } from './text.js';

/**
 * One self-contained page: inline style, no script, no external resource, so it can be mailed or
 * attached to a ticket. Everything that came from the configuration or the disk is escaped.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);

const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:62rem;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
.finding{border-left:4px solid #888;padding:.4rem .8rem;margin:.8rem 0;background:#f7f7f7}
.high{border-color:#b00020}.medium{border-color:#c77700}.low{border-color:#3a6ea5}
.rule{font-weight:600}.scope{color:#444;font-family:ui-monospace,monospace;font-size:.9em}
pre{white-space:pre-wrap;margin:.3rem 0;font:inherit}code,.fix{font-family:ui-monospace,monospace;font-size:.9em}
table{border-collapse:collapse}td,th{text-align:left;padding:.2rem .6rem;border-bottom:1px solid #ddd}`;

function findingHtml(finding: Finding): string {
  return `<div class="finding ${finding.severity}">
<div><span class="rule">${escapeHtml(finding.rule)}</span> <span class="scope">${escapeHtml(finding.scope)}</span></div>
<pre>${escapeHtml(finding.message)}</pre>
<div>Fix: <span class="fix">${escapeHtml(finding.fix)}</span></div>
<div class="scope">${escapeHtml(finding.sources.join(', '))}</div>
</div>`;
}

function rows(items: readonly (readonly string[])[]): string {
  return items.map((cells) => `<tr>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
}

export function formatHtml(report: AuditReport, title = 'Usher audit'): string {
  const sections: string[] = [];
  for (const severity of SEVERITIES) {
    const group = report.findings.filter((finding) => finding.severity === severity);
    if (group.length > 0) sections.push(`<h2>${severity.toUpperCase()} (${group.length})</h2>\n${group.map(findingHtml).join('\n')}`);
  }
  if (report.resolved && report.resolved.length > 0) {
    sections.push(`<h2>Resolved since the baseline</h2>\n<table>${rows(report.resolved.map((f) => [f.rule, f.scope]))}</table>`);
  }
  if (report.excepted.length > 0) {
    sections.push(`<h2>Excepted by audit.exceptions</h2>\n<table><tr><th>rule</th><th>scope</th><th>reason</th></tr>\n${
      rows(report.excepted.map((f) => [f.rule, f.scope, f.reason]))}</table>`);
  }
  if (report.notes.length > 0) {
    sections.push(`<h2>Notes</h2>\n<ul>${report.notes.map((note) => `<li>${escapeHtml(`${note.rule ? `${note.rule}: ` : ''}${note.message}`)}</li>`).join('\n')}</ul>`);
  }
  if (sections.length === 0) sections.push('<p>Nothing to report.</p>');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(summaryLine(report))}</p>
${sections.join('\n')}
</body>
</html>
`;
}
