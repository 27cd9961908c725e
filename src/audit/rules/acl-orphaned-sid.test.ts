import { testRule } from '../rule-tester.js';
import rule from './acl-orphaned-sid.js';

const aclAt = (path: string, ...aces: string[]) => `acl: { ${path}: { aces: [${aces.map((ace) => `"${ace}"`).join(', ')}] } }`;
const user = 'identities: { users: [{ name: editor, rid: 1001, password: "{{HASH}}" }] }';
const files = { 'wwwroot/data/a.json': '{}' };

testRule(rule, {
  fires: [
    {
      name: 'a deleted local user, still granted by SID',
      config: `${user}\n${aclAt('./wwwroot/data', 'editor:(OI)(CI)(M)', '*S-1-5-21-1000000001-1000000002-1000000003-1099:(OI)(CI)(M)')}`,
      files,
      findings: [{
        scope: 'path:{{DIR}}/wwwroot/data', message: 'S-1-5-21-1000000001-1000000002-1000000003-1099',
        fix: "usher acl remove {{DIR}}/wwwroot/data '*S-1-5-21-1000000001-1000000002-1000000003-1099'",
      }],
    },
    {
      name: "another machine's account, denied, on a file (icacls /save import)",
      config: aclAt('./wwwroot/index.html', 'IUSR:(RX)', '*S-1-5-21-9-8-7-500:(DENY)(W)'),
      findings: [{ scope: 'path:{{DIR}}/wwwroot/index.html', message: 'no principal has' }],
    },
  ],
  passes: [
    { name: 'the base ACL (names only)', config: '' },
    { name: 'a well-known principal written as a SID', config: aclAt('./wwwroot/data', '*S-1-5-17:(OI)(CI)(RX)'), files },
    { name: 'a local user that exists, written as its SID', config: `${user}\n${aclAt('./wwwroot/data', '*S-1-5-21-1000000001-1000000002-1000000003-1001:(OI)(CI)(M)')}`, files },
  ],
});
