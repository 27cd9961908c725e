import { w3cDate, w3cTime } from './time.js';

// Anything that could end a directive line early; matching control characters is the point.
// eslint-disable-next-line no-control-regex
const LINE_BREAKING = /[\x00-\x1f\x7f-\x9f\u2028\u2029]/g;

/**
 * The directive block that starts every log file, and starts again each time a writer opens one
 * (IIS does the same after a restart, so one file can hold several blocks; readers expect it).
 */
export function w3cHeader(software: string, fields: readonly string[], epochMs: number): string {
  // Directives are one line each: nothing in the configured software name may end one early.
  const name = software.replace(LINE_BREAKING, '');
  return [
    `#Software: ${name}`,
    '#Version: 1.0',
    `#Date: ${w3cDate(epochMs)} ${w3cTime(epochMs)}`,
    `#Fields: ${fields.join(' ')}`,
    '',
  ].join('\n');
}

/** A `#Remark` directive: how a writer says in the file itself that lines are missing. */
export function w3cRemark(text: string): string {
  return `#Remark: ${text.replace(LINE_BREAKING, ' ')}\n`;
}
