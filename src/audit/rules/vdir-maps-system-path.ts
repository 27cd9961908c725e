import { defineRule, scope, shellQuote, type ApplicationModel, type SiteModel, type Snapshot } from '../rule.js';

/** Folders that belong to the operating system (the catalogue's list; /lib* covers lib32, lib64, libx32). */
const SYSTEM_DIRS = ['/etc', '/usr', '/bin', '/sbin', '/boot', '/proc', '/sys', '/dev', '/root', '/run', '/var/lib', '/var/log'];

const within = (path: string, dir: string) => dir === '/' || path === dir || path.startsWith(`${dir}/`);

/** Why serving `path` exposes the system, or undefined. */
function systemProblem(path: string, snapshot: Snapshot): string | undefined {
  if (path === '/') return 'the whole file system (/)';
  const system = SYSTEM_DIRS.find((dir) => within(path, dir));
  if (system) return `${system}, an operating-system directory`;
  const lib = /^\/lib[^/]*(?=\/|$)/.exec(path);
  if (lib) return `${lib[0]}, an operating-system directory`;
  // A home folder itself (or /home) serves every dotfile in it; so does a dot-folder inside one.
  const home = /^\/home(?:\/[^/]+)?$/.exec(path) ?? /^\/home\/[^/]+\/\.[^/]+(?=\/|$)/.exec(path);
  if (home) return `${home[0]}, ${home[0].includes('/.') ? 'a hidden folder of a home directory' : 'a home directory with its dotfiles'}`;
  if (within(snapshot.config.dir, path)) return `a folder holding Usher's configuration (${snapshot.config.dir})`;
  const history = snapshot.server.historyDir;
  if (history !== undefined && within(history, path)) return `a folder holding Usher's configuration history (${history})`;
  return undefined;
}

/** The command that points this site root, application or virtual directory somewhere else. */
function fixFor(site: SiteModel, app: ApplicationModel, index: number, urlPath: string): string {
  const target = `/srv/www/${site.name.replace(/[^A-Za-z0-9._-]+/g, '-')}`;
  if (index === 0 && app.path === '/') return `usher site set ${shellQuote(site.name)} --path ${shellQuote(target)}`;
  if (index === 0) return `usher app set ${shellQuote(site.name)} ${shellQuote(app.path)} --path ${shellQuote(`${target}${app.path}`)}`;
  const below = app.path === '/' ? urlPath : urlPath.slice(app.path.length);
  return `usher vdir set ${shellQuote(site.name)} ${shellQuote(app.path)} ${shellQuote(below)} --path ${shellQuote(`${target}${urlPath}`)}`;
}

export default defineRule({
  meta: {
    id: 'vdir-maps-system-path',
    severity: 'high',
    title: 'A site or virtual directory exposes an OS directory',
    sources: ['CIS 1.1', 'own'],
    fix: 'Serve from a dedicated content folder (e.g. /srv/www/SITE): usher site set SITE --path DIR, usher app set … --path, usher vdir set … --path',
    docs:
      'Fires for a site root, application or virtual directory whose folder (as written, or after symlinks) is `/`, lies ' +
      'under `/etc`, `/usr`, `/bin`, `/sbin`, `/lib*`, `/boot`, `/proc`, `/sys`, `/dev`, `/root`, `/run`, `/var/lib` or ' +
      '`/var/log`, is `/home` or a home directory itself (or a hidden folder inside one), or contains Usher\'s own ' +
      'configuration or its history. Whatever the ACLs say today, one broad grant away the server publishes system ' +
      'files, credentials or its own configuration. A project folder below a home directory (`~/site/wwwroot`) does not ' +
      'count: only that folder is served. Reported at the location the folder is mapped to.',
  },
  check(snapshot, report) {
    for (const site of snapshot.sites) {
      for (const app of site.applications) {
        app.virtualDirectories.forEach((vdir, index) => {
          const paths = [...new Set([vdir.physicalPath, vdir.realPath].filter((path): path is string => path !== undefined))];
          const problem = paths.map((path) => ({ path, why: systemProblem(path, snapshot) })).find((candidate) => candidate.why);
          if (!problem) return;
          const what = index > 0 ? 'virtual directory' : app.path === '/' ? 'site root' : 'application';
          const shown = problem.path === vdir.physicalPath ? vdir.physicalPath : `${vdir.physicalPath} (really ${problem.path})`;
          report({
            scope: scope.location(site.name, vdir.urlPath),
            message: `the ${what} ${site.name}${vdir.urlPath === '/' ? '' : vdir.urlPath} serves ${shown}: that is ${problem.why}`,
            fix: `${fixFor(site, app, index, vdir.urlPath)} (a folder that holds only the site's content)`,
          });
        });
      }
    }
  },
});
