import { testRule } from '../rule-tester.js';
import rule from './site-without-https-binding.js';

const bound = (...bindings: string[]) => `sites: [{ name: Web, bindings: [${bindings.join(', ')}] }]`;
const tls = '{ binding: "https/*:443:www.example.test", certificate: ./c.pem, key: ./k.pem }';
const files = { 'c.pem': 'c', 'k.pem': 'k' };

testRule(rule, {
  fires: [
    {
      name: 'a public site on plain http only',
      config: bound('"http/*:80:www.example.test"'),
      findings: [{
        scope: 'site:Web', message: 'answers only plain HTTP (http/*:80:www.example.test)',
        fix: "usher site set Web --add-binding 'https/*:443:www.example.test' --certificate CERT --key KEY",
      }],
    },
    {
      name: 'a site on one public address and loopback',
      config: bound('"http/127.0.0.1:8080:"', '"http/192.0.2.10:80:"'),
      findings: [{ scope: 'site:Web', message: '(http/192.0.2.10:80:)', fix: '--add-binding https/192.0.2.10:443:HOST --certificate CERT' }],
    },
  ],
  passes: [
    { name: 'a loopback-only site (usher init)', config: '' },
    { name: 'a loopback-only site on IPv4 and IPv6', config: bound('"http/127.0.0.1:8080:"', '"http/[::1]:8080:"') },
    { name: 'a public site that also has https', config: bound('"http/*:80:www.example.test"', tls), files },
    { name: 'a site without bindings', config: 'sites: [{ name: Web, bindings: [] }]' },
  ],
});
