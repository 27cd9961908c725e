import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testRule } from '../rule-tester.js';
import rule from './tls-certificate-weak-or-expiring.js';

/** A self-signed certificate made by openssl, as PEM text. */
function certificate(key: string[], days: number, san: string, digest = '-sha256'): string {
  const dir = mkdtempSync(join(tmpdir(), 'usher-cert-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', ...key, digest, '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'),
      '-days', String(days), '-subj', '/CN=www.example.test', '-addext', `subjectAltName=${san}`,
    ], { stdio: 'ignore' });
    return readFileSync(join(dir, 'c.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const P256 = ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
const GOOD = certificate(P256, 365, 'DNS:www.example.test,DNS:example.test');
const RSA_2048 = certificate(['rsa:2048'], 365, 'DNS:www.example.test');
const RSA_1024_SHA1 = certificate(['rsa:1024'], 365, 'DNS:www.example.test', '-sha1');
const SHORT = certificate(P256, 10, 'DNS:www.example.test');
const FORTY_DAYS = certificate(P256, 40, 'DNS:www.example.test');
const OTHER_NAME = certificate(P256, 365, 'DNS:shop.example.test');
const WILDCARD = certificate(P256, 365, 'DNS:*.example.test');

const site = (binding: string) =>
  `sites: [{ name: Web, bindings: ["http/127.0.0.1:8080:", { binding: "${binding}", certificate: ./tls/c.pem, key: ./tls/k.pem }] }]`;
const files = (pem: string) => ({ 'tls/c.pem': pem, 'tls/k.pem': 'k' });
const BINDING = 'https/*:443:www.example.test';
const SCOPE = `binding:Web ${BINDING}`;

testRule(rule, {
  fires: [
    {
      name: 'RSA 1024 signed with SHA-1',
      config: site(BINDING),
      files: files(RSA_1024_SHA1),
      findings: [{
        scope: SCOPE, message: /\(.*\/tls\/c\.pem, CN=www\.example\.test\) has a 1024-bit RSA key, less than 2048; it is signed with sha1WithRSAEncryption \(SHA1, forgeable\)$/,
        fix: `usher site set Web --remove-binding '${BINDING}' --add-binding '${BINDING}' --certificate NEW.crt --key NEW.key`,
      }],
    },
    { name: 'expiring in 10 days', config: site(BINDING), files: files(SHORT), findings: [{ scope: SCOPE, message: /expires on \d{4}-\d\d-\d\d, in (9|10) days$/ }] },
    {
      name: 'expired (the audit runs a year and a half later)',
      config: site(BINDING),
      files: files(GOOD),
      options: { now: Date.now() + 550 * 86_400_000 },
      findings: [{ scope: SCOPE, message: /expired on \d{4}-\d\d-\d\d$/ }],
    },
    {
      name: 'for another name',
      config: site(BINDING),
      files: files(OTHER_NAME),
      findings: [{ scope: SCOPE, message: 'does not name www.example.test (its subjectAltName lists shop.example.test)' }],
    },
    {
      name: 'a wildcard binding needs a wildcard certificate',
      config: site('https/*:443:*.example.test'),
      files: files(GOOD),
      findings: [{ scope: 'binding:Web https/*:443:*.example.test', message: 'does not name *.example.test' }],
    },
    { name: 'a file that is not a certificate', config: site(BINDING), files: files('not a certificate'), findings: [{ scope: SCOPE, message: 'cannot be used: not a PEM certificate' }] },
  ],
  passes: [
    { name: 'ECDSA P-256, SHA-256, a year, the right name', config: site(BINDING), files: files(GOOD) },
    { name: 'RSA 2048', config: site(BINDING), files: files(RSA_2048) },
    { name: 'expiring in 40 days, more than the 30 the rule asks', config: site(BINDING), files: files(FORTY_DAYS) },
    { name: 'a binding without a host has no name to match', config: site('https/*:443:'), files: files(OTHER_NAME) },
    { name: 'a wildcard certificate covers one label below it', config: site('https/*:443:shop.example.test'), files: files(WILDCARD) },
    { name: 'http bindings have no certificate', config: '' },
  ],
});
