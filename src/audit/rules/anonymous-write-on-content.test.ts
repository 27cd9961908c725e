import { testRule } from '../rule-tester.js';
import rule from './anonymous-write-on-content.js';

const aclAt = (path: string, ...aces: string[]) => `acl: { ${path}: { aces: [${aces.map((ace) => `"${ace}"`).join(', ')}] } }`;
const files = { 'wwwroot/uploads/a.txt': 'a' };

testRule(rule, {
  fires: [
    {
      name: 'IUSR may modify an uploads folder',
      config: aclAt('./wwwroot/uploads', 'IUSR:(OI)(CI)(M)'),
      files,
      findings: [{ scope: 'path:{{DIR}}/wwwroot/uploads', message: 'IUSR:(OI)(CI)(M)', fix: "usher acl remove {{DIR}}/wwwroot/uploads IUSR --grants; usher acl grant {{DIR}}/wwwroot/uploads 'IUSR:(OI)(CI)(RX)'" }],
    },
    {
      name: 'Everyone may write, reaching anonymous as the pool identity too',
      config: `locations: { Web: { authentication: { anonymous: { identity: ApplicationPoolIdentity } } } }\n${aclAt('./wwwroot/uploads', 'Everyone:(OI)(CI)(W)')}`,
      files,
      findings: [{ scope: 'path:{{DIR}}/wwwroot/uploads', message: 'Everyone' }],
    },
    {
      name: 'Users (in every anonymous IUSR token) may delete one file',
      config: aclAt('./wwwroot/uploads/a.txt', 'Users:(D)'),
      files,
      findings: [{ scope: 'path:{{DIR}}/wwwroot/uploads/a.txt' }],
    },
  ],
  passes: [
    { name: 'IUSR may only read', config: aclAt('./wwwroot/uploads', 'IUSR:(OI)(CI)(RX)'), files },
    {
      name: 'the pool identity may write, and anonymous runs as the pool',
      config: `locations: { Web: { authentication: { anonymous: { identity: ApplicationPoolIdentity } } } }\n${aclAt('./wwwroot/uploads', 'IIS AppPool\\\\WebPool:(OI)(CI)(M)')}`,
      files,
    },
    {
      name: 'IUSR may write, but anonymous is disabled on the site',
      config: `locations: { Web: { authentication: { anonymous: { enabled: false }, basic: { enabled: true } } } }\n${aclAt('./wwwroot/uploads', 'IUSR:(OI)(CI)(M)')}`,
      files,
    },
    { name: 'a write ACE outside the content', config: aclAt('./data', 'IUSR:(OI)(CI)(M)'), files: { ...files, 'data/x.db': 'x' } },
    { name: 'an IUSR deny for writing', config: aclAt('./wwwroot/uploads', 'IUSR:(OI)(CI)(DENY)(W)'), files },
  ],
});
