import type { W3cRecord } from './evidence-model.js';

/**
 * Reads W3C extended log text as IIS and Usher write it (stages/logging): directive lines start
 * with `#`, `#Fields:` names the columns of the lines after it (a file may hold several header
 * blocks, one per writer start), values are separated by single spaces, `-` is empty.
 */
export interface ParsedLog {
  readonly records: W3cRecord[];
  /** `#Date:` directives, ms since the epoch: when a writer started, even if no request followed. */
  readonly starts: number[];
}

const DATE_DIRECTIVE = /^#Date:\s+(\d{4}-\d{2}-\d{2})\s+(\d{2}:\d{2}:\d{2})/;

function utc(date: string | undefined, time: string | undefined): number {
  if (date === undefined || time === undefined) return Number.NaN;
  return Date.parse(`${date}T${time}Z`);
}

const text = (value: string | undefined) => (value === undefined || value === '-' ? undefined : value);
const number = (value: string | undefined) => {
  const parsed = value === undefined || value === '-' ? Number.NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
};

/** Records at or after `since`; lines that do not parse (a torn last line) are skipped. */
export function parseW3cLog(content: string, since: number): ParsedLog {
  const records: W3cRecord[] = [];
  const starts: number[] = [];
  let fields: string[] = [];
  for (const line of content.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      if (line.startsWith('#Fields:')) fields = line.slice('#Fields:'.length).trim().split(/\s+/);
      const date = DATE_DIRECTIVE.exec(line);
      if (date) {
        const at = utc(date[1], date[2]);
        if (at >= since) starts.push(at);
      }
      continue;
    }
    const values = line.replace(/\r$/, '').split(' ');
    if (values.length !== fields.length) continue;
    const field = (name: string) => {
      const index = fields.indexOf(name);
      return index < 0 ? undefined : values[index];
    };
    const time = utc(field('date'), field('time'));
    if (!(time >= since)) continue;
    records.push({
      time,
      method: text(field('cs-method')),
      uriStem: text(field('cs-uri-stem')),
      uriQuery: text(field('cs-uri-query')),
      // IIS writes a space in a user name as `+`.
      username: text(field('cs-username'))?.replace(/\+/g, ' '),
      clientIp: text(field('c-ip')),
      status: number(field('sc-status')),
      substatus: number(field('sc-substatus')),
      win32: number(field('sc-win32-status')),
    });
  }
  return { records, starts };
}
