import { defineRule, type ExposureCategory } from '../rule.js';

const WHAT: Partial<Record<ExposureCategory, string>> = {
  vcs: 'repository metadata', secret: 'a key or credential file', config: 'server configuration', database: 'a database file',
};

/** The request-filtering setting that would refuse it: its extension, or its name as a hidden segment. */
function hide(path: string, kind: 'file' | 'directory'): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const extension = /^[^.].*(\.[A-Za-z0-9]+)$/.exec(name)?.[1];
  return kind === 'file' && extension
    ? `add ${extension} to requestFiltering.fileExtensions.deny`
    : `add ${name} to requestFiltering.hiddenSegments.add`;
}

export default defineRule({
  meta: {
    id: 'vcs-or-secret-files-exposed',
    severity: 'high',
    title: "Repository metadata, keys or Usher's own config are served to anonymous visitors",
    sources: ['own', 'STIG V-218781 (spirit)'],
    fix: 'Move it out of the content folder (or delete it), or hide it with requestFiltering.hiddenSegments; rotate any secret it held',
    docs:
      'Fires for every object in a site\'s content that an anonymous GET would actually be served and whose name is that of ' +
      'repository metadata (`.git/`, `.svn/`, `.hg/`), a secret (`.env`, `*.key`, `*.pem`, `*.pfx`, `*.p12`, `id_rsa`, ' +
      '`*.kdbx`, `.htpasswd`), server configuration (`web.config`, `usher.yaml` and copies of it) or a database file ' +
      '(`*.sqlite`, `*.db`, `*.mdf` …). The decision is the server\'s own: the audit runs request filtering, mapping, ' +
      'authentication, URL authorization and the ACL check for the URL, so a file kept out by the default hidden ' +
      'dot-segments, a denied extension or an ACL passes. A repository folder is one finding, exposed when any file in it ' +
      'is served. Anything exposed may already have been fetched: rotate the secrets it held.',
  },
  check(snapshot, report) {
    for (const result of snapshot.exposure) {
      const kinds = result.categories.filter((category) => WHAT[category] !== undefined);
      if (!result.reachable || kinds.length === 0) continue;
      report({
        scope: `path:${result.path}`,
        message: `${result.path} (${kinds.map((kind) => WHAT[kind]).join(', ')}) is served to anonymous visitors of ${result.site} ` +
          `at ${result.href ?? result.url}`,
        fix: `move ${result.path} out of ${result.root} (or delete it), or keep it from being served: ${hide(result.path, result.kind)} ` +
          `under locations '${result.site}'; then rotate any secret it held`,
      });
    }
  },
});
