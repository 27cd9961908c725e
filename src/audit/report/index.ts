/** The report formats of `usher audit --format`. */
export { formatText, summaryLine } from './text.js';
export { formatJson } from './json.js';
export { formatSarif } from './sarif.js';
export { formatHtml, escapeHtml } from './html.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
