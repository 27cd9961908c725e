import { testRule } from '../rule-tester.js';
import rule from './binding-without-host-header.js';

const bound = (...bindings: string[]) => `sites: [{ name: Web, bindings: [${bindings.join(', ')}] }]`;
const files = { 'c.pem': 'c', 'k.pem': 'k' };

testRule(rule, {
  fires: [
    {
      name: 'http on every address, any host',
      config: bound('"http/*:80:"'),
      findings: [{ scope: 'binding:Web http/*:80:', message: 'answers requests for any name', fix: "usher site set Web --remove-binding 'http/*:80:' --add-binding 'http/*:80:HOST'" }],
    },
    {
      name: 'https on a public address, and loopback bindings beside it do not count',
      config: bound('"http/127.0.0.1:8080:"', '{ binding: "https/192.0.2.10:443:", certificate: ./c.pem, key: ./k.pem }'),
      files,
      findings: [{ scope: 'binding:Web https/192.0.2.10:443:', fix: '--remove-binding https/192.0.2.10:443: --add-binding https/192.0.2.10:443:HOST --certificate {{DIR}}/c.pem --key {{DIR}}/k.pem' }],
    },
  ],
  passes: [
    { name: 'a loopback-only site with no host (usher init)', config: '' },
    { name: 'a host name on the public binding', config: bound('"http/*:80:www.example.test"', '"http/127.0.0.1:8080:"') },
    { name: 'a wildcard host', config: bound('"http/*:80:*.example.test"') },
  ],
});
