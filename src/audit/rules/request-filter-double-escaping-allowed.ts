import { defineRule, locationTarget } from '../rule.js';

export default defineRule({
  meta: {
    id: 'request-filter-double-escaping-allowed',
    severity: 'medium',
    title: 'Double-encoded URLs are accepted',
    sources: ['STIG V-218757', 'CIS 4.5'],
    fix: 'Set requestFiltering: { allowDoubleEscaping: false } in the location (the default); rename files whose names need it',
    docs:
      'Fires where `requestFiltering.allowDoubleEscaping` is true. With it off (the default) request filtering refuses a ' +
      'URL that still holds an escape after one decoding (`%252e` becomes `%2e`), answering 404.11, because anything that ' +
      'decodes it a second time would see a different path than the one filtering, hidden segments and URL authorization ' +
      'judged. Reported once, where the value is set; locations below that inherit it are covered by the same finding.',
  },
  check(snapshot, report) {
    for (const location of snapshot.locations) {
      if (!location.settings.requestFiltering.allowDoubleEscaping) continue;
      const where = location.origins['requestFiltering.allowDoubleEscaping'];
      const key = locationTarget(where, location.site);
      report({
        scope: where,
        message: `requestFiltering.allowDoubleEscaping is true at ${key}: URLs that still hold an escape after decoding ` +
          '(%252e, %255c) are accepted instead of refused with 404.11',
        fix: `set requestFiltering: { allowDoubleEscaping: false } under locations '${key}' in the configuration ` +
          '(file names with + or % are better renamed than served this way)',
      });
    }
  },
});
