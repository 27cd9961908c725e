import { expect, it } from 'vitest';
import { runRule, type AuditNote } from '../engine.js';
import { EVIDENCE_OPTIONS, PRIVATE_FOLDER_CONFIG, privateFolderLogs } from '../fixtures/evidence-log.js';
import { testRule, withCase } from '../rule-tester.js';
import rule from './grant-exceeds-observed-use.js';

const options = EVIDENCE_OPTIONS;

const logs = privateFolderLogs;
const config = PRIVATE_FOLDER_CONFIG;
const bobReads = { daysAgo: 3, url: '/private/annual%20report.pdf', user: 'bob' };

testRule(rule, {
  fires: [
    {
      name: 'a group allowed to modify whose member only read, in 20 days',
      config, options, files: logs(20, bobReads, { ...bobReads, daysAgo: 12, method: 'HEAD', status: 304 }, { daysAgo: 2, url: '/private/', user: 'bob', method: 'OPTIONS' }),
      findings: [{
        scope: 'path:{{DIR}}/wwwroot/private',
        message: 'Editors:(OI)(CI)(M) on {{DIR}}/wwwroot/private allows writing, but in 20 days of Web\'s logs all 3 successful requests by Editors under it only read (GET, HEAD, OPTIONS)',
        fix: "usher acl grant {{DIR}}/wwwroot/private 'Editors:(OI)(CI)(RX)' --replace",
      }],
    },
    {
      name: 'a refused write does not count as a use of the write right',
      config, options, files: logs(20, bobReads, { ...bobReads, method: 'PUT', status: 405 }),
      findings: [{ scope: 'path:{{DIR}}/wwwroot/private', message: 'the only successful request by Editors under it only read (GET)' }],
    },
  ],
  passes: [
    { name: 'a successful write (PUT, 204)', config, options, files: logs(20, bobReads, { ...bobReads, method: 'PUT', status: 204 }) },
    { name: 'no request at all (unused-grant reports that)', config, options, files: logs(20) },
    { name: 'a read-only grant, only read', config, options, files: logs(20, { ...bobReads, user: 'ann' }) },
    { name: 'too little evidence: 5 days (the rule is skipped)', config, options, files: logs(5, bobReads) },
    { name: 'reads somewhere else on the site', config, options, files: logs(20, { ...bobReads, url: '/index.html' }) },
  ],
});

it('grant-exceeds-observed-use says it was skipped, and why, when the logs cover too few days', async () => {
  const notes: AuditNote[] = [];
  const findings = await withCase({ name: 'short', config, options, files: logs(5, bobReads) }, (snapshot) => runRule(snapshot, rule, notes).findings);
  expect(findings).toEqual([]);
  expect(notes).toEqual([{ kind: 'skipped', rule: 'grant-exceeds-observed-use', message: 'skipped: evidence covers 5 days, needs 14' }]);
});
