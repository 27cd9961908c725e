import { defineRule, locationTarget } from '../rule.js';

export default defineRule({
  meta: {
    id: 'detailed-errors-remote',
    severity: 'medium',
    title: 'Detailed error pages go to remote clients',
    sources: ['STIG V-218760', 'STIG V-218810', 'CIS 3.4', 'CIS 3.3'],
    fix: 'Set httpErrors: { errorMode: DetailedLocalOnly } (the default) or Custom in the location',
    docs:
      'Fires where `httpErrors.errorMode` is `Detailed`: every visitor, not only one on the server itself, gets the ' +
      'detailed error page, which names the real path on disk, the layer that refused and the setting to change, a map ' +
      'for an attacker. `DetailedLocalOnly` (the default) shows it to loopback clients only and `Custom` to nobody. ' +
      'Reported once, where the value is set; locations below that inherit it are covered by the same finding.',
  },
  check(snapshot, report) {
    for (const location of snapshot.locations) {
      if (location.settings.httpErrors.errorMode !== 'Detailed') continue;
      const where = location.origins['httpErrors.errorMode'];
      const key = locationTarget(where, location.site);
      report({
        scope: where,
        message: `httpErrors.errorMode is Detailed at ${key}: remote visitors see detailed error pages (real paths, the refusing layer, settings)`,
        fix: `set httpErrors: { errorMode: DetailedLocalOnly } (or Custom) under locations '${key}' in the configuration`,
      });
    }
  },
});
