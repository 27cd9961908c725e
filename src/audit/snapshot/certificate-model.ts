/**
 * The leaf certificate of an https binding, as the snapshot builder read it with
 * `crypto.X509Certificate`: dates, key, signature algorithm and names, so the TLS rules judge it
 * without touching the disk. Either `parsed: true` with the details, or `parsed: false` with why not.
 */
export type CertificateModel = ParsedCertificateModel | UnreadableCertificateModel;

export interface UnreadableCertificateModel {
  readonly parsed: false;
  /** The `certificate:` file of the binding (absolute). */
  readonly path: string;
  /** Why it could not be read or parsed (`no such file`, `not a PEM certificate` …). */
  readonly error: string;
}

export interface ParsedCertificateModel {
  readonly parsed: true;
  readonly path: string;
  /** As OpenSSL prints them, one `KEY=value` per line (`CN=www.example.test`). */
  readonly subject: string;
  readonly issuer: string;
  /** Validity, in ms since the epoch. */
  readonly notBefore: number;
  readonly notAfter: number;
  /** `rsa`, `rsa-pss`, `ec`, `ed25519`, `ed448`, `dsa` … (Node's asymmetricKeyType). */
  readonly keyType: string;
  /** RSA/DSA modulus length, or the EC curve's size; undefined when Node does not say. */
  readonly keyBits: number | undefined;
  /** The EC curve (`prime256v1`, `secp384r1` …). */
  readonly curve: string | undefined;
  /** The signature algorithm's name (`sha256WithRSAEncryption`), or its OID when it is not one we know. */
  readonly signatureAlgorithm: string;
  /** The digest it signs with (`sha1`, `sha256` …); undefined for Ed25519/Ed448, RSASSA-PSS and unknown algorithms. */
  readonly signatureHash: string | undefined;
  /** subjectAltName DNS names and IP addresses, lower-case. */
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
  /**
   * Whether the subjectAltName covers the binding's host (a wildcard host needs the same wildcard
   * name); undefined when the binding has no host (it answers any name, so there is nothing to match).
   */
  readonly coversHost: boolean | undefined;
}
