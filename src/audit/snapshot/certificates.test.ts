import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withCase } from '../rule-tester.js';
import { signatureAlgorithmOid } from './certificates.js';

/** A self-signed certificate made by openssl, as PEM text. */
function certificate(key: string[], days: number, san: string, digest = '-sha256'): string {
  const dir = mkdtempSync(join(tmpdir(), 'usher-cert-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', ...key, digest, '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'),
      '-days', String(days), '-subj', '/CN=test', '-addext', `subjectAltName=${san}`,
    ], { stdio: 'ignore' });
    return readFileSync(join(dir, 'c.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const RSA_1024_SHA1 = certificate(['rsa:1024'], 365, 'DNS:www.example.test', '-sha1');
const EC_P256 = certificate(['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 10, 'DNS:*.example.test,IP:192.0.2.1');

const https = (...bindings: [string, string][]) =>
  `sites: [{ name: Web, bindings: [${bindings.map(([binding, cert]) => `{ binding: "${binding}", certificate: ${cert}, key: ./k.pem }`).join(', ')}] }]`;

describe('the snapshot: certificates of https bindings', () => {
  it('reads expiry, key, signature algorithm and names with crypto.X509Certificate', async () => {
    const now = Date.now();
    const [weak, ec] = await withCase({
      name: 'x',
      config: https(['https/*:443:www.example.test', './weak.pem'], ['https/*:8443:shop.example.test', './ec.pem']),
      files: { 'weak.pem': RSA_1024_SHA1, 'ec.pem': EC_P256, 'k.pem': 'k' },
      options: { now },
    }, (snapshot) => snapshot.sites[0]!.bindings.map((binding) => binding.parsedCertificate));
    expect(weak).toMatchObject({
      parsed: true, keyType: 'rsa', keyBits: 1024, signatureAlgorithm: 'sha1WithRSAEncryption', signatureHash: 'sha1',
      dnsNames: ['www.example.test'], ipAddresses: [], coversHost: true,
    });
    expect(ec).toMatchObject({
      parsed: true, keyType: 'ec', keyBits: 256, curve: 'prime256v1', signatureAlgorithm: 'ecdsa-with-SHA256', signatureHash: 'sha256',
      dnsNames: ['*.example.test'], ipAddresses: ['192.0.2.1'], coversHost: true,
    });
    if (!ec?.parsed) throw new Error('unreachable');
    expect(ec.notAfter - now).toBeGreaterThan(9 * 86_400_000);
    expect(ec.notAfter - now).toBeLessThan(11 * 86_400_000);
  });

  it('matches the binding host against subjectAltName only: wildcards, IPs, and a wildcard host needs a wildcard name', async () => {
    const covered = await withCase({
      name: 'x',
      config: https(
        ['https/*:443:other.test', './weak.pem'], ['https/*:444:', './weak.pem'], ['https/*:445:192.0.2.1', './ec.pem'],
        ['https/*:446:*.example.test', './ec.pem'], ['https/*:447:*.example.test', './weak.pem'], ['https/*:448:a.b.example.test', './ec.pem'],
      ),
      files: { 'weak.pem': RSA_1024_SHA1, 'ec.pem': EC_P256, 'k.pem': 'k' },
    }, (snapshot) => snapshot.sites[0]!.bindings.map((binding) => binding.parsedCertificate?.parsed && binding.parsedCertificate.coversHost));
    expect(covered).toEqual([false, undefined, true, true, false, false]);
  });

  it('says why a certificate could not be read, and leaves http bindings alone', async () => {
    const found = await withCase({
      name: 'x',
      config: `sites: [{ name: Web, bindings: ["http/127.0.0.1:8080:", { binding: "https/*:443:", certificate: ./k.pem, key: ./k.pem }, { binding: "https/*:444:", certificate: ./none.pem, key: ./k.pem }] }]`,
      files: { 'k.pem': 'not a certificate' },
    }, (snapshot) => snapshot.sites[0]!.bindings.map((binding) => binding.parsedCertificate));
    expect(found[0]).toBeUndefined();
    expect(found[1]).toMatchObject({ parsed: false, error: expect.stringMatching(/^not a PEM certificate/) });
    expect(found[2]).toMatchObject({ parsed: false, error: 'no such file' });
  });

  it('reads the outer signature algorithm from the DER', () => {
    const der = Buffer.from(RSA_1024_SHA1.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    expect(signatureAlgorithmOid(der)).toBe('1.2.840.113549.1.1.5');
    expect(() => signatureAlgorithmOid(Buffer.from([0x30, 0x05, 0x01]))).toThrow();
  });
});
