import { defineRule, locationTarget } from '../rule.js';

export default defineRule({
  meta: {
    id: 'directory-browsing-enabled',
    severity: 'medium',
    title: 'Folder listings are shown',
    sources: ['STIG V-218759', 'STIG V-218808', 'CIS 1.3'],
    fix: 'Set directoryBrowse: { enabled: false } in the location; for one intentional download folder, add an audit exception',
    docs:
      'Fires where `directoryBrowse.enabled` is true: a folder without a default document answers with a list of its files, ' +
      'so visitors find files nobody linked to, including the backups, exports and leftovers no page mentions. Reported ' +
      'once, where the setting is made (the site, or the location key); every location below that inherits it is covered ' +
      'by the same finding. A download folder meant to be browsed is a legitimate exception: record it in ' +
      '`audit.exceptions` with the reason.',
  },
  check(snapshot, report) {
    for (const location of snapshot.locations) {
      if (!location.settings.directoryBrowse.enabled) continue;
      const where = location.origins['directoryBrowse.enabled'];
      const key = locationTarget(where, location.site);
      report({
        scope: where,
        message: `directory browsing is enabled at ${key}: folders without a default document list their files to every visitor`,
        fix: `set directoryBrowse: { enabled: false } under locations '${key}' in the configuration, or, for a folder meant ` +
          `to be browsed, add to audit.exceptions: { rule: directory-browsing-enabled, scope: "${where}", reason: … }`,
      });
    }
  },
});
