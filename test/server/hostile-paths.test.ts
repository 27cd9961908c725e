import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startUsher } from './harness.js';

// The shared corpus of hostile request-targets (../shared/corpus/hostile-paths), run by its own
// runner against `usher serve --root` on its fixture. A user's clone has no ../shared; CI has it.
const CORPUS = resolve('..', 'shared', 'corpus', 'hostile-paths');
const present = existsSync(join(CORPUS, 'run.mjs'));
if (!present) console.log(`hostile-path corpus skipped: ${CORPUS} is absent (it ships beside the repository in CI)`);

describe.skipIf(!present)('the hostile-path corpus', () => {
  it('passes 100% against usher serve --root <fixture>/docroot', async () => {
    const work = mkdtempSync(join(tmpdir(), 'usher-hostile-'));
    try {
      const fixture = spawnSync(process.execPath, [join(CORPUS, 'run.mjs'), '--fixture', join(work, 'fixture')], { encoding: 'utf8' });
      expect(fixture.status, fixture.stderr).toBe(0);
      const usher = await startUsher(['serve', '--root', join(work, 'fixture', 'docroot'), '--listen', '127.0.0.1:0', '--state-dir', join(work, 'state')]);
      try {
        const run = spawnSync(process.execPath, [join(CORPUS, 'run.mjs'), '--base', usher.urls[0]!, '--cases', join(CORPUS, 'cases.tsv'), '--concurrency', '4'], {
          encoding: 'utf8', timeout: 120_000,
        });
        const last = run.stdout.trim().split('\n').at(-1);
        expect(last, run.stdout.slice(-4000)).toMatch(/^\d+ passed, 0 failed$/);
        expect(run.status).toBe(0);
      } finally {
        expect(await usher.stop()).toBe(0);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 180_000);
});
