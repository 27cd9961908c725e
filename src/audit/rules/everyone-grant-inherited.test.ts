import { testRule } from '../rule-tester.js';
import rule from './everyone-grant-inherited.js';

/** The base root with inheritance enabled, and ACEs on the folder holding it (the case's folder). */
const above = (...aces: string[]) => `acl:
  ./wwwroot: { inheritance: null }
  .: { aces: [${aces.map((ace) => `"${ace}"`).join(', ')}] }`;

testRule(rule, {
  fires: [
    {
      name: 'Everyone reads the folder above the site root',
      config: above('Administrators:(OI)(CI)(F)', 'Everyone:(OI)(CI)(RX)'),
      findings: [{
        scope: 'path:{{DIR}}', message: 'Everyone:(OI)(CI)(RX) on {{DIR}}, outside the content, is inherited by {{DIR}}/wwwroot (Web)',
        fix: 'usher acl inheritance {{DIR}}/wwwroot disable',
      }],
    },
    {
      name: 'Users through a virtual directory mapped outside the site root',
      config: `sites: [{ name: Web, virtualDirectories: [{ path: /media, physicalPath: ./shared/media }] }]
acl:
  ./shared: { aces: ["Users:(OI)(CI)(R)"] }`,
      files: { 'shared/media/a.png': 'png' },
      findings: [{ scope: 'path:{{DIR}}/shared', message: 'inherited by {{DIR}}/shared/media (Web)' }],
    },
  ],
  passes: [
    { name: 'the site root does not inherit (the base ACL)', config: 'acl: { .: { aces: ["Everyone:(OI)(CI)(RX)"] } }' },
    { name: 'a named user above the root', config: `identities: { users: [{ name: editor, rid: 1001, password: "{{HASH}}" }] }\n${above('editor:(OI)(CI)(M)')}` },
    { name: 'Everyone above, but for this folder only (nothing inherits it)', config: above('Everyone:(RX)') },
    { name: 'a broad group set inside the content', config: 'acl: { ./wwwroot/pub: { aces: ["Everyone:(OI)(CI)(RX)"] } }', files: { 'wwwroot/pub/a.txt': 'a' } },
    { name: 'a deny for Everyone above', config: above('Everyone:(OI)(CI)(DENY)(W)') },
  ],
});
