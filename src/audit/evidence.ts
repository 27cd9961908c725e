import { byExplicitPath } from './explicit-aces.js';
import type { AppliedAce, PrincipalRef, SiteModel, Snapshot } from './snapshot/model.js';

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

/** A request from a site's W3C log, mapped to the real path it touched. */
export interface ObservedRequest {
  readonly user: string | undefined;
  readonly path: string | undefined;
  readonly method: string;
  /** 2xx or 3xx: the request was served. */
  readonly ok: boolean;
}

/** An explicit content grant to someone who signs in, with what the logs show of its use. */
export interface GrantUse {
  readonly ace: AppliedAce;
  /** Lower-case names of the users whose token carries the ACE's SID. */
  readonly users: readonly string[];
  /** Successful requests by those users for anything under the ACE's path. */
  readonly requests: readonly ObservedRequest[];
}

/** Grants at one path, reported together, with the sites whose logs judged them and the days those logs cover. */
export interface GrantUseAtPath {
  readonly path: string;
  readonly uses: readonly GrantUse[];
  readonly sites: readonly string[];
  readonly days: number;
}

/**
 * The evidence rules' common ground: every explicit allow ACE in a content tree for a person or
 * group that signs in (`isRequestPrincipal`) and that `wanted` accepts, judged only when every site
 * serving its path has evidence, with the successful requests its users made under it.
 */
export function observedGrantUse(snapshot: Snapshot, wanted: (ace: AppliedAce) => boolean): GrantUse[] {
  const evidence = new Map(snapshot.evidence.sites.map((site) => [site.site, site]));
  const served = new Map<string, ObservedRequest[]>();
  const servedAt = (site: SiteModel): ObservedRequest[] => {
    let list = served.get(site.name);
    if (!list) {
      list = (evidence.get(site.name)?.records ?? []).map((record) => ({
        user: loggedUser(record.username), path: mapLoggedUrl(site, record.uriStem)?.path, method: (record.method ?? '').toUpperCase(),
        ok: record.status !== undefined && record.status >= 200 && record.status < 400,
      }));
      served.set(site.name, list);
    }
    return list;
  };
  const uses: GrantUse[] = [];
  for (const applied of snapshot.files.applied) {
    if (applied.ace.type !== 'allow' || !isRequestPrincipal(snapshot, applied.principal) || !wanted(applied)) continue;
    if (!snapshot.files.byPath.get(applied.from)?.roles.includes('content')) continue;
    const sites = snapshot.sites.filter((site) => applied.sites.includes(site.name));
    if (sites.length === 0 || !sites.every((site) => evidence.has(site.name))) continue;
    const users = usersActingAs(snapshot, applied.ace.sid);
    const requests = sites.flatMap((site) => servedAt(site).filter((hit) =>
      hit.ok && hit.user !== undefined && users.includes(hit.user) && hit.path !== undefined && within(hit.path, applied.from)));
    uses.push({ ace: applied, users, requests });
  }
  return uses;
}

/** Findings are reported once per path: groups the uses by the ACE's path. */
export function grantUsesByPath(snapshot: Snapshot, uses: readonly GrantUse[]): GrantUseAtPath[] {
  const covered = new Map(snapshot.evidence.sites.map((site) => [site.site, site.coveredDays]));
  return [...byExplicitPath(uses, (use) => use.ace)].map(([path, atPath]) => {
    const sites = [...new Set(atPath.flatMap(({ ace }) => ace.sites))];
    return { path, uses: atPath, sites, days: Math.floor(Math.min(...sites.map((site) => covered.get(site)!))) };
  });
}
