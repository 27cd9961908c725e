import { testRule } from '../rule-tester.js';
import rule from './log-files-readable-by-non-admins.js';

const logs = { 'logs/W3SVC1/u_ex250101.log': '#Software: Usher\n' };
const aclAt = (path: string, ...aces: string[]) => `acl: { ${path}: { aces: [${aces.map((ace) => `"${ace}"`).join(', ')}] } }`;
const users = `identities:
  users: [{ name: ann, rid: 1001, password: "{{HASH}}" }]
  groups: [{ name: Auditors, rid: 1002, members: [ann] }, { name: Administrators, members: [Ops] }, { name: Ops, rid: 1003, members: [] }]`;

testRule(rule, {
  fires: [
    {
      name: 'IUSR may read the logs',
      config: aclAt('./logs', 'SYSTEM:(OI)(CI)(F)', 'IUSR:(OI)(CI)(R)'),
      files: logs,
      findings: [{
        scope: 'path:{{DIR}}/logs', message: 'IUSR:(OI)(CI)(R) on {{DIR}}/logs lets NT AUTHORITY\\IUSR, outside the admin set, read the logs of Web',
        fix: 'usher acl remove {{DIR}}/logs IUSR --grants',
      }],
    },
    {
      name: "a local group may read one site's folder",
      config: `${users}\n${aclAt('./logs/W3SVC1', 'Auditors:(OI)(CI)(RX)')}`,
      files: logs,
      findings: [{ scope: 'path:{{DIR}}/logs/W3SVC1', message: 'lets Auditors, outside the admin set' }],
    },
  ],
  passes: [
    { name: 'SYSTEM and Administrators', config: aclAt('./logs', 'SYSTEM:(OI)(CI)(F)', 'Administrators:(OI)(CI)(F)'), files: logs },
    { name: 'a group inside Administrators', config: `${users}\n${aclAt('./logs', 'Ops:(OI)(CI)(R)')}`, files: logs },
    { name: 'a web identity that may also write: the writable rule reports it', config: aclAt('./logs', 'IIS_IUSRS:(OI)(CI)(M)'), files: logs },
    { name: 'a read grant for files to come, in a log folder that holds none yet', config: aclAt('./logs', 'Users:(OI)(IO)(R)'), files: { 'logs/W3SVC1': { dir: true } } },
  ],
});
