import { expect, it } from 'vitest';
import { runRule, type AuditNote } from '../engine.js';
import { EVIDENCE_OPTIONS, PRIVATE_FOLDER_CONFIG, privateFolderLogs } from '../fixtures/evidence-log.js';
import { testRule, withCase } from '../rule-tester.js';
import rule from './unused-grant.js';

const options = EVIDENCE_OPTIONS;

const logs = privateFolderLogs;
const config = PRIVATE_FOLDER_CONFIG;
const annReads = { daysAgo: 3, url: '/private/annual%20report.pdf', user: 'ann' };

testRule(rule, {
  fires: [
    {
      name: 'a group none of whose members used the folder in 20 days',
      config, options, files: logs(20, annReads),
      findings: [{
        scope: 'path:{{DIR}}/wwwroot/private', message: 'Editors:(OI)(CI)(M) on {{DIR}}/wwwroot/private: no successful request by Editors (members bob)',
        fix: 'usher acl remove {{DIR}}/wwwroot/private Editors --grants',
      }],
    },
    {
      name: 'refused requests and requests elsewhere do not count as use',
      config, options,
      files: logs(20, { ...annReads, status: 401 }, { daysAgo: 2, url: '/index.html', user: 'ann' }, { daysAgo: 1, url: '/private/annual%20report.pdf', user: 'bob' }),
      findings: [{ scope: 'path:{{DIR}}/wwwroot/private', message: /ann:\(OI\)\(CI\)\(RX\) on .*no successful request by ann reached anything under it in 20 days of Web's logs/ }],
    },
  ],
  passes: [
    {
      name: 'both used it (bob through his group, with a 304)',
      config, options, files: logs(20, annReads, { daysAgo: 10, url: '/private/', user: 'BOB', status: 304 }),
    },
    { name: 'too little evidence: 5 days (the rule is skipped)', config, options, files: logs(5) },
    { name: 'no evidence read at all', config, files: logs(20) },
    {
      name: 'grants to identities that are not request principals: IUSR and the pool',
      config: 'acl: { ./wwwroot/private: { aces: ["IUSR:(OI)(CI)(RX)", "IIS AppPool\\\\WebPool:(OI)(CI)(RX)"] } }',
      options, files: logs(20),
    },
    {
      name: 'a grant outside the content',
      config: 'identities: { users: [{ name: ann, rid: 1001, password: "{{HASH}}" }] }\nacl: { ./data: { aces: ["ann:(OI)(CI)(M)"] } }',
      options, files: { ...logs(20), 'data/x.db': 'x' },
    },
  ],
});

it('unused-grant says it was skipped, and why, when the logs cover too few days', async () => {
  const notes: AuditNote[] = [];
  const findings = await withCase({ name: 'short', config, options, files: logs(5) }, (snapshot) => runRule(snapshot, rule, notes).findings);
  expect(findings).toEqual([]);
  expect(notes).toEqual([{ kind: 'skipped', rule: 'unused-grant', message: 'skipped: evidence covers 5 days, needs 14' }]);
});
