import { parseLocationKey, type EffectiveLocation } from '../../config/index.js';
import type { CompiledSite, Generation } from '../../pipeline/index.js';

export type RequestLimits = EffectiveLocation['requestFiltering']['requestLimits'];

/**
 * The most generous URL and query limits any location of the site sets. DESIGN §1 checks lengths
 * on the raw target, before decoding; but which location applies is only known from the canonical
 * path. So the raw target is first held to these (bounding the decoding work, and letting a
 * location raise its own limits as IIS allows), then to its own location's limits once known.
 */
export function loosestLimits(site: CompiledSite, generation: Generation): RequestLimits {
  let limits = loosest.get(site);
  if (!limits) {
    limits = compute(site, generation);
    loosest.set(site, limits);
  }
  return limits;
}

// A CompiledSite belongs to one generation: a reload builds new sites, and new limits with them.
const loosest = new WeakMap<CompiledSite, RequestLimits>();

function compute(site: CompiledSite, generation: Generation): RequestLimits {
  const paths = ['/'];
  for (const key of Object.keys(generation.config.locations ?? {})) {
    const parsed = parseLocationKey(key);
    if (typeof parsed !== 'string' && parsed.site.toLowerCase() === site.name.toLowerCase()) paths.push(parsed.path);
  }
  const all = paths.map((path) => site.settingsAt(path).requestFiltering.requestLimits);
  return {
    maxUrl: Math.max(...all.map((limits) => limits.maxUrl)),
    maxQueryString: Math.max(...all.map((limits) => limits.maxQueryString)),
    maxAllowedContentLength: Math.max(...all.map((limits) => limits.maxAllowedContentLength)),
  };
}
