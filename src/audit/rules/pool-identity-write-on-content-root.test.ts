import { testRule } from '../rule-tester.js';
import rule from './pool-identity-write-on-content-root.js';

const rootAces = (...aces: string[]) => `acl: { ./wwwroot: { aces: [${['SYSTEM:(OI)(CI)(F)', 'IUSR:(OI)(CI)(RX)', ...aces].map((ace) => `"${ace}"`).join(', ')}] } }`;
const files = { 'wwwroot/uploads/a.txt': 'a' };

testRule(rule, {
  fires: [
    {
      name: 'the pool may modify the site root and everything below',
      config: rootAces('IIS AppPool\\\\WebPool:(OI)(CI)(M)'),
      findings: [{
        scope: 'path:{{DIR}}/wwwroot', message: 'IIS AppPool\\WebPool:(OI)(CI)(M) on {{DIR}}/wwwroot lets the identity of pool WebPool write everywhere',
        fix: "usher acl grant {{DIR}}/wwwroot 'IIS AppPool\\WebPool:(OI)(CI)(RX)' --replace",
      }],
    },
    {
      name: 'IIS_IUSRS, in every pool token, may write files below the root',
      config: rootAces('IIS AppPool\\\\WebPool:(OI)(CI)(RX)', 'IIS_IUSRS:(OI)(W)'),
      findings: [{ scope: 'path:{{DIR}}/wwwroot', message: 'IIS_IUSRS:(OI)(W)', fix: 'usher acl remove {{DIR}}/wwwroot IIS_IUSRS --grants' }],
    },
    {
      name: 'inherited from above the root of an application, reported where it is set',
      config: `sites: [{ name: Web, applications: [{ path: /shop, physicalPath: ./wwwroot/shop, applicationPool: ShopPool }] }]
applicationPools: [{ name: ShopPool }]
acl: { ./wwwroot: { aces: ["SYSTEM:(OI)(CI)(F)", "IIS AppPool\\\\WebPool:(OI)(CI)(RX)", "IIS AppPool\\\\ShopPool:(OI)(CI)(M)"] } }`,
      files: { 'wwwroot/shop/index.html': 'shop' },
      findings: [{ scope: 'path:{{DIR}}/wwwroot', message: 'pool ShopPool write everywhere under {{DIR}}/wwwroot/shop' }],
    },
  ],
  passes: [
    { name: 'the base ACL: the pool reads', config: '' },
    { name: 'Modify on an upload folder only', config: 'acl: { ./wwwroot/uploads: { aces: ["IIS AppPool\\\\WebPool:(OI)(CI)(M)"] } }', files },
    { name: 'Modify on the root folder itself, without inheritance', config: rootAces('IIS AppPool\\\\WebPool:(OI)(CI)(RX)', 'IIS AppPool\\\\WebPool:(M)') },
    {
      name: 'IIS_IUSRS may write, but the pool leaves it out of its token',
      config: `applicationPools: [{ name: WebPool, manualGroupMembership: true }]\n${rootAces('IIS AppPool\\\\WebPool:(OI)(CI)(RX)', 'IIS_IUSRS:(OI)(W)')}`,
    },
    { name: 'another pool may write the root, not the one serving it', config: `applicationPools: [{ name: Other }]\n${rootAces('IIS AppPool\\\\Other:(OI)(CI)(M)')}` },
  ],
});
