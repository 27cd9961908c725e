import { testRule } from '../rule-tester.js';
import rule from './tls-legacy-protocol-enabled.js';

const files = { 'tls/c.pem': 'c', 'tls/k.pem': 'k' };
const https = (binding: string, minVersion?: string) =>
  `sites: [{ name: Web, bindings: ["http/127.0.0.1:8080:", { binding: "${binding}", certificate: ./tls/c.pem, key: ./tls/k.pem${minVersion ? `, minVersion: ${minVersion}` : ''} }] }]`;

testRule(rule, {
  fires: [
    {
      name: 'TLS 1.0 allowed on a public binding',
      config: https('https/*:443:www.example.test', 'TLSv1'),
      files,
      findings: [{
        scope: 'binding:Web https/*:443:www.example.test', message: 'accepts TLSv1 and later',
        fix: "usher site set Web --remove-binding 'https/*:443:www.example.test' --add-binding 'https/*:443:www.example.test' --certificate {{DIR}}/tls/c.pem --key {{DIR}}/tls/k.pem",
      }],
    },
    { name: 'TLS 1.1, on loopback too', config: https('https/127.0.0.1:8443:', 'TLSv1.1'), files, findings: [{ scope: 'binding:Web https/127.0.0.1:8443:' }] },
  ],
  passes: [
    { name: 'the default TLS 1.2', config: https('https/*:443:www.example.test'), files },
    { name: 'TLS 1.2 written out', config: https('https/*:443:www.example.test', 'TLSv1.2'), files },
    { name: 'TLS 1.3 only', config: https('https/*:443:www.example.test', 'TLSv1.3'), files },
  ],
});
