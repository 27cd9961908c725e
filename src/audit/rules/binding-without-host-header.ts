import { defineRule, shellQuote, type BindingModel } from '../rule.js';

const withHost = (binding: BindingModel, host: string) =>
  `${binding.protocol}/${binding.address.includes(':') ? `[${binding.address}]` : binding.address}:${binding.port}:${host}`;

export default defineRule({
  meta: {
    id: 'binding-without-host-header',
    severity: 'medium',
    title: 'A binding answers for any host name',
    sources: ['CIS 1.2', 'STIG V-218748'],
    fix: "usher site set SITE --remove-binding 'http/*:80:' --add-binding 'http/*:80:www.example.com'",
    docs:
      'Fires for a binding that other machines can reach (on `*` or an address outside 127.0.0.0/8 and ::1) with an empty ' +
      'host, such as `http/*:80:`: the site answers whatever name a request carries, including the bare IP address that ' +
      'scanners sweep, and DNS rebinding lets a web page elsewhere talk to it under its own name. Binding host names makes ' +
      'each site answer only its own. Wildcard hosts (`*.example.com`) pass. Sites bound only to loopback, and loopback ' +
      'bindings of other sites, are exempt.',
  },
  check(snapshot, report) {
    for (const site of snapshot.sites) {
      if (site.loopbackOnly) continue;
      for (const binding of site.bindings) {
        if (binding.loopback || binding.host !== '') continue;
        const files = binding.tls ? ` --certificate ${shellQuote(binding.certificate ?? 'CERT')} --key ${shellQuote(binding.key ?? 'KEY')}` : '';
        report({
          scope: binding.scope,
          message: `${site.name}'s binding ${binding.text} has no host name: it answers requests for any name, the bare IP address included`,
          fix: `usher site set ${shellQuote(site.name)} --remove-binding ${shellQuote(binding.text)} --add-binding ${shellQuote(withHost(binding, 'HOST'))}${files} ` +
            '(HOST: the name the site is published under; one binding per name)',
        });
      }
    }
  },
});
