import { testRule } from '../rule-tester.js';
import rule from './anonymous-identity-not-pool-identity.js';

testRule(rule, {
  fires: [
    {
      name: 'IUSR set at the site (usher init writes it)',
      findings: [{
        scope: 'site:Web', message: /^anonymous requests run as NT AUTHORITY\\IUSR \(set at site:Web\) at Web, not as the pool's own identity \(IIS AppPool\\WebPool\)/,
        fix: "usher auth set Web --identity ApplicationPoolIdentity; usher acl grant {{DIR}}/wwwroot 'IIS AppPool\\WebPool:(OI)(CI)(RX)'; usher acl remove {{DIR}}/wwwroot IUSR --grants",
      }],
    },
    {
      name: "Usher's default, inherited by two sites",
      config: `locations: { Web: { authentication: { anonymous: { identity: null } } } }
sites: [{ name: Shop, id: 2, bindings: ["http/127.0.0.1:8081:"], physicalPath: ./shop, applicationPool: WebPool }]`,
      files: { 'shop/index.html': 'x' },
      findings: [{
        scope: 'server', message: "set by Usher's default) at Web and Shop",
        fix: /^usher auth set Web --identity ApplicationPoolIdentity; usher auth set Shop --identity ApplicationPoolIdentity; usher acl grant .*\/wwwroot .*; usher acl grant .*\/shop 'IIS AppPool\\WebPool:\(OI\)\(CI\)\(RX\)'; usher acl remove .*\/shop IUSR --grants$/,
      }],
    },
    {
      name: 'a local user at one path, the pool elsewhere',
      config: `identities: { users: [{ name: anon, rid: 1001, password: "{{HASH}}" }] }
locations: { Web: { authentication: { anonymous: { identity: ApplicationPoolIdentity } } }, Web/x: { authentication: { anonymous: { identity: { user: anon } } } } }`,
      findings: [{ scope: 'location:Web/x', message: 'run as anon (set at location:Web/x) at Web/x', fix: 'usher auth set Web/x --identity ApplicationPoolIdentity; then grant IIS AppPool\\POOL read on the content and remove the anon grants' }],
    },
  ],
  passes: [
    { name: 'anonymous runs as the pool identity', config: 'locations: { Web: { authentication: { anonymous: { identity: ApplicationPoolIdentity } } } }' },
    { name: 'IUSR is set, but anonymous is off everywhere', config: 'locations: { Web: { authentication: { anonymous: { enabled: false }, basic: { enabled: true } } } }' },
  ],
});
