import { defineRule, shellQuote } from '../rule.js';

/** The catalogue's allowedPorts default; Usher has no audit.thresholds setting to change it. */
const APPROVED_PORTS: ReadonlySet<number> = new Set([80, 443]);

export default defineRule({
  meta: {
    id: 'binding-unapproved-port',
    severity: 'low',
    title: 'A site listens on a port nobody approved',
    sources: ['STIG V-218766'],
    fix: 'Move the binding to port 80 (http) or 443 (https), or record the approval as an audit exception for the binding',
    docs:
      'Fires for a binding that other machines can reach (on `*` or an address outside 127.0.0.0/8 and ::1) on a port other ' +
      'than 80 and 443. STIG V-218766 asks that a web server use only the ports, protocols and services approved for it ' +
      '(PPSM); a site on 8080 or 8443 is easy to forget, outside the firewall rules and monitoring meant for the web tier. ' +
      'The approved list is fixed at 80 and 443, since Usher has no `audit.thresholds.allowedPorts` setting: approve ' +
      'another port with an audit exception for that binding\'s scope. Loopback bindings are exempt.',
  },
  check(snapshot, report) {
    for (const site of snapshot.sites) {
      for (const binding of site.bindings) {
        if (binding.loopback || APPROVED_PORTS.has(binding.port)) continue;
        const port = binding.tls ? 443 : 80;
        const moved = `${binding.protocol}/${binding.address.includes(':') ? `[${binding.address}]` : binding.address}:${port}:${binding.host}`;
        const files = binding.tls ? ` --certificate ${shellQuote(binding.certificate ?? 'CERT')} --key ${shellQuote(binding.key ?? 'KEY')}` : '';
        report({
          scope: binding.scope,
          message: `${site.name}'s binding ${binding.text} listens on port ${binding.port}, outside the approved ports 80 and 443`,
          fix: `usher site set ${shellQuote(site.name)} --remove-binding ${shellQuote(binding.text)} --add-binding ${shellQuote(moved)}${files}, ` +
            `or, if port ${binding.port} is approved, add an audit exception for ${binding.scope}`,
        });
      }
    }
  },
});
