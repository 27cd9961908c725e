import { defineRule, listSome, shellQuote, type ParsedCertificateModel } from '../rule.js';

const DAY_MS = 86_400_000;
/** The catalogue's certExpiryDays default; Usher has no audit.thresholds setting to change it. */
const EXPIRY_DAYS = 30;
const WEAK_DIGESTS: ReadonlySet<string> = new Set(['md2', 'md5', 'sha1']);
const MIN_BITS: Readonly<Record<string, number>> = { rsa: 2048, 'rsa-pss': 2048, dsa: 2048, ec: 256 };

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function problemsOf(certificate: ParsedCertificateModel, host: string, now: number): string[] {
  const problems: string[] = [];
  if (certificate.notAfter <= now) problems.push(`expired on ${day(certificate.notAfter)}`);
  else if (certificate.notAfter - now < EXPIRY_DAYS * DAY_MS) {
    const days = Math.floor((certificate.notAfter - now) / DAY_MS);
    problems.push(`expires on ${day(certificate.notAfter)}, in ${days === 0 ? 'less than a day' : `${days} day${days === 1 ? '' : 's'}`}`);
  }
  if (certificate.notBefore > now) problems.push(`is not valid before ${day(certificate.notBefore)}`);
  const minimum = MIN_BITS[certificate.keyType];
  if (minimum !== undefined && certificate.keyBits !== undefined && certificate.keyBits < minimum) {
    problems.push(`has a ${certificate.keyBits}-bit ${certificate.keyType === 'ec' ? `EC key (${certificate.curve ?? 'curve'})` : certificate.keyType.toUpperCase() + ' key'}, ` +
      `less than ${minimum}`);
  }
  if (certificate.signatureHash !== undefined && WEAK_DIGESTS.has(certificate.signatureHash)) {
    problems.push(`is signed with ${certificate.signatureAlgorithm} (${certificate.signatureHash.toUpperCase()}, forgeable)`);
  }
  if (certificate.coversHost === false) {
    const names = [...certificate.dnsNames, ...certificate.ipAddresses];
    problems.push(`does not name ${host} (its subjectAltName lists ${names.length > 0 ? listSome(names) : 'no names'})`);
  }
  return problems;
}

export default defineRule({
  meta: {
    id: 'tls-certificate-weak-or-expiring',
    severity: 'medium',
    title: 'The certificate is expired, about to expire, weak or for another name',
    sources: ['STIG V-218767'],
    fix: 'Replace the certificate (RSA 2048+ or ECDSA P-256+, SHA-256 signature, naming the binding host in subjectAltName): usher site set SITE --remove-binding B --add-binding B --certificate NEW --key NEWKEY',
    docs:
      'Fires for an https binding whose certificate (the first one in its PEM file, as parsed when the audit ran) is ' +
      'expired or expires within 30 days, is not valid yet, has an RSA or DSA key under 2048 bits or an EC key under 256, ' +
      'is signed with SHA-1 or MD5, or whose subjectAltName does not cover the binding\'s host (the subject CN is not ' +
      'looked at, as browsers do not; a wildcard host needs the same wildcard name; a binding without a host has nothing to ' +
      'match). A file that cannot be read as a certificate counts too: the binding cannot serve TLS. The 30 days are fixed, ' +
      'since Usher has no `audit.thresholds` setting. Whether the chain leads to an approved CA is not judged: the audit ' +
      'has no trust store to judge it against.',
  },
  check(snapshot, report) {
    for (const site of snapshot.sites) {
      for (const binding of site.bindings) {
        const certificate = binding.parsedCertificate;
        if (!binding.tls || certificate === undefined) continue;
        const problems = certificate.parsed
          ? problemsOf(certificate, binding.host, snapshot.takenAt)
          : [`cannot be used: ${certificate.error}`];
        if (problems.length === 0) continue;
        report({
          scope: binding.scope,
          message: `the certificate of ${site.name}'s binding ${binding.text} (${certificate.path}${certificate.parsed ? `, ${certificate.subject.replace(/\n/g, ', ')}` : ''}) ` +
            `${problems.join('; it ')}`,
          fix: `replace ${certificate.path} and its key (RSA 2048+ or ECDSA P-256+, SHA-256, naming ${binding.host || 'the site\'s host names'}), ` +
            `or point the binding at new files: usher site set ${shellQuote(site.name)} --remove-binding ${shellQuote(binding.text)} ` +
            `--add-binding ${shellQuote(binding.text)} --certificate NEW.crt --key NEW.key`,
        });
      }
    }
  },
});
