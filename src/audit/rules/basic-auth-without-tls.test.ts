import { testRule } from '../rule-tester.js';
import rule from './basic-auth-without-tls.js';

const basic = 'locations: { Web/private: { authentication: { anonymous: { enabled: false }, basic: { enabled: true } } } }';
const bound = (...bindings: string[]) => `sites: [{ name: Web, bindings: [${bindings.map((b) => `"${b}"`).join(', ')}] }]`;

testRule(rule, {
  fires: [
    {
      name: 'basic on a location of a site bound to every address over http',
      config: `${bound('http/*:80:www.example.test')}\n${basic}`,
      findings: [{ scope: 'location:Web/private', message: 'http/*:80:www.example.test', fix: "usher site set Web --remove-binding 'http/*:80:www.example.test'" }],
    },
    {
      name: 'basic set at the site, reported once at the site',
      config: `${bound('http/192.0.2.10:8080:')}\nlocations: { Web: { authentication: { basic: { enabled: true } } }, Web/a: { directoryBrowse: { enabled: false } } }`,
      findings: [{ scope: 'site:Web' }],
    },
  ],
  passes: [
    { name: 'the same location on a loopback-only site', config: `${bound('http/127.0.0.1:8080:', 'http/[::1]:8080:')}\n${basic}` },
    { name: 'a public http binding without basic anywhere', config: bound('http/*:80:') },
    { name: 'the plain binding is on loopback, the public one is https', base: true, config: `
sites: [{ name: Web, bindings: ["http/127.0.0.1:8080:", { binding: "https/*:443:www.example.test", certificate: ./c.pem, key: ./k.pem }] }]
${basic}`, files: { 'c.pem': 'x', 'k.pem': 'x' } },
  ],
});
