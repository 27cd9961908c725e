import { testRule } from '../rule-tester.js';
import rule from './unused-local-account.js';

const users = (bobGroups = '') => `identities:
  users: [{ name: bob, rid: 1001, password: "{{HASH}}"${bobGroups} }]
  groups: [{ name: Ops, rid: 1002, members: [] }]`;

const log = '#Software: Usher\n#Version: 1.0\n#Date: 2025-03-01 00:00:00\n#Fields: date time cs-method cs-uri-stem cs-username c-ip sc-status sc-substatus\n' +
  '2025-03-21 08:00:00 GET /private/a.pdf bob 10.0.0.2 200 0\n';

testRule(rule, {
  fires: [
    {
      name: 'a user nothing names',
      config: users(),
      findings: [{ scope: 'user:bob', message: 'local user bob is not used', fix: 'usher user remove bob' }],
    },
    {
      name: 'a user in a group nothing names, with an ACE for Users (every account is in it)',
      config: `${users(', groups: [Ops]')}\nacl: { ./wwwroot/pub: { aces: ["Users:(OI)(CI)(RX)"] } }`,
      files: { 'wwwroot/pub/a.txt': 'a' },
      findings: [{ scope: 'user:bob' }],
    },
    {
      name: 'logs that were read show no sign-in either',
      config: users(),
      options: { evidenceDays: 30, now: Date.parse('2025-03-31T00:00:00Z') },
      files: { 'logs/W3SVC1/u_ex250321.log': log.replace(' bob ', ' - ') },
      findings: [{ scope: 'user:bob', message: 'no request of the last 30 days in the logs was signed in as it' }],
    },
  ],
  passes: [
    { name: 'the identity of a pool', config: `${users()}\napplicationPools: [{ name: WebPool, identity: { user: bob } }]` },
    { name: 'named by an ACE', config: `${users()}\nacl: { ./wwwroot/private: { aces: ["bob:(OI)(CI)(RX)"] } }`, files: { 'wwwroot/private/a.txt': 'a' } },
    { name: 'in a group an ACE names', config: `${users(', groups: [Ops]')}\nacl: { ./wwwroot/private: { aces: ["Ops:(OI)(CI)(RX)"] } }`, files: { 'wwwroot/private/a.txt': 'a' } },
    { name: 'named by a deny URL rule', config: `${users()}\nlocations: { Web/private: { authorization: [{ access: deny, users: bob }] } }` },
    { name: 'let in by the default allow * where basic is on', config: `${users()}\nlocations: { Web/private: { authentication: { basic: { enabled: true } } } }` },
    {
      name: 'signed in, according to the logs',
      config: users(),
      options: { evidenceDays: 30, now: Date.parse('2025-03-31T00:00:00Z') },
      files: { 'logs/W3SVC1/u_ex250321.log': log },
    },
  ],
});
