import { testRule } from '../rule-tester.js';
import rule from './server-secrets-readable-by-web-identities.js';

const aclAt = (path: string, ...aces: string[]) => `${path}: { aces: [${aces.map((ace) => `"${ace}"`).join(', ')}] }`;
const V1 = '.usher-history/000001-20250101T100000.000Z-usher.yaml';

testRule(rule, {
  fires: [
    {
      name: 'Users may read usher.yaml',
      config: `acl: { ${aclAt('./usher.yaml', 'Users:(R)')} }`,
      findings: [{
        scope: 'path:{{DIR}}/usher.yaml', message: 'Users:(R) on {{DIR}}/usher.yaml lets a web identity read the configuration (with the password hashes of local users): {{DIR}}/usher.yaml',
        fix: 'usher acl remove {{DIR}}/usher.yaml Users --grants',
      }],
    },
    {
      name: 'IIS_IUSRS read on the config folder reaches the file and its history',
      config: `acl: { ${aclAt('.', 'IIS_IUSRS:(OI)(CI)(RX)')} }`,
      files: { [V1]: 'sites: []\n' },
      findings: [{ scope: 'path:{{DIR}}', message: /read the configuration \(.*\) and its history in \.usher-history\/: .*\/usher\.yaml and .*000001-20250101T100000\.000Z-usher\.yaml$/ }],
    },
    {
      name: "the pool may read an https binding's private key",
      config: `sites: [{ name: Web, bindings: ["http/127.0.0.1:8080:", { binding: "https/127.0.0.1:8443:", certificate: ./tls/c.pem, key: ./tls/k.pem }] }]
acl: { ${aclAt('./tls', 'IIS AppPool\\\\WebPool:(OI)(R)')} }`,
      files: { 'tls/c.pem': 'c', 'tls/k.pem': 'k' },
      findings: [{ scope: 'path:{{DIR}}/tls', message: 'read a TLS private key: {{DIR}}/tls/k.pem' }],
    },
  ],
  passes: [
    { name: 'Administrators may read the folder and everything in it', config: `acl: { ${aclAt('.', 'Administrators:(OI)(CI)(F)')} }` },
    { name: 'IIS_IUSRS may list the config folder, not open its files', config: `acl: { ${aclAt('.', 'IIS_IUSRS:(CI)(RX)')} }` },
    { name: 'the pool may read the certificate, not the key', config: `sites: [{ name: Web, bindings: ["http/127.0.0.1:8080:", { binding: "https/127.0.0.1:8443:", certificate: ./tls/c.pem, key: ./k.pem }] }]
acl: { ${aclAt('./tls', 'IIS AppPool\\\\WebPool:(OI)(R)')} }`, files: { 'tls/c.pem': 'c', 'k.pem': 'k' } },
    { name: 'a local user who is not a web identity', config: `identities: { users: [{ name: ops, rid: 1001, password: "{{HASH}}" }] }\nacl: { ${aclAt('./usher.yaml', 'ops:(R)')} }` },
  ],
});
