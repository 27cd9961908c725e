import { defineRule, listSome, plural, type ExposureResult } from '../rule.js';

const LEFTOVER = /\.(bak|old|orig|tmp|temp|backup|swp|java|jpp)$/i;

export default defineRule({
  meta: {
    id: 'backup-or-source-files-in-content',
    severity: 'medium',
    title: 'Backup copies or source files can be downloaded',
    sources: ['STIG V-218781', 'STIG V-218801'],
    fix: 'Delete them from the content folder, or deny their extensions with requestFiltering.fileExtensions.deny',
    docs:
      'Fires for a content root holding files an anonymous GET would be served whose names mark them as backups or ' +
      'leftovers (`*.bak`, `*.old`, `*.orig`, `*.tmp`, `*.temp`, `*.backup`, `*.swp`, `*~`, `Copy of *`) or as source ' +
      '(`*.java`, `*.jpp`). Such copies often hold code or settings the live file hides, and scanners ask for them by ' +
      'appending the usual suffixes to every URL they see. The server\'s own stages decide what is served, so files ' +
      'refused by request filtering or the ACLs pass. One finding per content root, listing the files and their URLs.',
  },
  check(snapshot, report) {
    const byRoot = new Map<string, ExposureResult[]>();
    for (const result of snapshot.exposure) {
      if (!result.reachable || !result.categories.some((category) => category === 'backup' || category === 'source')) continue;
      byRoot.set(result.root, [...(byRoot.get(result.root) ?? []), result]);
    }
    for (const [root, results] of byRoot) {
      const files = [...new Set(results.map((result) => `${result.path.slice(root.length + 1)} (${result.href ?? result.url})`))];
      // Only the suffixes that mark a leftover: denying `.html` because of `Copy of index.html` would take the site down.
      const extensions = [...new Set(results.map((result) => LEFTOVER.exec(result.path)?.[0]?.toLowerCase()).filter((ext) => ext !== undefined))];
      report({
        scope: `path:${root}`,
        message: `${plural(files.length, 'backup or source file')} in ${root} can be downloaded anonymously: ${listSome(files)}`,
        fix: `delete them${extensions.length > 0 ? `, or add ${extensions.join(', ')} to requestFiltering.fileExtensions.deny under locations '${results[0]!.site}'` : ''}`,
      });
    }
  },
});
