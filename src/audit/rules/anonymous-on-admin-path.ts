import { READ_FILE } from '../../acl/index.js';
import { defineRule, isSensitivePath, scope, SENSITIVE_SEGMENTS, shellQuote, type LocationModel, type SiteModel, type Snapshot } from '../rule.js';

const fold = (text: string) => text.toLowerCase();
/** IIS compares URL paths case-insensitively; `/` covers everything. */
const covers = (ancestor: string, path: string) => ancestor === '/' || fold(ancestor) === fold(path) || fold(path).startsWith(`${fold(ancestor)}/`);
const segments = (path: string) => (path === '/' ? 0 : path.split('/').length - 1);

interface Candidate {
  readonly site: string;
  readonly url: string;
  /** The location whose settings are in force at `url` (the deepest one covering it). */
  readonly location: LocationModel;
  readonly realPath: string | undefined;
  readonly isDirectory: boolean;
}

/** The URL paths a folder is served at: through the virtual directory that maps it, unless a deeper one shadows that URL. */
function urlsOf(site: SiteModel, path: string): string[] {
  const vdirs = site.applications.flatMap((app) => app.virtualDirectories);
  return vdirs.flatMap((vdir) => {
    const root = vdir.realPath;
    if (root === undefined || (path !== root && !path.startsWith(`${root}/`))) return [];
    const rest = path.slice(root.length);
    const url = vdir.urlPath === '/' ? rest || '/' : `${vdir.urlPath}${rest}`;
    const shadowed = vdirs.some((other) => other.urlPath.length > vdir.urlPath.length && covers(other.urlPath, url));
    return shadowed ? [] : [url];
  });
}

function deepestLocation(snapshot: Snapshot, site: string, url: string): LocationModel | undefined {
  return snapshot.locations
    .filter((location) => location.site === site && covers(location.path, url))
    .sort((a, b) => segments(b.path) - segments(a.path))[0];
}

/** Locations whose path names an admin area, and content folders with such a name, whether or not a `locations:` key names them. */
function candidates(snapshot: Snapshot): Candidate[] {
  const found = new Map<string, Candidate>();
  const add = (candidate: Candidate) => {
    const key = `${fold(candidate.site)}\u0000${fold(candidate.url)}`;
    if (!found.has(key)) found.set(key, candidate);
  };
  for (const location of snapshot.locations) {
    if (location.path === '/' || !isSensitivePath(location.path)) continue;
    add({ site: location.site, url: location.path, location, realPath: location.realPath, isDirectory: location.isDirectory });
  }
  for (const object of snapshot.files.objects) {
    if (object.kind !== 'directory' || !object.roles.includes('content') || !SENSITIVE_SEGMENTS.has(fold(object.name))) continue;
    for (const site of snapshot.sites.filter((candidate) => object.sites.includes(candidate.name))) {
      for (const url of urlsOf(site, object.path)) {
        const location = deepestLocation(snapshot, site.name, url);
        if (location) add({ site: site.name, url, location, realPath: object.path, isDirectory: true });
      }
    }
  }
  return [...found.values()];
}

export default defineRule({
  meta: {
    id: 'anonymous-on-admin-path',
    severity: 'high',
    title: 'An admin or management area is open to anonymous visitors',
    sources: ['CIS 2.2', 'MS-ACL'],
    fix: 'usher auth set SITE/PATH --anonymous off --basic on (over https), and allow only an admin group there',
    docs:
      'Fires for an admin area, a URL path with a segment such as `admin`, `manage`, `console`, `dashboard`, `setup`, ' +
      '`install`, `phpmyadmin` or `server-status`, whether a `locations:` key names it or it is just a folder of that name in ' +
      'the content, when anonymous authentication is enabled there, URL authorization lets anonymous requests through, and ' +
      '(if the path maps to something on disk) the anonymous identity may read it. Admin pages are the first thing ' +
      'scanners ask for; they belong behind a sign-in, for an admin group only. A path that maps to nothing still counts, ' +
      'since an application may answer it. Reported at the location of the admin path.',
  },
  check(snapshot, report) {
    for (const candidate of candidates(snapshot)) {
      const anonymous = candidate.location.anonymous;
      if (!anonymous?.allowedByUrlRules) continue;
      if (candidate.realPath !== undefined && !snapshot.access(candidate.realPath, candidate.isDirectory, anonymous.token, READ_FILE).allowed) continue;
      const target = `${candidate.site}${candidate.url}`;
      const segment = candidate.url.split('/').find((part) => SENSITIVE_SEGMENTS.has(fold(part)));
      const disk = candidate.realPath === undefined ? '' : ` and may read ${candidate.realPath}`;
      report({
        scope: scope.location(candidate.site, candidate.url),
        message: `${target} looks like an admin area (${segment}) and is open to anonymous visitors: anonymous authentication is on ` +
          `(${candidate.location.origins['authentication.anonymous.enabled']}), URL authorization lets them through, ` +
          `and they run as ${anonymous.principal.name}${disk}`,
        fix: `usher auth set ${shellQuote(target)} --anonymous off --basic on (serve it over https only), then keep it to an admin group: ` +
          `usher authz clear ${shellQuote(target)}; usher authz add ${shellQuote(target)} --allow --roles Administrators`,
      });
    }
  },
});
