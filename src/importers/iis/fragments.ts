import type { OverrideMode, SectionRegistry } from './config-sections.js';
import { parseBool } from './values.js';
import type { WarningSink } from './warnings.js';
import { attr, where, type XmlElement } from './xml-tree.js';

/**
 * A block of settings and the place it applies to: the server level of applicationHost.config, one
 * of its `<location path>` tags, a web.config, or a `<location>` inside one. Settings at a place are
 * the fragments that cover it, ordered as IIS merges them (outer paths first, applicationHost.config
 * before web.config files, outer web.config files before inner ones, then document order).
 */
export interface Fragment {
  readonly origin: 'apphost' | 'web.config';
  /** The site as named in `<sites>`; undefined at server level. */
  readonly site: string | undefined;
  /** URL path in the site: `/` for its root. */
  readonly path: string;
  /** 0 for applicationHost.config; for a web.config, 1 + the depth of its folder's URL path. */
  readonly fileRank: number;
  /** Document order across every file read. */
  readonly order: number;
  /** The `<configuration>` root or the `<location>` element. */
  readonly container: XmlElement;
  readonly overrideMode: OverrideMode | undefined;
  readonly inheritInChildApplications: boolean;
  /** For `<location>` tags: what `path` said, for comments and messages. */
  readonly locationPath: string | undefined;
}

export interface SectionElement {
  readonly path: string;
  readonly element: XmlElement;
}

const STRUCTURE = new Set(['configSections', 'configProtectedData', 'location']);

/** The sections a fragment holds, by path; groups are walked into. */
export function sectionsOf(container: XmlElement, registry: SectionRegistry, skipTop: readonly string[] = []): SectionElement[] {
  const found: SectionElement[] = [];
  const visit = (element: XmlElement, prefix: string): void => {
    for (const child of element.children) {
      if (prefix === '' && (STRUCTURE.has(child.name) || skipTop.includes(child.name))) continue;
      const path = prefix === '' ? child.name : `${prefix}/${child.name}`;
      if (registry.isGroup(path)) visit(child, path);
      else found.push({ path, element: child });
    }
  };
  visit(container, '');
  return found;
}

function overrideModeOf(location: XmlElement): OverrideMode | undefined {
  const mode = attr(location, 'overrideMode')?.trim().toLowerCase();
  if (mode === 'allow') return 'Allow';
  if (mode === 'deny') return 'Deny';
  const legacy = parseBool(attr(location, 'allowOverride'));
  return legacy === undefined ? undefined : legacy ? 'Allow' : 'Deny';
}

/** `a\b/` → `/a/b`; `''` → `/`. */
export function joinUrlPath(base: string, relative: string): string {
  const parts = [...base.split('/'), ...relative.replace(/\\/g, '/').split('/')].filter((part) => part !== '' && part !== '.');
  return parts.length === 0 ? '/' : `/${parts.join('/')}`;
}

export interface FragmentCollector {
  readonly fragments: Fragment[];
  /** applicationHost.config's root and its `<location>` tags. */
  addApplicationHost(root: XmlElement, findSite: (name: string) => string | undefined): void;
  /** A web.config at `path` of `site`, with its own `<location>` tags. */
  addWebConfig(root: XmlElement, site: string, path: string): void;
}

export function createFragmentCollector(sink: WarningSink): FragmentCollector {
  const fragments: Fragment[] = [];
  const push = (fragment: Omit<Fragment, 'order'>) => fragments.push({ ...fragment, order: fragments.length });
  const locations = (root: XmlElement) => root.children.filter((child) => child.name === 'location');
  const noInherit = (location: XmlElement) => parseBool(attr(location, 'inheritInChildApplications')) === false;

  return {
    fragments,
    addApplicationHost(root, findSite) {
      push({ origin: 'apphost', site: undefined, path: '/', fileRank: 0, container: root, overrideMode: undefined, inheritInChildApplications: true, locationPath: undefined });
      for (const location of locations(root)) {
        const written = (attr(location, 'path') ?? '').trim();
        const trimmed = written.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
        const base = { origin: 'apphost' as const, fileRank: 0, container: location, overrideMode: overrideModeOf(location), inheritInChildApplications: !noInherit(location), locationPath: written };
        if (trimmed === '' || trimmed === '.') {
          push({ ...base, site: undefined, path: '/' });
          continue;
        }
        const slash = trimmed.indexOf('/');
        const siteName = slash < 0 ? trimmed : trimmed.slice(0, slash);
        const site = findSite(siteName);
        if (site === undefined) {
          sink.warn(location, `<location path="${written}"> names no site of this file ('${siteName}'): its settings are not carried over`);
          continue;
        }
        push({ ...base, site, path: joinUrlPath('/', slash < 0 ? '' : trimmed.slice(slash + 1)) });
      }
    },
    addWebConfig(root, site, path) {
      const fileRank = 1 + (path === '/' ? 0 : path.split('/').length - 1);
      push({ origin: 'web.config', site, path, fileRank, container: root, overrideMode: undefined, inheritInChildApplications: true, locationPath: undefined });
      for (const location of locations(root)) {
        const written = attr(location, 'path') ?? '';
        if (/^\s*\.\.|[?*]/.test(written)) {
          sink.warn(location, `<location path="${written}"> in ${where(root)} cannot be placed below ${site}${path === '/' ? '' : path}: skipped`);
          continue;
        }
        push({
          origin: 'web.config', site, path: joinUrlPath(path, written), fileRank, container: location,
          overrideMode: overrideModeOf(location), inheritInChildApplications: !noInherit(location), locationPath: written,
        });
      }
    },
  };
}

/** Whether settings at `outer` (a URL path) reach `inner`, compared case-insensitively as IIS does. */
export function pathCovers(outer: string, inner: string): boolean {
  const a = outer.toLowerCase();
  const b = inner.toLowerCase();
  return a === '/' || a === b || b.startsWith(`${a}/`);
}

/** Whether a fragment's settings reach `site` + `path`. */
export function fragmentCovers(fragment: Fragment, site: string, path: string): boolean {
  if (fragment.site === undefined) return true;
  return fragment.site.toLowerCase() === site.toLowerCase() && pathCovers(fragment.path, path);
}

const depth = (path: string) => (path === '/' ? 0 : path.split('/').length - 1);

/** IIS's merge order for the fragments that reach one place. */
export function mergeOrder(a: Fragment, b: Fragment): number {
  const levelA = a.site === undefined ? -1 : depth(a.path);
  const levelB = b.site === undefined ? -1 : depth(b.path);
  return levelA - levelB || a.fileRank - b.fileRank || a.order - b.order;
}
