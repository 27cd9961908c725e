import { isMap, isScalar, type Document } from 'yaml';
import {
  formatLocationKey, getNode, locationLevels, parseLocationKey, type LocationLevel, type UsherConfig,
} from '../config/index.js';
import { UsherError } from '../shared/index.js';

/** `SITE` or `SITE/PATH` as typed, tied to the site it names and to the `locations:` key it edits. */
export interface LocationTarget {
  /** The site's name as defined. */
  readonly site: string;
  /** `/` for the site itself. */
  readonly path: string;
  /** The key already in the file for this place (matched case-insensitively), or the one to create. */
  readonly key: string;
}

function keyParts(key: string): { site: string; path: string } | undefined {
  const parsed = parseLocationKey(key);
  return typeof parsed === 'string' ? undefined : parsed;
}

const fold = (text: string) => text.toLowerCase();

export function locationTarget(config: UsherConfig, text: string): LocationTarget {
  const trimmed = text.endsWith('/') && text.indexOf('/') === text.length - 1 ? text.slice(0, -1) : text;
  const parsed = parseLocationKey(trimmed);
  if (typeof parsed === 'string') {
    throw new UsherError('USHER_ERR_CLI_USAGE', `'${text}' is not SITE or SITE/PATH: ${parsed}`);
  }
  const site = (config.sites ?? []).find((candidate) => fold(candidate.name) === fold(parsed.site));
  if (!site) {
    const known = (config.sites ?? []).map((candidate) => candidate.name).join(', ') || 'none yet';
    throw new UsherError('USHER_ERR_CFG_NO_ITEM', `no site named '${parsed.site}' (sites: ${known}); a location is written 'SITE' or 'SITE/PATH'`);
  }
  const existing = Object.keys(config.locations ?? {}).find((key) => {
    const parts = keyParts(key);
    return parts !== undefined && fold(parts.site) === fold(site.name) && fold(parts.path) === fold(parsed.path);
  });
  return { site: site.name, path: parsed.path, key: existing ?? formatLocationKey({ site: site.name, path: parsed.path }) };
}

/** The `locations:` entries that apply at `target`, from the site root down. */
export function locationChain(config: UsherConfig, target: LocationTarget): LocationLevel[] {
  return locationLevels(config, target.site, target.path);
}

/** Keys of `locations:` that belong to `site` (`SITE` and `SITE/…`). */
export function siteLocationKeys(config: UsherConfig, site: string): string[] {
  return Object.keys(config.locations ?? {}).filter((key) => {
    const parts = keyParts(key);
    return parts !== undefined && fold(parts.site) === fold(site);
  });
}

/** Renames the site part of its location keys in place, keeping their order and comments. */
export function renameSiteLocations(document: Document, keys: readonly string[], newSite: string): string[] {
  const locations = getNode(document, ['locations']);
  if (!isMap(locations)) return [];
  const renamed: string[] = [];
  for (const pair of locations.items) {
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    if (typeof key !== 'string' || !keys.includes(key)) continue;
    const slash = key.indexOf('/');
    const next = slash < 0 ? newSite : `${newSite}${key.slice(slash)}`;
    if (isScalar(pair.key)) pair.key.value = next;
    else pair.key = document.createNode(next);
    renamed.push(next);
  }
  return renamed;
}
