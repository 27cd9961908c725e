import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'logging-disabled',
    severity: 'medium',
    title: 'A site keeps no request log',
    sources: ['STIG V-218739', 'STIG V-218786', 'CIS 5.2'],
    fix: 'In usher.yaml, remove logging.enabled: false from the site (or set it to true); usher site set has no option for it',
    docs:
      'Fires for a site with `logging.enabled: false`: its requests, sign-ins, refusals and attacks leave no trace, so ' +
      'nothing can be investigated afterwards and the evidence-based rules cannot judge it. Usher always logs to files in ' +
      'W3C format when logging is on (the catalogue\'s "no file target" case cannot happen), and the switch exists only per ' +
      'site, so the finding is the site\'s. Event Tracing for Windows, the other half of the STIG checks, has no Linux ' +
      'counterpart.',
  },
  check(snapshot, report) {
    for (const site of snapshot.sites) {
      if (site.logging.enabled) continue;
      report({
        scope: site.scope,
        message: `site ${site.name} keeps no request log (logging.enabled: false): requests, sign-ins and refusals leave no trace`,
        fix: `in usher.yaml, set sites[${site.name}].logging.enabled to true (or remove it: true is the default), then usher config check`,
      });
    }
  },
});
