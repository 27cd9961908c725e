import { testRule } from '../rule-tester.js';
import rule from './web-identity-full-control.js';

const aclAt = (path: string, ...aces: string[]) => `acl: { ${path}: { aces: [${aces.map((ace) => `"${ace}"`).join(', ')}] } }`;
const files = { 'wwwroot/data/a.json': '{}' };

testRule(rule, {
  fires: [
    {
      name: 'the pool identity holds Full control of a content folder',
      config: aclAt('./wwwroot/data', 'IIS AppPool\\\\WebPool:(OI)(CI)(F)'),
      files,
      findings: [{
        scope: 'path:{{DIR}}/wwwroot/data', message: 'IIS AppPool\\WebPool:(OI)(CI)(F)',
        fix: "usher acl grant {{DIR}}/wwwroot/data 'IIS AppPool\\WebPool:(OI)(CI)(M)' --replace",
      }],
    },
    {
      name: 'IUSR may change permissions of one file',
      config: aclAt('./wwwroot/index.html', 'IUSR:(WDAC)'),
      findings: [{ scope: 'path:{{DIR}}/wwwroot/index.html', message: 'IUSR:(WDAC)' }],
    },
    {
      name: 'Everyone owns the log folder',
      config: aclAt('./logs', 'Everyone:(OI)(CI)(F)'),
      files: { 'logs/W3SVC1/u_ex250101.log': '#Version: 1.0\n' },
      findings: [{ scope: 'path:{{DIR}}/logs', message: 'logs' }],
    },
  ],
  passes: [
    { name: 'the pool identity may modify, not control', config: aclAt('./wwwroot/data', 'IIS AppPool\\\\WebPool:(OI)(CI)(M)'), files },
    { name: 'Full control for a named admin group', config: aclAt('./wwwroot/data', 'Administrators:(OI)(CI)(F)'), files },
    {
      name: 'Full control for a local user that is no web identity',
      config: `identities: { users: [{ name: editor, rid: 1001, password: "{{HASH}}" }] }\n${aclAt('./wwwroot/data', 'editor:(OI)(CI)(F)')}`,
      files,
    },
  ],
});
