import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { formatSarif, RULES, runAudit, type AuditReport } from '../../src/audit/index.js';
import { withCase } from '../../src/audit/rule-tester.js';

// The schema ships in @microsoft/jest-sarif. It is draft-04, and one of its patterns is not valid
// under the `u` flag, hence ajv-draft-04 with unicodeRegExp off (issue 4).
const schema = JSON.parse(readFileSync('node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', 'utf8')) as object;
// Both packages are CommonJS with a `default` property; under NodeNext the class is that property.
const ajv = new AjvDraft04.default({ unicodeRegExp: false, allErrors: true, strict: false });
formats.default(ajv);
const validate = ajv.compile(schema);

function valid(text: string) {
  const ok = validate(JSON.parse(text));
  return ok ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/** A report with findings of several scopes, an excepted one and a note. */
async function richReport(): Promise<AuditReport> {
  return withCase({
    name: 'sarif',
    config: `
applicationPools: [{ name: WebPool, identity: LocalSystem }]
sites: [{ name: Web, bindings: ["http/*:80:www.example.test"] }]
locations:
  Web: { directoryBrowse: { enabled: true } }
  Web/private: { authentication: { anonymous: { enabled: false }, basic: { enabled: true } } }
audit: { exceptions: [{ rule: directory-browsing-enabled, scope: "site:Web", reason: "public mirror" }, { rule: sample-content-present, scope: "site:Gone", reason: "old" }] }`,
    files: { 'wwwroot/server.key': 'KEY', 'wwwroot/.usher-sample': 'sample', 'wwwroot/a b.bak': 'x' },
  }, (snapshot) => runAudit(snapshot, { rules: RULES }));
}

describe('--format sarif', () => {
  it('validates against the SARIF 2.1.0 schema, with every rule in tool.driver.rules', async () => {
    const report = await richReport();
    expect(report.findings.length).toBeGreaterThanOrEqual(4);
    expect(report.excepted).toHaveLength(1);
    const text = formatSarif(report, RULES, '0.1.0');
    expect(valid(text)).toEqual([]);
    const sarif = JSON.parse(text);
    const run = sarif.runs[0];
    expect(sarif.version).toBe('2.1.0');
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(RULES.map((rule) => rule.meta.id));
    expect(run.tool.driver.rules.find((rule: { id: string }) => rule.id === 'pool-identity-localsystem')).toMatchObject({
      shortDescription: { text: expect.any(String) }, fullDescription: { text: expect.any(String) }, help: { text: expect.any(String) },
      defaultConfiguration: { level: 'error' }, properties: { 'security-severity': '8.0', tags: expect.arrayContaining(['security']) },
    });
    const key = run.results.find((result: { ruleId: string }) => result.ruleId === 'vcs-or-secret-files-exposed');
    expect(key.level).toBe('error');
    expect(key.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^file:\/\/\/.*\/wwwroot\/server\.key$/);
    expect(key.locations[0].logicalLocations[0]).toMatchObject({ kind: 'path', fullyQualifiedName: expect.stringMatching(/^path:\//) });
    expect(run.results[key.ruleIndex] === undefined || run.tool.driver.rules[key.ruleIndex].id === key.ruleId).toBe(true);
    const excepted = run.results.find((result: { suppressions?: unknown }) => result.suppressions);
    expect(excepted.suppressions[0]).toEqual({ kind: 'external', status: 'accepted', justification: 'public mirror' });
    expect(run.invocations[0].toolExecutionNotifications.length).toBeGreaterThan(0);
  });

  it('marks new and resolved findings against a baseline, and still validates', async () => {
    const retired = { rule: 'pool-identity-localsystem', severity: 'high' as const, scope: 'pool:Retired' as const, message: 'm', fix: 'f', sources: [] };
    const baseline = { findings: [retired] };
    const compared = await withCase({ name: 'again', config: 'applicationPools: [{ name: WebPool, identity: LocalSystem }]' },
      (snapshot) => runAudit(snapshot, { rules: RULES, baseline }));
    const text = formatSarif(compared, RULES, '0.1.0');
    expect(valid(text)).toEqual([]);
    const states = JSON.parse(text).runs[0].results.map((result: { baselineState?: string }) => result.baselineState);
    expect(states).toContain('new');
    expect(states).toContain('absent');
  });
});
