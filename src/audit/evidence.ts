import type { PrincipalRef, SiteModel, Snapshot } from './snapshot/model.js';

/**
 * What the evidence rules share: how a logged request maps to the object it touched, and who it
 * ran as. Mapping follows the server's MapRequest (application by longest path, then its virtual
 * directory), so a rule judges the same object the access check did.
 */

/** `path` is `dir` or lies below it. */
export const within = (path: string, dir: string): boolean => path === dir || path.startsWith(dir === '/' ? '/' : `${dir}/`);

/** The canonical URL of a logged cs-uri-stem and the real path it maps to, or undefined when it cannot map. */
export function mapLoggedUrl(site: SiteModel, stem: string | undefined): { url: string; path: string } | undefined {
  if (stem === undefined) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(stem);
  } catch {
    return undefined;
  }
  const segments = decoded.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) return undefined;
  const url = `/${segments.join('/')}`;
  const lower = url.toLowerCase();
  const covers = (prefix: string) => prefix === '/' || lower === prefix.toLowerCase() || lower.startsWith(`${prefix.toLowerCase()}/`);
  const longest = <T>(items: readonly T[], path: (item: T) => string) =>
    items.filter((item) => covers(path(item))).sort((a, b) => path(b).length - path(a).length)[0];
  const app = longest(site.applications, (candidate) => candidate.path);
  const vdir = app && longest(app.virtualDirectories, (candidate) => candidate.urlPath);
  if (vdir?.realPath === undefined) return undefined;
  const rest = vdir.urlPath === '/' ? url : url.slice(vdir.urlPath.length);
  return { url, path: rest === '' || rest === '/' ? vdir.realPath : `${vdir.realPath}${rest}` };
}

/** A person or group that signs in: a local user or group outside the admin set, not a pool or anonymous identity, not a broad group. */
export function isRequestPrincipal(snapshot: Snapshot, principal: PrincipalRef): boolean {
  const { admins, webIdentities, broadGroups } = snapshot.identities;
  return (principal.kind === 'local-user' || principal.kind === 'local-group') &&
    !admins.has(principal.sid) && !webIdentities.has(principal.sid) && !broadGroups.has(principal.sid);
}

/** Lower-case names of the users whose sign-in token carries `sid` (the user, or a group it is in). */
export function usersActingAs(snapshot: Snapshot, sid: string): string[] {
  return snapshot.identities.users
    .filter((user) => user.token.sids.some((entry) => entry.sid === sid && !entry.denyOnly))
    .map((user) => user.name.toLowerCase());
}

/** `cs-username` without a `MACHINE\` prefix, lower-cased. */
export const loggedUser = (name: string | undefined): string | undefined => name?.slice(name.lastIndexOf('\\') + 1).toLowerCase();

/** Methods that change nothing. */
export const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PROPFIND']);
