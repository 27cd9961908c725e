import { defineRule, shellQuote } from '../rule.js';

export default defineRule({
  meta: {
    id: 'site-without-https-binding',
    severity: 'medium',
    title: 'A site cannot be reached over TLS',
    sources: ['STIG V-218767', 'STIG V-218737'],
    fix: "usher site set SITE --add-binding 'https/*:443:HOST' --certificate CERT --key KEY",
    docs:
      'Fires for a site that other machines can reach (a binding on `*` or an address outside 127.0.0.0/8 and ::1) and that ' +
      'has no https binding at all: everything it serves, and every credential or cookie sent to it, crosses the network ' +
      'readable and alterable. Sites bound only to loopback addresses are exempt, as are sites without bindings. The ' +
      'catalogue\'s exception for TLS terminated upstream on a private address needs a `tlsTerminatedUpstream` setting ' +
      'Usher does not have; record such a site with an audit exception.',
  },
  check(snapshot, report) {
    for (const site of snapshot.sites) {
      if (site.loopbackOnly || site.bindings.some((binding) => binding.tls)) continue;
      const exposed = site.bindings.filter((binding) => !binding.loopback);
      const host = exposed.find((binding) => binding.host !== '')?.host ?? 'HOST';
      const address = exposed[0]!.address.includes(':') ? `[${exposed[0]!.address}]` : exposed[0]!.address;
      report({
        scope: site.scope,
        message: `site ${site.name} answers only plain HTTP (${exposed.map((binding) => binding.text).join(', ')}) to other machines, and has no https binding`,
        fix: `usher site set ${shellQuote(site.name)} --add-binding ${shellQuote(`https/${address}:443:${host}`)} --certificate CERT --key KEY`,
      });
    }
  },
});
