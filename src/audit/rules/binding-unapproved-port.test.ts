import { testRule } from '../rule-tester.js';
import rule from './binding-unapproved-port.js';

const bound = (...bindings: string[]) => `sites: [{ name: Web, bindings: [${bindings.join(', ')}] }]`;

testRule(rule, {
  fires: [
    {
      name: 'http on 8080 on every address',
      config: bound('"http/*:8080:www.example.test"'),
      findings: [{
        scope: 'binding:Web http/*:8080:www.example.test', message: 'listens on port 8080, outside the approved ports 80 and 443',
        fix: "usher site set Web --remove-binding 'http/*:8080:www.example.test' --add-binding 'http/*:80:www.example.test', or, if port 8080 is approved, add an audit exception for binding:Web http/*:8080:www.example.test",
      }],
    },
    {
      name: 'https on 8443 on a public address',
      config: bound('{ binding: "https/192.0.2.10:8443:www.example.test", certificate: ./c.pem, key: ./k.pem }'),
      files: { 'c.pem': 'c', 'k.pem': 'k' },
      findings: [{ scope: 'binding:Web https/192.0.2.10:8443:www.example.test', fix: '--add-binding https/192.0.2.10:443:www.example.test --certificate {{DIR}}/c.pem' }],
    },
  ],
  passes: [
    { name: 'a loopback binding on 8080 (usher init)', config: '' },
    { name: 'ports 80 and 443', config: bound('"http/*:80:www.example.test"', '{ binding: "https/*:443:www.example.test", certificate: ./c.pem, key: ./k.pem }'), files: { 'c.pem': 'c', 'k.pem': 'k' } },
    { name: 'a high port on IPv6 loopback', config: bound('"http/[::1]:9000:"') },
  ],
});
