import { defineRule, listSome, shellQuote } from '../rule.js';

const TIMEOUTS = [
  { key: 'connectionTimeout', of: 'connectionTimeoutMs', what: 'idle keep-alive connections stay open' },
  { key: 'headersTimeout', of: 'headersTimeoutMs', what: 'a client may take forever to send its headers' },
  { key: 'requestTimeout', of: 'requestTimeoutMs', what: 'a client may take forever to send its request' },
] as const;

const DEFAULTS: Record<(typeof TIMEOUTS)[number]['key'], string> = { connectionTimeout: '120s', headersTimeout: '60s', requestTimeout: '300s' };

export default defineRule({
  meta: {
    id: 'connection-timeouts-unbounded',
    severity: 'low',
    title: 'Slow clients can hold connections forever',
    sources: ['STIG V-218819', 'STIG V-218763'],
    fix: 'Set finite limits.connectionTimeout, headersTimeout and requestTimeout on the site (defaults 120s, 60s, 300s)',
    docs:
      'Fires for a site that sets `limits.connectionTimeout`, `limits.headersTimeout` or `limits.requestTimeout` to 0, ' +
      'which turns the timeout off: a slow or idle client (Slowloris) keeps its connection, and enough of them exhaust ' +
      'the server. A socket shared by several sites takes the strictest of their limits, so a 0 on one site disables the ' +
      'timeout for every site on the same address and port. The catalogue\'s server-wide `http.*` timeouts are these ' +
      'per-site limits in Usher. Reported at the site, where the values are set.',
  },
  check(snapshot, report) {
    for (const site of snapshot.sites) {
      const off = TIMEOUTS.filter((timeout) => site.resolved.limits[timeout.of] === 0);
      if (off.length === 0) continue;
      const shared = snapshot.sites.filter((other) => other !== site && other.bindings.some((binding) =>
        site.bindings.some((mine) => mine.address === binding.address && mine.port === binding.port && mine.protocol === binding.protocol)));
      report({
        scope: site.scope,
        message: `site ${site.name} turns off ${listSome(off.map((timeout) => `limits.${timeout.key}`))} (0): ` +
          `${listSome(off.map((timeout) => timeout.what))}` +
          (shared.length > 0 ? `; ${listSome(shared.map((other) => other.name))} on the same address and port lose the timeout too` : ''),
        fix: `set limits: { ${off.map((timeout) => `${timeout.key}: ${DEFAULTS[timeout.key]}`).join(', ')} } on site ${shellQuote(site.name)} ` +
          'under sites: in the configuration',
      });
    }
  },
});
