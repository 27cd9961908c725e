import { testRule } from '../rule-tester.js';
import rule from './log-files-writable-by-web-identities.js';

const logs = { 'logs/W3SVC1/u_ex250101.log': '#Software: Usher\n' };
const aclAt = (path: string, ...aces: string[]) => `acl: { ${path}: { aces: [${aces.map((ace) => `"${ace}"`).join(', ')}] } }`;

testRule(rule, {
  fires: [
    {
      name: 'IIS_IUSRS may modify the log folder',
      config: aclAt('./logs', 'IIS_IUSRS:(OI)(CI)(M)'),
      files: logs,
      findings: [{
        scope: 'path:{{DIR}}/logs', message: 'IIS_IUSRS:(OI)(CI)(M) on {{DIR}}/logs lets a web identity change or delete the logs of Web',
        fix: 'usher acl remove {{DIR}}/logs IIS_IUSRS --grants',
      }],
    },
    {
      name: "the pool may delete one site's log file",
      config: aclAt('./logs/W3SVC1/u_ex250101.log', 'IIS AppPool\\\\WebPool:(D)'),
      files: logs,
      findings: [{ scope: 'path:{{DIR}}/logs/W3SVC1/u_ex250101.log', fix: "usher acl remove {{DIR}}/logs/W3SVC1/u_ex250101.log 'IIS AppPool\\WebPool' --grants" }],
    },
  ],
  passes: [
    { name: 'administrators only', config: aclAt('./logs', 'SYSTEM:(OI)(CI)(F)', 'Administrators:(OI)(CI)(F)'), files: logs },
    { name: 'IUSR may read (log-files-readable-by-non-admins)', config: aclAt('./logs', 'IUSR:(OI)(CI)(R)'), files: logs },
    { name: 'a deny for writing', config: aclAt('./logs', 'Everyone:(OI)(CI)(DENY)(W)'), files: logs },
    { name: 'a write grant on a folder that holds no logs', config: aclAt('./data', 'IIS_IUSRS:(OI)(CI)(M)'), files: { ...logs, 'data/x.db': 'x' } },
    { name: 'a local user who is not a web identity', config: `identities: { users: [{ name: ops, rid: 1001, password: "{{HASH}}" }] }\n${aclAt('./logs', 'ops:(OI)(CI)(M)')}`, files: logs },
  ],
});
