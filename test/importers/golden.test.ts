import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runUsher } from '../cli/run-usher.js';
import { maskMachineSid, useScratch, type ImportReport } from './import-harness.js';

/**
 * Golden tests (Caddy's adapter tests): each folder under golden/ holds a small IIS source
 * (applicationHost.config, and content with web.config files or icacls /save files), `case.json`
 * with the extra arguments, and the exact usher.yaml and warnings expected. UPDATE_GOLDEN=1
 * rewrites the expectations from the current output, for review in the diff.
 */
const GOLDEN = resolve('test/importers/golden');
const update = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(GOLDEN, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

interface Case {
  readonly description: string;
  readonly args: string[];
}

describe('usher import iis: golden cases', () => {
  const scratch = useScratch();

  it('has at least eight cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  for (const name of cases) {
    const source = join(GOLDEN, name);
    const spec = JSON.parse(readFileSync(join(source, 'case.json'), 'utf8')) as Case;
    it(`${name}: ${spec.description}`, () => {
      const dir = scratch.make(source);
      const result = runUsher(['import', 'iis', 'applicationHost.config', '-o', 'usher.yaml', '--json', ...spec.args], { cwd: dir });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const report = JSON.parse(result.stdout) as ImportReport;
      const yaml = maskMachineSid(readFileSync(join(dir, 'usher.yaml'), 'utf8'));
      const warnings = report.warnings.map((warning) => `${warning.file}:${warning.line}: ${warning.message}`).join('\n') + '\n';
      if (update || !existsSync(join(source, 'expected.yaml'))) {
        writeFileSync(join(source, 'expected.yaml'), yaml);
        writeFileSync(join(source, 'expected-warnings.txt'), warnings);
      }
      expect(yaml).toBe(readFileSync(join(source, 'expected.yaml'), 'utf8'));
      expect(warnings).toBe(readFileSync(join(source, 'expected-warnings.txt'), 'utf8'));
      // Whatever the import wrote, Usher itself accepts.
      const check = runUsher(['config', 'check', '--json'], { cwd: dir });
      expect(check.status, check.stderr).toBe(0);
      const config = parse(yaml) as { sites: { name: string }[]; applicationPools: { name: string }[] };
      expect(config.sites.map((site) => site.name)).toEqual(report.sites);
      expect(config.applicationPools.map((pool) => pool.name)).toEqual(report.pools);
    });
  }
});
