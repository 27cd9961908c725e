import { defineRule, shellQuote } from '../rule.js';

/** The marker Usher's bundled demo carries at its root (demo/site/.usher-sample). */
const MARKER = '.usher-sample';

export default defineRule({
  meta: {
    id: 'sample-content-present',
    severity: 'high',
    title: 'Demo or sample content is deployed',
    sources: ['STIG V-218795'],
    fix: 'usher site remove SITE and delete the sample files (or point the site at your own content)',
    docs:
      'Fires for a site that serves Usher\'s bundled demo, or any folder a distribution marks as sample content with a ' +
      '`.usher-sample` file: in one of its content roots, anywhere below, or in a folder above a root (a site serving a ' +
      'part of the demo). Sample content is written to show features, not to be safe: the demo has a folder listing, a ' +
      'password-protected area with a published user name, and files placed to show what the server refuses. The page ' +
      '`usher init` writes is not sample content and carries no marker.',
  },
  check(snapshot, report) {
    for (const site of snapshot.sites) {
      const above = snapshot.files.roots.find((root) => root.sites.includes(site.name) && root.sampleMarker !== undefined)?.sampleMarker;
      const inside = above ?? snapshot.files.objects.find((object) => object.name === MARKER && object.kind === 'file' && object.sites.includes(site.name))?.path;
      if (inside === undefined) continue;
      report({
        scope: site.scope,
        message: `site ${site.name} serves sample content: ${inside} marks ${inside.slice(0, -MARKER.length - 1) || '/'} as Usher's bundled demo or a sample`,
        fix: `usher site remove ${shellQuote(site.name)}, and delete the sample folder (or point the site at your own content with usher site set ${shellQuote(site.name)} --path DIR)`,
      });
    }
  },
});
