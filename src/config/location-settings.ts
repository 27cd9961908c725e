import { LOCATION_DEFAULTS, type LocationDefaults } from './defaults.js';
import { isAuthorizationClear, parseLocationKey, type AuthorizationRuleConfig, type LocationConfig } from './schema/location.js';
import type { UsherConfig } from './schema/usher-config.js';

/** One `locations:` entry on the way from a site's root down to a path. */
export interface LocationLevel {
  readonly key: string;
  /** `/` for the site itself. */
  readonly path: string;
  readonly settings: LocationConfig;
}

/** Everything a location decides, all values filled in: what the pipeline and the audit read. */
export type EffectiveLocation = LocationDefaults;

const fold = (text: string) => text.toLowerCase();

/** Whether settings at `ancestor` reach `path` (URL paths; IIS compares them case-insensitively). */
export function locationCovers(ancestor: string, path: string): boolean {
  const a = fold(ancestor);
  const p = fold(path);
  return a === '/' || a === p || p.startsWith(`${a}/`);
}

const depth = (path: string) => (path === '/' ? 0 : path.split('/').length - 1);

/** The `locations:` entries that apply at `site` + `path`, from the site root down. */
export function locationLevels(config: UsherConfig, site: string, path: string): LocationLevel[] {
  const levels = Object.entries(config.locations ?? {}).flatMap(([key, settings]) => {
    const parts = parseLocationKey(key);
    if (typeof parts === 'string' || fold(parts.site) !== fold(site) || !locationCovers(parts.path, path)) return [];
    return [{ key, path: parts.path, settings }];
  });
  return levels.sort((a, b) => depth(a.path) - depth(b.path));
}

function mergeSegments(current: EffectiveLocation['requestFiltering'], change: NonNullable<LocationConfig['requestFiltering']>['hiddenSegments']) {
  if (!change) return current;
  const hidden = change.clear ? new Set<string>() : new Set(current.hiddenSegments);
  const hideDot = change.clear ? false : current.hideDotSegments;
  const visible = new Set(change.clear ? [] : current.dotSegmentsVisible);
  for (const name of change.add ?? []) {
    hidden.add(fold(name));
    visible.delete(fold(name));
  }
  for (const name of change.remove ?? []) {
    hidden.delete(fold(name));
    if (name.startsWith('.')) visible.add(fold(name));
  }
  return { ...current, hiddenSegments: [...hidden], hideDotSegments: hideDot, dotSegmentsVisible: [...visible] };
}

/** A list setting that IIS keeps as a collection: children add to what their parents set. */
const union = (base: readonly string[], more: readonly string[] | undefined) =>
  more ? [...new Set([...base, ...more.map(fold)])] : base;

function mergeFiltering(current: EffectiveLocation['requestFiltering'], change: LocationConfig['requestFiltering']) {
  if (!change) return current;
  const merged = {
    ...current,
    allowDoubleEscaping: change.allowDoubleEscaping ?? current.allowDoubleEscaping,
    allowHighBitCharacters: change.allowHighBitCharacters ?? current.allowHighBitCharacters,
    windowsNames: change.windowsNames ?? current.windowsNames,
    requestLimits: { ...current.requestLimits, ...change.requestLimits },
    fileExtensions: {
      allowUnlisted: change.fileExtensions?.allowUnlisted ?? current.fileExtensions.allowUnlisted,
      deny: union(current.fileExtensions.deny, change.fileExtensions?.deny),
      allow: union(current.fileExtensions.allow, change.fileExtensions?.allow),
    },
    denyUrlSequences: change.denyUrlSequences ? [...new Set([...current.denyUrlSequences, ...change.denyUrlSequences])] : current.denyUrlSequences,
    verbs: {
      allowUnlisted: change.verbs?.allowUnlisted ?? current.verbs.allowUnlisted,
      // HTTP methods are case-sensitive: kept as written.
      deny: change.verbs?.deny ? [...new Set([...current.verbs.deny, ...change.verbs.deny])] : current.verbs.deny,
      allow: change.verbs?.allow ? [...new Set([...current.verbs.allow, ...change.verbs.allow])] : current.verbs.allow,
    },
  };
  return mergeSegments(merged, change.hiddenSegments);
}

function mergeLevel(current: EffectiveLocation, level: LocationConfig): EffectiveLocation {
  const auth = level.authentication;
  let authorization: readonly AuthorizationRuleConfig[] = current.authorization;
  for (const entry of level.authorization ?? []) {
    authorization = isAuthorizationClear(entry) ? [] : [...authorization, entry];
  }
  return {
    authentication: {
      anonymous: {
        enabled: auth?.anonymous?.enabled ?? current.authentication.anonymous.enabled,
        identity: auth?.anonymous?.identity ?? current.authentication.anonymous.identity,
      },
      basic: {
        enabled: auth?.basic?.enabled ?? current.authentication.basic.enabled,
        realm: auth?.basic?.realm ?? current.authentication.basic.realm,
      },
    },
    authorization,
    requestFiltering: mergeFiltering(current.requestFiltering, level.requestFiltering),
    directoryBrowse: { enabled: level.directoryBrowse?.enabled ?? current.directoryBrowse.enabled },
    defaultDocument: level.defaultDocument ?? current.defaultDocument,
    httpErrors: { errorMode: level.httpErrors?.errorMode ?? current.httpErrors.errorMode },
  };
}

const defaults: EffectiveLocation = {
  ...LOCATION_DEFAULTS,
  requestFiltering: {
    ...LOCATION_DEFAULTS.requestFiltering,
    hiddenSegments: LOCATION_DEFAULTS.requestFiltering.hiddenSegments.map(fold),
    dotSegmentsVisible: LOCATION_DEFAULTS.requestFiltering.dotSegmentsVisible.map(fold),
  },
};

/**
 * The settings in force at `site` + `path`: IIS's defaults, then every location from the site root
 * down. Scalars are overridden by the nearest level that sets them; URL rules, denied extensions,
 * verbs and sequences accumulate like IIS collections (`clear` starts over); hidden segments add,
 * remove and clear; names compared case-insensitively are lower-cased here.
 */
export function effectiveLocation(config: UsherConfig, site: string, path: string): EffectiveLocation {
  return locationLevels(config, site, path).reduce((current, level) => mergeLevel(current, level.settings), defaults);
}
