import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built binary, exactly as a user runs it; `npm test` builds it first. */
export const USHER = resolve('dist/cli/main.js');

export interface UsherRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runUsher(args: readonly string[], options: { cwd?: string; input?: string } = {}): UsherRun {
  const result = spawnSync(process.execPath, [USHER, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh `usher init` in a temporary folder. */
export function initSite(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'usher-cli-'));
  const init = runUsher(['init', dir]);
  if (init.status !== 0) throw new Error(`usher init failed: ${init.stderr}`);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
