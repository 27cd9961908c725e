/**
 * Where a command's words go. Data goes to stdout (as JSON with --json), one actionable error line
 * to stderr. Commands write through this so tests and `--json` stay consistent.
 */
export interface Output {
  readonly json: boolean;
  line(text?: string): void;
  data(value: unknown): void;
  warn(text: string): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    line: (text = '') => void process.stdout.write(`${text}\n`),
    data: (value) => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    warn: (text) => void process.stderr.write(`usher: warning: ${text}\n`),
  };
}

/** Left-aligned columns, the way `appcmd list` and `kubectl get` print. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const render = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [render(headers), ...rows.map(render)].join('\n');
}
