import { testRule } from '../rule-tester.js';
import rule from './server-files-writable-by-non-admin.js';

const aclAt = (path: string, ...aces: string[]) => `${path}: { aces: [${aces.map((ace) => `"${ace}"`).join(', ')}] }`;
const users = `identities:
  users: [{ name: ops, rid: 1001, password: "{{HASH}}" }]
  groups: [{ name: Administrators, members: [WebAdmins] }, { name: WebAdmins, rid: 1002, members: [] }]`;

testRule(rule, {
  fires: [
    {
      name: 'Users may modify the configuration folder',
      config: `acl: { ${aclAt('.', 'Users:(OI)(CI)(M)')} }`,
      findings: [{
        scope: 'path:{{DIR}}', message: 'Users:(OI)(CI)(M) on {{DIR}} lets BUILTIN\\Users, outside the admin set, change the configuration or its folder',
        fix: 'usher acl remove {{DIR}} Users --grants',
      }],
    },
    {
      name: 'a local user may write usher.yaml',
      config: `${users}\nacl: { ${aclAt('./usher.yaml', 'ops:(W)')} }`,
      findings: [{ scope: 'path:{{DIR}}/usher.yaml', fix: 'usher acl remove {{DIR}}/usher.yaml ops --grants' }],
    },
    {
      name: 'the pool may delete history versions',
      config: `acl: { ${aclAt('./.usher-history', 'IIS AppPool\\\\WebPool:(OI)(D)')} }`,
      files: { '.usher-history/000001-20250101T100000.000Z-usher.yaml': 'sites: []\n' },
      findings: [{ scope: 'path:{{DIR}}/.usher-history', message: 'change the configuration history' }],
    },
  ],
  passes: [
    { name: 'administrators may write', config: `acl: { ${aclAt('.', 'SYSTEM:(OI)(CI)(F)', 'Administrators:(OI)(CI)(F)')} }` },
    { name: 'a group inside Administrators may write', config: `${users}\nacl: { ${aclAt('.', 'WebAdmins:(OI)(CI)(M)')} }` },
    { name: 'Users may only read', config: `acl: { ${aclAt('.', 'Users:(OI)(CI)(RX)')} }` },
    { name: 'a write grant in the content only', config: `${users}\nacl: { ${aclAt('./wwwroot/uploads', 'ops:(OI)(CI)(M)')} }`, files: { 'wwwroot/uploads/a.txt': 'a' } },
  ],
});
