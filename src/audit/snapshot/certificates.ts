import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { CertificateModel, ParsedCertificateModel } from './certificate-model.js';

/** Signature algorithm OIDs (RFC 3279, 4055, 5758, 8410) → name and digest. */
const SIGNATURE_ALGORITHMS: Readonly<Record<string, readonly [string, string | undefined]>> = {
  '1.2.840.113549.1.1.2': ['md2WithRSAEncryption', 'md2'],
  '1.2.840.113549.1.1.4': ['md5WithRSAEncryption', 'md5'],
  '1.2.840.113549.1.1.5': ['sha1WithRSAEncryption', 'sha1'],
  '1.3.14.3.2.29': ['sha1WithRSASignature', 'sha1'],
  '1.2.840.113549.1.1.10': ['RSASSA-PSS', undefined],
  '1.2.840.113549.1.1.11': ['sha256WithRSAEncryption', 'sha256'],
  '1.2.840.113549.1.1.12': ['sha384WithRSAEncryption', 'sha384'],
  '1.2.840.113549.1.1.13': ['sha512WithRSAEncryption', 'sha512'],
  '1.2.840.113549.1.1.14': ['sha224WithRSAEncryption', 'sha224'],
  '1.2.840.10045.4.1': ['ecdsa-with-SHA1', 'sha1'],
  '1.2.840.10045.4.3.1': ['ecdsa-with-SHA224', 'sha224'],
  '1.2.840.10045.4.3.2': ['ecdsa-with-SHA256', 'sha256'],
  '1.2.840.10045.4.3.3': ['ecdsa-with-SHA384', 'sha384'],
  '1.2.840.10045.4.3.4': ['ecdsa-with-SHA512', 'sha512'],
  '1.2.840.10040.4.3': ['dsa-with-sha1', 'sha1'],
  '2.16.840.1.101.3.4.3.2': ['dsa-with-sha256', 'sha256'],
  '1.3.101.112': ['Ed25519', undefined],
  '1.3.101.113': ['Ed448', undefined],
};

/** Sizes of the named curves Node reports, in bits. */
const CURVE_BITS: Readonly<Record<string, number>> = {
  prime192v1: 192, secp192r1: 192, secp224r1: 224, prime256v1: 256, secp256r1: 256, secp256k1: 256, secp384r1: 384, secp521r1: 521,
  brainpoolP256r1: 256, brainpoolP384r1: 384, brainpoolP512r1: 512,
};

/** One DER TLV: its tag and where its contents start and end. */
function tlv(der: Buffer, offset: number): { tag: number; start: number; end: number } {
  const tag = der[offset]!;
  let length = der[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + der[start + i]!;
    start += bytes;
  }
  if (start + length > der.length) throw new RangeError('truncated DER');
  return { tag, start, end: start + length };
}

function oidText(bytes: Buffer): string {
  const parts = [Math.floor(bytes[0]! / 40), bytes[0]! % 40];
  let value = 0;
  for (const byte of bytes.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/**
 * The outer signatureAlgorithm of a certificate (RFC 5280 §4.1.1.2): Certificate ::= SEQUENCE {
 * tbsCertificate, signatureAlgorithm AlgorithmIdentifier, signatureValue }. Node 20's
 * X509Certificate does not expose it, so it is read from the DER.
 */
export function signatureAlgorithmOid(der: Buffer): string {
  const certificate = tlv(der, 0);
  const tbs = tlv(der, certificate.start);
  const algorithm = tlv(der, tbs.end);
  const oid = tlv(der, algorithm.start);
  if (certificate.tag !== 0x30 || tbs.tag !== 0x30 || algorithm.tag !== 0x30 || oid.tag !== 0x06) throw new TypeError('not an X.509 certificate');
  return oidText(der.subarray(oid.start, oid.end));
}

/** `DNS:a.example, IP Address:192.0.2.1, DNS:"b,c"` → names and addresses (quoted entries are rare and kept whole). */
function subjectAltNames(text: string | undefined): { dnsNames: string[]; ipAddresses: string[] } {
  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  for (const entry of (text ?? '').split(/,\s*(?=[A-Za-z ]+:)/)) {
    const colon = entry.indexOf(':');
    const kind = entry.slice(0, colon).trim();
    const value = entry.slice(colon + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    if (kind === 'DNS') dnsNames.push(value);
    else if (kind === 'IP Address') ipAddresses.push(value);
  }
  return { dnsNames, ipAddresses };
}

/** Whether the certificate's subjectAltName answers for `host`: exact or wildcard DNS match, an IP entry, never the subject CN. */
function covers(certificate: X509Certificate, names: { dnsNames: readonly string[] }, host: string): boolean | undefined {
  if (host === '') return undefined;
  if (isIP(host) !== 0) return certificate.checkIP(host) !== undefined;
  // A wildcard binding answers every name below it: only the same wildcard in the certificate does too.
  if (host.startsWith('*.')) return names.dnsNames.includes(host);
  return certificate.checkHost(host, { subject: 'never' }) !== undefined;
}

function parse(path: string, pem: Buffer, host: string): ParsedCertificateModel {
  const certificate = new X509Certificate(pem);
  const oid = signatureAlgorithmOid(certificate.raw);
  const [signatureAlgorithm, signatureHash] = SIGNATURE_ALGORITHMS[oid] ?? [oid, undefined];
  const key = certificate.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const curve = details.namedCurve;
  const keyType = key.asymmetricKeyType ?? 'unknown';
  const keyBits = details.modulusLength
    ?? (curve !== undefined ? CURVE_BITS[curve] ?? (Number(/(\d{3})/.exec(curve)?.[1]) || undefined) : undefined)
    ?? (keyType === 'ed25519' ? 256 : keyType === 'ed448' ? 448 : undefined);
  const names = subjectAltNames(certificate.subjectAltName);
  return {
    parsed: true,
    path,
    subject: certificate.subject,
    issuer: certificate.issuer,
    notBefore: Date.parse(certificate.validFrom),
    notAfter: Date.parse(certificate.validTo),
    keyType,
    keyBits,
    curve,
    signatureAlgorithm,
    signatureHash,
    ...names,
    coversHost: covers(certificate, names, host),
  };
}

/**
 * Reads the leaf (first) certificate of an https binding's PEM file. Called once per binding while
 * the sites are built; a file several bindings share is read once (`cache`).
 */
export function readCertificate(
  binding: { readonly protocol: string; readonly certificate: string | undefined; readonly host: string },
  cache: Map<string, Buffer | Error> = new Map(),
): CertificateModel | undefined {
  const path = binding.certificate;
  if (binding.protocol !== 'https' || path === undefined) return undefined;
  let pem = cache.get(path);
  if (pem === undefined) {
    try {
      pem = readFileSync(path);
    } catch (error) {
      pem = error as Error;
    }
    cache.set(path, pem);
  }
  if (pem instanceof Error) {
    const code = (pem as NodeJS.ErrnoException).code;
    return { parsed: false, path, error: code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? pem.message})` };
  }
  try {
    return parse(path, pem, binding.host);
  } catch (error) {
    return { parsed: false, path, error: `not a PEM certificate Node can parse (${(error as Error).message})` };
  }
}
