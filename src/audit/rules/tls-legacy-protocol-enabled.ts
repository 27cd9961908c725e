import { defineRule, shellQuote } from '../rule.js';

const LEGACY: ReadonlySet<string> = new Set(['TLSv1', 'TLSv1.1']);

export default defineRule({
  meta: {
    id: 'tls-legacy-protocol-enabled',
    severity: 'high',
    title: 'TLS 1.0 or 1.1 is accepted',
    sources: ['CIS 7.2', 'CIS 7.3', 'CIS 7.4', 'CIS 7.5', 'CIS 7.6', 'STIG V-218821', 'STIG V-218822'],
    fix: 'Set minVersion: TLSv1.2 (or TLSv1.3) on the binding, e.g. by re-adding it: usher site set SITE --remove-binding B --add-binding B --certificate CERT --key KEY',
    docs:
      'Fires for every https binding whose `minVersion` is `TLSv1` or `TLSv1.1`. Both versions are deprecated (RFC 8996): ' +
      'they rest on SHA-1 and MD5 in the handshake and on CBC constructions with known attacks, and a client can be pushed ' +
      'down to them. Usher\'s default is TLS 1.2. SSL 2 and 3 cannot be enabled at all (Node\'s OpenSSL refuses them), and ' +
      'TLS 1.2 can only be disabled by requiring 1.3, which is fine; Usher has no server-wide TLS defaults, so the binding ' +
      'is where the value is set. Loopback bindings count too: the rule is about the protocol, not the exposure.',
  },
  check(snapshot, report) {
    for (const site of snapshot.sites) {
      for (const binding of site.bindings) {
        if (!binding.tls || !LEGACY.has(binding.minVersion)) continue;
        const files = binding.certificate !== undefined && binding.key !== undefined
          ? ` --certificate ${shellQuote(binding.certificate)} --key ${shellQuote(binding.key)}` : ' --certificate CERT --key KEY';
        report({
          scope: binding.scope,
          message: `${site.name}'s binding ${binding.text} accepts ${binding.minVersion} and later (minVersion: ${binding.minVersion}): ` +
            'clients can negotiate a deprecated protocol',
          fix: `usher site set ${shellQuote(site.name)} --remove-binding ${shellQuote(binding.text)} --add-binding ${shellQuote(binding.text)}${files} ` +
            '(re-added with its files, it takes the default minVersion TLSv1.2), or set minVersion: TLSv1.2 on it in usher.yaml',
        });
      }
    }
  },
});
