import { formatLocationKey, parseLocationKey, type LocationConfig } from '../../config/index.js';
import type { SectionRegistry } from './config-sections.js';
import { fragmentCovers, mergeOrder, pathCovers, sectionsOf, type Fragment } from './fragments.js';
import { lockVerdict } from './locking.js';
import { IIS_SCHEMA_DEFAULTS, USHER_DEFAULTS_AS_IIS, type IisLocationState } from './sections/location-state.js';
import { SECTION_HANDLERS, SILENT_SECTIONS, unsupportedReason } from './sections/registry.js';
import type { InspectContext, SectionHandler } from './sections/section-handler.js';
import type { ImportedSite } from './sites.js';
import { emitLocation, USHER_DEFAULTS, viewOf, type UsherView } from './usher-location.js';
import type { PrincipalMapper } from './principals.js';
import type { Place, WarningSink } from './warnings.js';
import { firstChild, type XmlElement } from './xml-tree.js';

export interface ImportedLocation {
  readonly key: string;
  readonly config: LocationConfig;
  /** The elements that set something here, for the comment above the entry. */
  readonly sources: readonly Place[];
  /** Why the entry exists when nothing in the source is written at its path. */
  readonly note?: string;
}

export interface SettingsInput {
  readonly fragments: readonly Fragment[];
  readonly registry: SectionRegistry;
  readonly sites: readonly ImportedSite[];
  readonly sink: WarningSink;
  readonly principals: PrincipalMapper;
  readonly urlAuthorizationInstalled: boolean;
  claim(element: XmlElement): void;
  noteLegacyAccount(name: string): void;
}

interface Accepted {
  readonly element: XmlElement;
  readonly handler: SectionHandler;
}

const keyOf = (site: string, path: string) => formatLocationKey({ site, path });
const depth = (path: string) => (path === '/' ? 0 : path.split('/').length - 1);

function reportUnsupported(path: string, element: XmlElement, scope: string, sink: WarningSink): void {
  if (SILENT_SECTIONS.has(path) || (element.attributes.size === 0 && element.children.length === 0)) return;
  sink.warn(element, `<${element.name}> (${path}, ${scope}) is not carried over: ${unsupportedReason(path)}`);
  if (path === 'system.web') {
    const authorization = firstChild(element, 'authorization');
    if (authorization) {
      sink.warn(authorization, `ASP.NET <authorization> rules (system.web, ${scope}) are not imported: Usher applies IIS URL authorization only; ` +
        're-create them with usher authz add (ASP.NET evaluates first match in order, IIS all denies before allows)');
    }
  }
}

/** Once per element: locked sections are reported and left out, the rest inspected (their losses reported). */
function acceptSections(input: SettingsInput): Map<Fragment, Accepted[]> {
  const accepted = new Map<Fragment, Accepted[]>();
  for (const fragment of input.fragments) {
    const scope = fragment.site === undefined ? 'every site' : keyOf(fragment.site, fragment.path);
    const context: InspectContext = {
      sink: input.sink,
      scope,
      locationKey: fragment.site === undefined ? undefined : keyOf(fragment.site, fragment.path),
      claim: input.claim,
      noteLegacyAccount: input.noteLegacyAccount,
    };
    const skip = fragment.origin === 'apphost' && fragment.container.name === 'configuration' ? ['system.applicationHost'] : [];
    const list: Accepted[] = [];
    for (const { path, element } of sectionsOf(fragment.container, input.registry, skip)) {
      const handler = SECTION_HANDLERS.get(path);
      if (!handler) {
        reportUnsupported(path, element, scope, input.sink);
        continue;
      }
      const verdict = lockVerdict(fragment, path, element, input.fragments, input.registry);
      if (verdict.locked) {
        input.sink.warn(element, `<${element.name}> (${scope}) is not applied: ${verdict.reason}; IIS answers 500.19 (0x80070021) for this web.config until that changes`);
        continue;
      }
      handler.inspect(element, context);
      list.push({ element, handler });
    }
    accepted.set(fragment, list);
  }
  return accepted;
}

/**
 * Settings per place, as IIS computes them, turned into Usher's `locations:`. Server-level settings
 * have no place of their own in Usher, so they are folded into each site's root entry; every
 * deeper entry holds only what differs from the level above it.
 */
export function importLocations(input: SettingsInput): { locations: ImportedLocation[]; loggingOff: Map<string, Place> } {
  const accepted = acceptSections(input);
  // Sections the server level mentions start from IIS's schema defaults; the others from Usher's.
  let base: IisLocationState = USHER_DEFAULTS_AS_IIS;
  for (const fragment of input.fragments.filter((candidate) => candidate.site === undefined)) {
    for (const { handler } of accepted.get(fragment) ?? []) {
      if (handler.slice !== undefined) base = { ...base, [handler.slice]: IIS_SCHEMA_DEFAULTS[handler.slice] };
    }
  }
  const locations: ImportedLocation[] = [];
  const loggingOff = new Map<string, Place>();
  for (const site of input.sites) {
    const own = input.fragments.filter((fragment) => fragment.site?.toLowerCase() === site.name.toLowerCase());
    // inheritInChildApplications="false": the location stops at application roots below it.
    const barriers = own.filter((fragment) => !fragment.inheritInChildApplications);
    const appRoots = site.applicationPaths.filter((app) => barriers.some((fragment) => pathCovers(fragment.path, app) && fragment.path.toLowerCase() !== app.toLowerCase()));
    const paths = [...new Map(['/', ...own.map((fragment) => fragment.path), ...appRoots].map((path) => [path.toLowerCase(), path])).values()]
      .sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
    const views = new Map<string, UsherView>();
    for (const path of paths) {
      const reaching = input.fragments
        .filter((fragment) => fragmentCovers(fragment, site.name, path))
        .filter((fragment) => fragment.inheritInChildApplications ||
          !site.applicationPaths.some((app) => pathCovers(fragment.path, app) && fragment.path.toLowerCase() !== app.toLowerCase() && pathCovers(app, path)))
        .sort(mergeOrder);
      let state: IisLocationState = base;
      for (const fragment of reaching) {
        for (const { element, handler } of accepted.get(fragment) ?? []) state = handler.apply(state, element);
      }
      const key = keyOf(site.name, path);
      const here = own.filter((fragment) => fragment.path.toLowerCase() === path.toLowerCase());
      const place: Place = here[0]?.container ?? site.element;
      const parentPath = [...paths].reverse().find((candidate) => candidate !== path && pathCovers(candidate, path));
      const parent = parentPath === undefined ? USHER_DEFAULTS : views.get(parentPath.toLowerCase()) ?? USHER_DEFAULTS;
      const context = { sink: input.sink, principals: input.principals, urlAuthorizationInstalled: input.urlAuthorizationInstalled, key, place };
      const { config, achieved } = emitLocation(parent, viewOf(state, context), context);
      views.set(path.toLowerCase(), achieved);
      if (path === '/' && state.dontLog) loggingOff.set(site.name, place);
      else if (path !== '/' && state.dontLog) input.sink.warn(place, `HTTP logging is off at ${key} in the source: Usher logs a whole site or nothing, so it stays on there`);
      if (Object.keys(config).length === 0) continue;
      const problem = parseLocationKey(key);
      if (typeof problem === 'string') {
        input.sink.warn(place, `settings for ${key} cannot be carried over: ${problem}`);
        continue;
      }
      const global = path === '/' ? input.fragments.filter((fragment) => fragment.site === undefined && (accepted.get(fragment) ?? []).length > 0) : [];
      // An application root below inheritInChildApplications="false" holds what undoes that location.
      const stopped = here.length === 0 ? barriers.filter((fragment) => pathCovers(fragment.path, path)) : [];
      const sourceOf = (fragment: Fragment): Place => fragment.container.name === 'location' ? fragment.container : accepted.get(fragment)?.[0]?.element ?? fragment.container;
      locations.push({
        key, config,
        sources: [...global, ...here, ...stopped].map((fragment) => { const at = sourceOf(fragment); return { file: at.file, line: at.line }; }),
        ...(stopped.length > 0 ? { note: 'an application root: the location above has inheritInChildApplications="false", so its settings stop here' } : {}),
      });
    }
  }
  return { locations, loggingOff };
}

