import { realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { effectiveLocation, locationCovers, locationLevels, parseLocationKey } from '../../config/index.js';
import type { Generation } from '../../pipeline/index.js';
import { evaluateUrlRules } from '../../stages/authorization/index.js';
import { scope, type Scope } from '../scope.js';
import { principalRef } from './identities.js';
import type { AnonymousModel, LocationModel, SiteModel } from './model.js';
import { SETTING_NAMES, setsValue, type SettingName } from './setting-names.js';

const fold = (text: string) => text.toLowerCase();

/** The site root, every path a `locations:` key names, and every application and virtual directory path. */
function locationPaths(generation: Generation, site: SiteModel): string[] {
  const paths = new Map<string, string>([['/', '/']]);
  const add = (path: string) => {
    if (!paths.has(fold(path))) paths.set(fold(path), path);
  };
  for (const key of Object.keys(generation.config.locations ?? {})) {
    const parts = parseLocationKey(key);
    if (typeof parts !== 'string' && fold(parts.site) === fold(site.name)) add(parts.path);
  }
  for (const app of site.applications) for (const vdir of app.virtualDirectories) add(vdir.urlPath);
  return [...paths.values()].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}

/** Where the value in force of each setting was set: the deepest key that sets it, else the server default. */
function originsAt(generation: Generation, site: SiteModel, path: string): Record<SettingName, Scope> {
  const levels = locationLevels(generation.config, site.name, path);
  const origins = {} as Record<SettingName, Scope>;
  for (const name of SETTING_NAMES) {
    const level = levels.findLast((candidate) => setsValue(candidate.settings, name));
    origins[name] = level ? scope.location(site.name, level.path) : scope.server();
  }
  return origins;
}

/** Where a URL path lands on disk: the longest virtual directory that covers it. */
function realPathAt(site: SiteModel, path: string): { realPath: string | undefined; isDirectory: boolean } {
  const mounts = site.applications.flatMap((app) => app.virtualDirectories)
    .filter((vdir) => vdir.realPath !== undefined && locationCovers(vdir.urlPath, path))
    .sort((a, b) => b.urlPath.length - a.urlPath.length);
  const mount = mounts[0];
  if (!mount) return { realPath: undefined, isDirectory: false };
  const rest = path.slice(mount.urlPath === '/' ? 0 : mount.urlPath.length);
  const candidate = rest === '' || rest === '/' ? mount.realPath! : join(mount.realPath!, rest);
  try {
    const realPath = realpathSync(candidate);
    return { realPath, isDirectory: statSync(realPath).isDirectory() };
  } catch {
    return { realPath: undefined, isDirectory: false };
  }
}

function anonymousAt(generation: Generation, settings: LocationModel['settings'], pool: string): AnonymousModel | undefined {
  const { enabled, identity } = settings.authentication.anonymous;
  if (!enabled) return undefined;
  const keyed = generation.anonymousToken(identity, pool);
  const verdict = evaluateUrlRules(settings, generation.directory, { method: 'anonymous', token: keyed, logName: '-', userName: undefined }, 'GET');
  return {
    identity,
    principal: principalRef(generation.directory, keyed.token.identity.sid),
    token: keyed.token,
    allowedByUrlRules: verdict.allowed,
  };
}

export function buildLocations(generation: Generation, sites: readonly SiteModel[]): LocationModel[] {
  const keys = new Map(Object.keys(generation.config.locations ?? {}).map((key) => [fold(key), key]));
  return sites.flatMap((site) => locationPaths(generation, site).map((path): LocationModel => {
    const settings = effectiveLocation(generation.config, site.name, path);
    const application = site.applications
      .filter((app) => locationCovers(app.path, path))
      .sort((a, b) => b.path.length - a.path.length)[0]!;
    return {
      site: site.name,
      path,
      scope: scope.location(site.name, path),
      key: keys.get(fold(path === '/' ? site.name : `${site.name}${path}`)),
      settings,
      origins: originsAt(generation, site, path),
      application: { path: application.path, pool: application.pool },
      ...realPathAt(site, path),
      anonymous: anonymousAt(generation, settings, application.pool),
    };
  }));
}
