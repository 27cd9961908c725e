import { defineRule, listSome, scope, type Scope, type SiteModel } from '../rule.js';

const within = (path: string, root: string) => path === root || path.startsWith(root === '/' ? '/' : `${root}/`);

export default defineRule({
  meta: {
    id: 'log-directory-inside-content',
    severity: 'high',
    title: 'Logs sit where the web server can serve them',
    sources: ['own', 'CIS 5.1'],
    fix: 'Move the log folder outside every content root: set server.logging.directory (or the site\'s logging.directory) in usher.yaml',
    docs:
      'Fires for a site that logs into a folder inside any site\'s content: the folder its `logging.directory` names, or ' +
      '`W3SVC<id>` under `server.logging.directory`. Logs record client addresses, user names, URLs and query strings; ' +
      'inside the content they are one URL away from being served, and a web identity that may write content may also ' +
      'rewrite the record of what it did. Reported where the folder is set: `site:NAME` for a site\'s own ' +
      '`logging.directory`, `server` for the server\'s folder, naming the sites that use it. Sites with logging disabled ' +
      'write nothing and do not count.',
  },
  check(snapshot, report) {
    const roots = snapshot.sites.flatMap((site) => site.contentRoots.map((root) => ({ root, site: site.name })));
    const byOrigin = new Map<Scope, { site: SiteModel; root: { root: string; site: string } }[]>();
    for (const site of snapshot.sites) {
      if (!site.logging.enabled) continue;
      const directory = site.logging.directory;
      const object = snapshot.files.byPath.get(directory);
      const root = roots.find((candidate) => within(directory, candidate.root))
        ?? (object?.roles.includes('content') ? { root: object.root ?? directory, site: object.sites[0] ?? site.name } : undefined);
      if (!root) continue;
      const own = snapshot.config.raw.sites?.find((raw) => raw.name === site.name)?.logging?.directory !== undefined;
      const origin = own ? scope.site(site.name) : scope.server();
      byOrigin.set(origin, [...(byOrigin.get(origin) ?? []), { site, root }]);
    }
    for (const [origin, found] of byOrigin) {
      const what = found.map(({ site, root }) => `${site.name}'s logs (${site.logging.directory}) lie in the content of ${root.site} (${root.root})`);
      report({
        scope: origin,
        message: `${listSome(what)}: anyone who can fetch content may be able to fetch the logs, and whoever may write content may rewrite them`,
        fix: origin === 'server'
          ? `in usher.yaml, set server.logging.directory to a folder outside every content root (e.g. /var/log/usher), then usher config check`
          : `in usher.yaml, set sites[${found[0]!.site.name}].logging.directory to a folder outside every content root ` +
            `(e.g. /var/log/usher/W3SVC${found[0]!.site.id}), then usher config check`,
      });
    }
  },
});
