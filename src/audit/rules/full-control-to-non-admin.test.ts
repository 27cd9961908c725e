import { testRule } from '../rule-tester.js';
import rule from './full-control-to-non-admin.js';

const aclAt = (path: string, ...aces: string[]) => `acl: { ${path}: { aces: [${aces.map((ace) => `"${ace}"`).join(', ')}] } }`;
const people = `identities:
  users: [{ name: editor, rid: 1001, password: "{{HASH}}" }, { name: root-ops, rid: 1002, password: "{{HASH}}", groups: [Administrators] }]
  groups: [{ name: Editors, rid: 1010, members: [editor] }]`;
const files = { 'wwwroot/data/a.json': '{}' };

testRule(rule, {
  fires: [
    {
      name: 'a local user holds Full control of a content folder',
      config: `${people}\n${aclAt('./wwwroot/data', 'editor:(OI)(CI)(F)')}`,
      files,
      findings: [{
        scope: 'path:{{DIR}}/wwwroot/data', message: 'editor:(OI)(CI)(F) on {{DIR}}/wwwroot/data gives editor, outside the admin set, control',
        fix: "usher acl grant {{DIR}}/wwwroot/data 'editor:(OI)(CI)(M)' --replace",
      }],
    },
    {
      name: 'a local group may take ownership of the configuration folder',
      config: `${people}\n${aclAt('.', 'Editors:(WO)')}`,
      findings: [{ scope: 'path:{{DIR}}', message: 'the configuration' }],
    },
    {
      name: 'GENERIC_ALL on one file',
      config: `${people}\n${aclAt('./wwwroot/index.html', 'editor:(GA)')}`,
      findings: [{ scope: 'path:{{DIR}}/wwwroot/index.html' }],
    },
  ],
  passes: [
    { name: 'the same user with Modify', config: `${people}\n${aclAt('./wwwroot/data', 'editor:(OI)(CI)(M)')}`, files },
    { name: 'a member of Administrators', config: `${people}\n${aclAt('./wwwroot/data', 'root-ops:(OI)(CI)(F)')}`, files },
    { name: 'a web identity (web-identity-full-control reports it)', config: aclAt('./wwwroot/data', 'IUSR:(OI)(CI)(F)'), files },
    { name: 'CREATOR OWNER, which stands for the creator', config: aclAt('./wwwroot/data', 'CREATOR OWNER:(OI)(CI)(IO)(F)'), files },
    { name: 'a deny of Full control', config: `${people}\n${aclAt('./wwwroot/data', 'editor:(OI)(CI)(DENY)(F)')}`, files },
  ],
});
