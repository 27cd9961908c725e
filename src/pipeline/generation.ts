import { realpathSync } from 'node:fs';
import {
  accessCheck, effectiveAcl, type AccessCheckResult, type EffectiveAcl,
} from '../acl/index.js';
import {
  compileAclTable, directoryOf, effectiveLocation, locationCovers, parseLocationKey, withDefaults,
  type AclTable, type EffectiveLocation, type LoadedConfig, type ResolvedBinding, type ResolvedConfig, type ResolvedSite,
  type UsherConfig,
} from '../config/index.js';
import { anonymousIdentityToken, poolToken, userToken, type AnonymousIdentity, type Directory, type Token } from '../identity/index.js';
import { BoundedCache } from './bounded-cache.js';

/** A virtual directory: URL prefix → folder. `match` is the lower-cased path IIS compares with. */
export interface CompiledVirtualDirectory {
  readonly path: string;
  readonly match: string;
  readonly physicalPath: string;
}

export interface CompiledApplication {
  readonly path: string;
  readonly match: string;
  readonly pool: string;
  /** Longest path first, ending with the application's own root `/`. */
  readonly virtualDirectories: readonly CompiledVirtualDirectory[];
}

export interface CompiledSite {
  readonly name: string;
  readonly id: number;
  readonly resolved: ResolvedSite;
  /** Longest path first, ending with the root application `/`. */
  readonly applications: readonly CompiledApplication[];
  /** Real paths of the folders this site serves; a request's real path must lie inside one of them. */
  readonly contentRoots: readonly string[];
  /** Configured folders that do not exist: the site serves nothing from them (and says so at start). */
  readonly missingRoots: readonly string[];
  /** The location settings in force at a canonical URL path. */
  settingsAt(path: string): EffectiveLocation;
}

/** A token with a key that identifies it within one generation, for caching access decisions. */
export interface KeyedToken {
  readonly key: string;
  readonly token: Token;
}

/**
 * One configuration, compiled for serving: everything a request needs is a lookup here. A new
 * generation replaces the old one atomically on reload; requests in flight keep the one they began with.
 */
export interface Generation {
  readonly id: number;
  readonly file: string | undefined;
  readonly config: UsherConfig;
  readonly resolved: ResolvedConfig;
  readonly directory: Directory;
  readonly acls: AclTable;
  readonly sites: readonly CompiledSite[];
  /** The site for a request that arrived on `binding`'s socket with this Host header (port stripped, lower-case). */
  siteFor(listenerKey: string, host: string): CompiledSite | undefined;
  anonymousToken(identity: AnonymousIdentity, pool: string): KeyedToken;
  poolToken(pool: string): KeyedToken;
  userToken(user: string): KeyedToken;
  effectiveAcl(realPath: string, isDirectory: boolean): EffectiveAcl;
  /** THE access check on a real path (acl/accessCheck), with decisions cached for this generation. */
  checkAccess(realPath: string, isDirectory: boolean, token: KeyedToken, desired: number): AccessCheckResult;
}

/** One socket: the listener key groups bindings that share a protocol, address and port. */
export function listenerKey(binding: Pick<ResolvedBinding, 'protocol' | 'address' | 'port'>): string {
  return `${binding.protocol}|${binding.address}|${binding.port}`;
}

function compileApplication(app: ResolvedSite['applications'][number]): CompiledApplication {
  const virtualDirectories = app.virtualDirectories
    .map((vdir) => ({ path: vdir.path, match: vdir.path.toLowerCase(), physicalPath: vdir.physicalPath }))
    .sort((a, b) => b.match.length - a.match.length);
  return { path: app.path, match: app.path.toLowerCase(), pool: app.applicationPool, virtualDirectories };
}

function compileSite(config: UsherConfig, site: ResolvedSite): CompiledSite {
  const applications = site.applications.map(compileApplication).sort((a, b) => b.match.length - a.match.length);
  const contentRoots: string[] = [];
  const missingRoots: string[] = [];
  for (const folder of new Set(applications.flatMap((app) => app.virtualDirectories.map((vdir) => vdir.physicalPath)))) {
    try {
      contentRoots.push(realpathSync(folder));
    } catch {
      missingRoots.push(folder);
    }
  }
  // Settings depend only on the deepest location that covers a path, so there are as many distinct
  // answers as locations: memoise by that location.
  const locationPaths = Object.keys(config.locations ?? {}).flatMap((key) => {
    const parts = parseLocationKey(key);
    return typeof parts !== 'string' && parts.site.toLowerCase() === site.name.toLowerCase() ? [parts.path] : [];
  }).sort((a, b) => b.length - a.length);
  const bySettingsKey = new Map<string, EffectiveLocation>();
  return {
    name: site.name,
    id: site.id,
    resolved: site,
    applications,
    contentRoots,
    missingRoots,
    settingsAt(path) {
      const deepest = locationPaths.find((candidate) => locationCovers(candidate, path)) ?? '/';
      let settings = bySettingsKey.get(deepest);
      if (!settings) {
        settings = effectiveLocation(config, site.name, deepest);
        bySettingsKey.set(deepest, settings);
      }
      return settings;
    },
  };
}

let generations = 0;

/** Access decisions a generation remembers, over all tokens and paths. */
const MAX_DECISIONS = 50_000;

export function compileGeneration(loaded: Pick<LoadedConfig, 'config' | 'dir'> & { file?: string | undefined }): Generation {
  const { config, dir } = loaded;
  const resolved = withDefaults(config, { dir });
  const directory = directoryOf(config);
  const acls = compileAclTable(config, dir);
  const sites = resolved.sites.map((site) => compileSite(config, site));

  // Per socket: exact host names, then `*.domain` wildcards (longest first), then the empty-host binding.
  const byListener = new Map<string, { hosts: Map<string, CompiledSite>; wildcards: [string, CompiledSite][]; any?: CompiledSite }>();
  sites.forEach((site) => {
    for (const binding of site.resolved.bindings) {
      const key = listenerKey(binding);
      const entry = byListener.get(key) ?? { hosts: new Map<string, CompiledSite>(), wildcards: [] };
      if (binding.host === '') entry.any ??= site;
      else if (binding.host.startsWith('*.')) entry.wildcards.push([binding.host.slice(1), site]);
      else if (!entry.hosts.has(binding.host)) entry.hosts.set(binding.host, site);
      byListener.set(key, entry);
    }
  });
  for (const entry of byListener.values()) entry.wildcards.sort((a, b) => b[0].length - a[0].length);

  const tokens = new Map<string, KeyedToken>();
  const keyed = (key: string, build: () => Token): KeyedToken => {
    let found = tokens.get(key);
    if (!found) {
      found = { key, token: build() };
      tokens.set(key, found);
    }
    return found;
  };
  const anonymous = new Map<AnonymousIdentity, Map<string, KeyedToken>>();
  const acl = new BoundedCache<string, EffectiveAcl>(20_000);
  // Decisions by token, then by what was asked, then by real path: the path string comes from the
  // content view's cached entry, so a hot request hashes nothing new and concatenates nothing. At
  // most MAX_DECISIONS in all (a scan by many signed-in users must not grow it without bound):
  // past that everything is forgotten at once, as decisions are cheap to make again.
  const decisions = new Map<KeyedToken, Map<number, Map<string, AccessCheckResult>>>();
  let decided = 0;
  const decisionsFor = (token: KeyedToken, desired: number, isDirectory: boolean) => {
    let byQuestion = decisions.get(token);
    if (byQuestion === undefined) decisions.set(token, (byQuestion = new Map()));
    // desired is a 32-bit mask; the sign of the key carries file or folder.
    const question = isDirectory ? -desired - 1 : desired;
    let byPath = byQuestion.get(question);
    if (byPath === undefined) byQuestion.set(question, (byPath = new Map()));
    return byPath;
  };
  const effective = (realPath: string, isDirectory: boolean) =>
    acl.getOrSet(`${isDirectory ? 'd' : 'f'}${realPath}`, () => effectiveAcl(acls.chainFor(realPath, isDirectory)));

  return {
    id: ++generations,
    file: loaded.file,
    config,
    resolved,
    directory,
    acls,
    sites,
    siteFor(key, host) {
      const entry = byListener.get(key);
      if (!entry) return undefined;
      const exact = entry.hosts.get(host);
      if (exact) return exact;
      for (const [suffix, site] of entry.wildcards) if (host.endsWith(suffix) && host.length > suffix.length) return site;
      return entry.any;
    },
    anonymousToken(identity, pool) {
      // Asked on every anonymous request: looked up by the identity setting itself (a string or
      // the config's object, both stable for a generation) before any key text is built.
      const forPool = identity === 'ApplicationPoolIdentity' ? pool : '';
      let byPool = anonymous.get(identity);
      if (byPool === undefined) anonymous.set(identity, (byPool = new Map()));
      let found = byPool.get(forPool);
      if (found === undefined) {
        found = keyed(`anon|${typeof identity === 'string' ? identity : `user:${identity.user}`}|${forPool}`,
          () => anonymousIdentityToken(directory, identity, pool));
        byPool.set(forPool, found);
      }
      return found;
    },
    poolToken: (pool) => keyed(`pool|${pool.toLowerCase()}`, () => poolToken(directory, pool)),
    userToken: (user) => keyed(`user|${user.toLowerCase()}`, () => userToken(directory, user)),
    effectiveAcl: effective,
    checkAccess(realPath, isDirectory, token, desired) {
      const known = decisionsFor(token, desired, isDirectory).get(realPath);
      if (known !== undefined) return known;
      if (++decided > MAX_DECISIONS) {
        decisions.clear();
        decided = 1;
      }
      const result = accessCheck({ ...effective(realPath, isDirectory), token: token.token, desired });
      decisionsFor(token, desired, isDirectory).set(realPath, result);
      return result;
    },
  };
}
