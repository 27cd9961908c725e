import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { runUsher } from '../cli/run-usher.js';
import { useScratch, type ImportReport } from './import-harness.js';

/**
 * Every file of the shared corpus of real IIS configuration (../shared/corpus/iis-configs, read
 * through its index.tsv) either imports into a configuration that `usher config check` accepts,
 * with as many sites and pools as the source, or, when it is not applicationHost-style, is refused
 * with exit 2 and a message that says what it is. Never a crash. A clone without ../shared skips.
 */
const CORPUS = join(resolve('.'), '..', 'shared', 'corpus', 'iis-configs');
const present = existsSync(join(CORPUS, 'index.tsv'));
if (!present) console.log(`skipping the IIS corpus tests: ${CORPUS} does not exist (a clone without ../shared; CI has it)`);

const files = present
  ? readFileSync(join(CORPUS, 'index.tsv'), 'utf8').split('\n').slice(1).filter((line) => line.trim() !== '').map((line) => line.split('\t')[0]!)
  : [];

/** Sites and pools as the source has them, counted by a plain XML reading independent of the importer. */
function sourceCounts(file: string): { sites: number; pools: number } | undefined {
  const bytes = readFileSync(file);
  const text = bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8').replace(/^\uFEFF/, '');
  const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['site', 'add'].includes(name) }).parse(text) as Record<string, unknown>;
  const appHost = (parsed.configuration as Record<string, Record<string, unknown>> | undefined)?.['system.applicationHost'];
  const sites = appHost?.sites as { site?: unknown[] } | undefined;
  if (!sites) return undefined;
  const pools = appHost?.applicationPools as { add?: unknown[] } | undefined;
  return { sites: sites.site?.length ?? 0, pools: pools?.add?.length ?? 0 };
}

describe('usher import iis: the corpus of real IIS files', () => {
  const scratch = useScratch();

  it.skipIf(!present)('lists the files it covers', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  for (const name of files) {
    it.skipIf(!present)(name, () => {
      const dir = scratch.make();
      const source = join(CORPUS, name);
      const expected = sourceCounts(source);
      const result = runUsher(['import', 'iis', source, '-o', 'usher.yaml', '--json'], { cwd: dir });
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
      if (expected === undefined) {
        expect(result.status).toBe(2);
        expect(JSON.parse(result.stdout).error.code).toMatch(/^USHER_ERR_IMPORT_(NOT_APPHOST|XML)$/);
        expect(result.stderr).toMatch(/is (a web\.config|a Web Deploy manifest|a <location> fragment|an XML fragment with root <[^>]+>)/);
        return;
      }
      expect(result.status, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout) as ImportReport;
      expect({ sites: report.sites.length, pools: report.pools.length }).toEqual(expected);
      const check = runUsher(['config', 'check', '--json'], { cwd: dir });
      expect(check.status, check.stderr).toBe(0);
      expect(JSON.parse(check.stdout).valid).toBe(true);
    });
  }
});
