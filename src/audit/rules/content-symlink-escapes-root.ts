import { defineRule, listSome, shellQuote, type FsObject, type SiteModel } from '../rule.js';

const within = (path: string, dir: string) => path === dir || path.startsWith(dir === '/' ? '/' : `${dir}/`);

/** The URL a content object is served at in `site`, with the application and the path below it (for `usher vdir add`). */
function urlOf(site: SiteModel, path: string): { url: string; app: string; below: string } | undefined {
  let best: { url: string; app: string; length: number } | undefined;
  for (const app of site.applications) {
    for (const vdir of app.virtualDirectories) {
      if (vdir.realPath === undefined || !within(path, vdir.realPath) || (best && vdir.realPath.length <= best.length)) continue;
      const rest = path.slice(vdir.realPath.length);
      best = { url: vdir.urlPath === '/' ? rest || '/' : `${vdir.urlPath}${rest}`, app: app.path, length: vdir.realPath.length };
    }
  }
  if (!best) return undefined;
  return { url: best.url, app: best.app, below: best.app === '/' ? best.url : best.url.slice(best.app.length) };
}

function fixFor(object: FsObject, sites: readonly SiteModel[]): string {
  const target = object.link!.resolved ?? object.link!.target;
  const site = sites.find((candidate) => object.sites.includes(candidate.name));
  const at = site && urlOf(site, object.path);
  const vdir = at && at.below !== '/' && site
    ? `usher vdir add ${shellQuote(site.name)} ${shellQuote(at.app)} ${shellQuote(at.below)} --path ${shellQuote(target)}`
    : undefined;
  return `remove the link (rm ${shellQuote(object.path)}), then ${vdir ? `serve the folder as a virtual directory: ${vdir}` : 'map the folder as a virtual directory'}, ` +
    'or put a copy of what it points to in the content';
}

export default defineRule({
  meta: {
    id: 'content-symlink-escapes-root',
    severity: 'low',
    title: 'A symlink in content points outside every content root',
    sources: ['own'],
    fix: 'Replace the link with a virtual directory (usher vdir add SITE APP PATH --path TARGET) or a copy',
    docs:
      'Fires for a symbolic link inside a site\'s content whose target (resolved, or as written when it dangles) lies ' +
      'outside every content root of the sites that serve it. Usher never follows a link out of the content: the ' +
      'request gets a 404, so the link is either dead weight or a trap: the day someone maps its target, or copies the ' +
      'tree with links followed, files outside the content are published and their ACLs were never reviewed as ' +
      'content. A link to another folder of the same site, including one of its virtual directories, passes. Reported ' +
      'once per link.',
  },
  check(snapshot, report) {
    for (const object of snapshot.files.objects) {
      if (object.kind !== 'symlink' || !object.link?.escapesRoots || !object.roles.includes('content')) continue;
      const { target, resolved } = object.link;
      const site = snapshot.sites.find((candidate) => object.sites.includes(candidate.name));
      const url = site && urlOf(site, object.path);
      report({
        scope: `path:${object.path}`,
        message: `${object.path}${url ? ` (${url.url} in ${site.name})` : ''} is a symlink to ${target}` +
          `${resolved === undefined ? ', which does not exist' : resolved !== target ? ` (${resolved})` : ''}, outside the content of ` +
          `${listSome(object.sites)}: Usher answers 404 for it, and anything that follows links would publish what lies there`,
        fix: fixFor(object, snapshot.sites),
      });
    }
  },
});
