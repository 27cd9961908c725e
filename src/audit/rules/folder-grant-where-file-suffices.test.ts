import { expect, it } from 'vitest';
import { runRule, type AuditNote } from '../engine.js';
import { EVIDENCE_OPTIONS, w3cLog, type Hit } from '../fixtures/evidence-log.js';
import { testRule, withCase } from '../rule-tester.js';
import rule from './folder-grant-where-file-suffices.js';

const options = EVIDENCE_OPTIONS;

const logs = (days: number, ...hits: Hit[]) => ({
  'logs/W3SVC1/u_ex250301.log': w3cLog(days, hits), 'wwwroot/data/counter.json': '{}', 'wwwroot/data/other.json': '{}',
});

const config = `
identities:
  users: [{ name: editor, rid: 1001, password: "{{HASH}}" }]
locations:
  Web/data: { authentication: { anonymous: { enabled: false }, basic: { enabled: true } } }
acl:
  ./wwwroot/data:
    aces: ["editor:(OI)(CI)(M)"]
`;
const put = { daysAgo: 3, url: '/data/counter.json', user: 'editor', method: 'PUT', status: 204 };

testRule(rule, {
  fires: [
    {
      name: 'every write in 20 days went to one file',
      config, options, files: logs(20, put, { ...put, daysAgo: 9 }, { ...put, daysAgo: 15, status: 200 }, { daysAgo: 1, url: '/data/other.json', user: 'editor' }),
      findings: [{
        scope: 'path:{{DIR}}/wwwroot/data',
        message: 'editor:(OI)(CI)(M) on {{DIR}}/wwwroot/data lets editor write any of the 2 files below it, but in 20 days of Web\'s logs its 3 writes changed {{DIR}}/wwwroot/data/counter.json alone',
        fix: "usher acl grant {{DIR}}/wwwroot/data/counter.json 'editor:(M)'; usher acl grant {{DIR}}/wwwroot/data 'editor:(OI)(CI)(RX)' --replace",
      }],
    },
    {
      name: 'Everyone may write the folder, and anonymous visitors only ever PATCH one file',
      config: 'acl: { ./wwwroot/data: { aces: ["Everyone:(OI)(CI)(M)"] } }',
      options, files: logs(20, { daysAgo: 4, url: '/data/counter.json', method: 'PATCH' }),
      findings: [{ scope: 'path:{{DIR}}/wwwroot/data', message: 'lets Everyone write any of the 2 files below it, but in 20 days of Web\'s logs its only write' }],
    },
  ],
  passes: [
    { name: 'writes to two different files', config, options, files: logs(20, put, { ...put, url: '/data/other.json' }) },
    { name: 'one of the writes created the file (201)', config, options, files: logs(20, put, { ...put, status: 201 }) },
    { name: 'a delete among the writes', config, options, files: logs(20, put, { ...put, method: 'DELETE' }) },
    { name: 'a POST, whose target file the log cannot tell', config, options, files: logs(20, put, { ...put, method: 'POST', url: '/data/' }) },
    { name: 'no writes at all, only reads', config, options, files: logs(20, { ...put, method: 'GET', status: 200 }) },
    {
      name: 'the folder holds only that file',
      config, options, files: { 'logs/W3SVC1/u_ex250301.log': w3cLog(20, [put]), 'wwwroot/data/counter.json': '{}' },
    },
    { name: 'a grant without object inheritance (folders only)', config: config.replace('(OI)(CI)(M)', '(CI)(M)'), options, files: logs(20, put) },
    {
      name: 'writes by somebody else, whose token does not carry the grant',
      config: config.replace('rid: 1001, password: "{{HASH}}" }', 'rid: 1001, password: "{{HASH}}" }, { name: ann, rid: 1002, password: "{{HASH}}" }'),
      options, files: logs(20, { ...put, user: 'ann' }),
    },
    { name: 'too little evidence: 5 days (the rule is skipped)', config, options, files: logs(5, put) },
  ],
});

it('folder-grant-where-file-suffices says it was skipped, and why, when the logs cover too few days', async () => {
  const notes: AuditNote[] = [];
  const findings = await withCase({ name: 'short', config, options, files: logs(5, put) }, (snapshot) => runRule(snapshot, rule, notes).findings);
  expect(findings).toEqual([]);
  expect(notes).toEqual([{ kind: 'skipped', rule: 'folder-grant-where-file-suffices', message: 'skipped: evidence covers 5 days, needs 14' }]);
});
