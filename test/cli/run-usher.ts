import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { parse } from 'yaml';

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

/** A fresh `usher init` site for each test of the file, with the helpers most tests want. */
export interface SiteUnderTest {
  readonly dir: string;
  usher(...args: string[]): UsherRun;
  /** usher.yaml as text. */
  text(): string;
  /** usher.yaml parsed; tests check it field by field. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  config(): any;
  /** `config history` messages, newest first. */
  history(): string[];
}

export function useSite(prepare?: (site: SiteUnderTest) => void): SiteUnderTest {
  let current: { dir: string; cleanup(): void } | undefined;
  const dir = () => {
    if (!current) throw new Error('useSite: the site exists only inside a test');
    return current.dir;
  };
  const site: SiteUnderTest = {
    get dir() {
      return dir();
    },
    usher: (...args) => runUsher(args, { cwd: dir() }),
    text: () => readFileSync(join(dir(), 'usher.yaml'), 'utf8'),
    config: () => parse(site.text()),
    history: () =>
      (JSON.parse(site.usher('config', 'history', '--json').stdout) as { versions: { message: string }[] }).versions.map((v) => v.message),
  };
  beforeEach(() => {
    current = initSite();
    prepare?.(site);
  });
  afterEach(() => current?.cleanup());
  return site;
}
