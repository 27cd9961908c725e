import { defineRule, listSome, shellQuote } from '../rule.js';

export default defineRule({
  meta: {
    id: 'basic-auth-without-tls',
    severity: 'high',
    title: 'Passwords can travel over plain HTTP',
    sources: ['CIS 2.6', 'STIG V-218737', 'STIG V-218738'],
    fix: "Serve the site over https only: usher site set SITE --remove-binding 'http/…' (and add an https binding)",
    docs:
      'Fires where basic authentication is enabled on a site that has a plain-HTTP binding reachable from other machines: ' +
      'Basic sends the user name and password in every request, base64-encoded, readable by anyone on the path. Usher has ' +
      'no "require TLS" switch per location yet, so the plain binding itself is the problem; a redirect to HTTPS does not ' +
      'count, because a client may send its credentials with the first plain request. Sites bound only to loopback ' +
      'addresses are exempt, and so are plain bindings on loopback. Reported where `basic.enabled` is set.',
  },
  check(snapshot, report) {
    for (const site of snapshot.sites) {
      const plain = site.bindings.filter((binding) => !binding.tls && !binding.loopback);
      if (site.loopbackOnly || plain.length === 0) continue;
      for (const location of snapshot.locations) {
        if (location.site !== site.name || !location.settings.authentication.basic.enabled) continue;
        const where = location.origins['authentication.basic.enabled'];
        const bindings = plain.map((binding) => binding.text);
        report({
          scope: where,
          message: `basic authentication is enabled (${where}) and ${site.name} answers plain HTTP on ${listSome(bindings)}: ` +
            'user names and passwords cross the network readable',
          fix: plain.map((binding) => `usher site set ${shellQuote(site.name)} --remove-binding ${shellQuote(binding.text)}`).join('; ') +
            (site.bindings.some((binding) => binding.tls) ? '' : ` (add an https binding first: usher site set ${shellQuote(site.name)} --add-binding 'https/*:443:HOST' --certificate CERT --key KEY)`),
        });
      }
    }
  },
});
