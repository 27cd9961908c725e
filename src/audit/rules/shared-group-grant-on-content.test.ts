import { testRule } from '../rule-tester.js';
import rule from './shared-group-grant-on-content.js';

const aclAt = (path: string, ...aces: string[]) => `acl: { ${path}: { aces: [${aces.map((ace) => `"${ace}"`).join(', ')}] } }`;
const secondPool = 'applicationPools: [{ name: OtherPool }]';
const secondSite = 'sites: [{ name: Other, id: 2, bindings: ["http/127.0.0.1:8081:"], physicalPath: ./other, applicationPool: WebPool }]';
const files = { 'wwwroot/shared/a.css': 'a', 'other/index.html': 'o' };

testRule(rule, {
  fires: [
    {
      name: 'IIS_IUSRS reads a folder on a server with two pools',
      config: `${secondPool}\n${aclAt('./wwwroot/shared', 'IIS_IUSRS:(OI)(CI)(RX)')}`,
      files,
      findings: [{
        scope: 'path:{{DIR}}/wwwroot/shared', message: 'IIS_IUSRS:(OI)(CI)(RX) on {{DIR}}/wwwroot/shared (content of Web)',
        fix: "usher acl grant {{DIR}}/wwwroot/shared 'IIS AppPool\\WebPool:(OI)(CI)(RX)'; usher acl grant {{DIR}}/wwwroot/shared 'IUSR:(OI)(CI)(RX)'; usher acl remove {{DIR}}/wwwroot/shared IIS_IUSRS --grants",
      }],
    },
    {
      name: 'Users and Everyone on one file, two sites in one pool',
      config: `${secondSite}\n${aclAt('./wwwroot/index.html', 'Users:(R)', 'Everyone:(RX)')}`,
      files,
      findings: [{ scope: 'path:{{DIR}}/wwwroot/index.html', message: 'Users:(R) and Everyone:(RX)' }],
    },
  ],
  passes: [
    { name: 'the same grant with one site and one pool', config: aclAt('./wwwroot/shared', 'IIS_IUSRS:(OI)(CI)(RX)'), files },
    { name: "the site's own pool identity instead", config: `${secondPool}\n${aclAt('./wwwroot/shared', 'IIS AppPool\\\\WebPool:(OI)(CI)(RX)')}`, files },
    { name: 'a deny for a broad group', config: `${secondPool}\n${aclAt('./wwwroot/shared', 'Users:(OI)(CI)(DENY)(R)')}`, files },
    { name: 'a broad group outside every content tree', config: `${secondPool}\n${aclAt('./data', 'Users:(OI)(CI)(RX)')}`, files: { ...files, 'data/x.db': 'x' } },
    { name: 'a broad group that may only write (no read)', config: `${secondPool}\n${aclAt('./wwwroot/shared', 'Users:(OI)(CI)(WD)')}`, files },
  ],
});
