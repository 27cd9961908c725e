import { testRule } from '../rule-tester.js';
import rule from './site-shares-app-pool.js';

const shop = (extra = '') => `sites: [{ name: Shop, id: 2, bindings: ["http/127.0.0.1:8081:"], physicalPath: ./shop${extra} }]`;

testRule(rule, {
  fires: [
    {
      name: 'a second site in the same pool',
      config: shop(', applicationPool: WebPool'),
      files: { 'shop/index.html': 'x' },
      findings: [{ scope: 'pool:WebPool', message: 'pool WebPool serves 2 sites, Web and Shop', fix: 'usher pool add ShopPool; usher site set Shop --pool ShopPool' }],
    },
    {
      name: "one application of another site in the site's pool",
      config: `applicationPools: [{ name: ShopPool }]\n${shop(', applicationPool: ShopPool, applications: [{ path: /api, physicalPath: ./api, applicationPool: WebPool }]')}`,
      files: { 'shop/index.html': 'x', 'api/index.html': 'x' },
      findings: [{ scope: 'pool:WebPool', message: '(Web and Shop/api)', fix: 'usher pool add ShopPool; usher app set Shop /api --pool ShopPool' }],
    },
  ],
  passes: [
    { name: 'two applications of one site share its pool', config: 'sites: [{ name: Web, applications: [{ path: /api, physicalPath: ./api }] }]', files: { 'api/index.html': 'x' } },
    { name: 'two sites, each in its own pool', config: `applicationPools: [{ name: ShopPool }]\n${shop(', applicationPool: ShopPool')}`, files: { 'shop/index.html': 'x' } },
  ],
});
