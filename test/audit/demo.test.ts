import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUsher } from '../cli/run-usher.js';

// The bundled demo, configured the way scripts/start.mjs writes it on first start (the same
// substitutions into demo/usher.template.yaml), then audited with the built binary.
const TEMPLATE = readFileSync('demo/usher.template.yaml', 'utf8');
const HASH = '$scrypt$ln=10,r=8,p=1$YXVkaXQtdGVzdC1zYWx0$kkrGLonSloF1xKjiJNnDA+z7P1u5t58Jd2v0ExEzKqM';
let scratch: string;
let config: string;

interface Finding {
  rule: string;
  severity: string;
  scope: string;
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'usher-audit-demo-'));
  const dir = join(scratch, 'demo');
  mkdirSync(dir);
  config = join(dir, 'usher.yaml');
  const text = TEMPLATE
    .replaceAll('../../demo/site', relative(dir, resolve('demo/site')))
    .replace('{{PORT}}', '8080')
    .replace('{{MACHINE_SID}}', 'S-1-5-21-1000000001-1000000002-1000000003')
    .replace('{{DEMO_HASH}}', HASH);
  writeFileSync(config, text, { mode: 0o600 });
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('auditing the bundled demo', () => {
  it('uses the template start.mjs renders (guards against the two drifting apart)', () => {
    for (const placeholder of ['../../demo/site', '{{PORT}}', '{{MACHINE_SID}}', '{{DEMO_HASH}}']) expect(TEMPLATE).toContain(placeholder);
    expect(readFileSync('scripts/start.mjs', 'utf8')).toMatch(/replaceAll\('\.\.\/\.\.\/demo\/site', site\)/);
  });

  it('reports sample-content-present, and every other high finding is named on explain.html', () => {
    const run = runUsher(['-c', config, 'audit', '--format', 'json', '--fail-on', 'high']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'sample-content-present', severity: 'high', scope: 'site:Demo' }));
    const page = readFileSync('demo/site/explain.html', 'utf8');
    for (const finding of findings.filter((candidate) => candidate.severity === 'high')) {
      expect(page, `explain.html should name ${finding.rule}`).toContain(`<code>${finding.rule}</code>`);
    }
  });
});
