import { existsSync, readdirSync, readlinkSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ContentRootModel, FsObject, ObjectRole } from './model.js';

/** An object while the walk is still adding roles and sites to it. */
export interface WalkedObject {
  readonly path: string;
  readonly name: string;
  readonly kind: FsObject['kind'];
  readonly roles: Set<ObjectRole>;
  readonly sites: Set<string>;
  root: string | undefined;
  link?: { readonly target: string; readonly resolved: string | undefined; escapesRoots: boolean };
}

export interface Inventory {
  readonly objects: Map<string, WalkedObject>;
  readonly notes: string[];
}

/** The file Usher's bundled demo carries at its root (demo/site/.usher-sample). */
export const SAMPLE_MARKER = '.usher-sample';

const kindOf = (entry: Dirent): FsObject['kind'] =>
  entry.isSymbolicLink() ? 'symlink' : entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other';

function realOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

export function deviceOf(path: string): number | undefined {
  try {
    return statSync(path).dev;
  } catch {
    return undefined;
  }
}

export function within(path: string, roots: Iterable<string>): boolean {
  for (const root of roots) if (path === root || path.startsWith(root === '/' ? '/' : `${root}/`)) return true;
  return false;
}

function record(inventory: Inventory, path: string, kind: FsObject['kind'], role: ObjectRole, sites: Iterable<string>): WalkedObject {
  let object = inventory.objects.get(path);
  if (!object) {
    object = { path, name: basename(path), kind, roles: new Set(), sites: new Set(), root: undefined };
    inventory.objects.set(path, object);
  }
  object.roles.add(role);
  for (const site of sites) object.sites.add(site);
  return object;
}

export interface TreeWalk {
  readonly start: string;
  readonly role: ObjectRole;
  readonly sites: ReadonlySet<string>;
  /** Sites a folder adds to everything below it (a nested content root, a site's log folder). */
  readonly sitesAt?: (dir: string) => readonly string[] | undefined;
  /** Content roots: a folder that is one becomes the root of what lies below it. */
  readonly isRoot?: (dir: string) => boolean;
  readonly cap: number;
}

/**
 * Depth first, without following symlinks: a link is recorded as a link (with where it points),
 * never entered, so the walk sees the tree the way the server's mapping sees it. Stops at `cap`
 * objects and says so, rather than spending minutes on a tree nobody meant to publish.
 */
export function walkTree(inventory: Inventory, walk: TreeWalk): { count: number; truncated: boolean } {
  let count = 0;
  const rootOf = walk.role === 'content' ? walk.start : undefined;
  const pending: { dir: string; sites: ReadonlySet<string>; root: string | undefined }[] = [{ dir: walk.start, sites: walk.sites, root: rootOf }];
  record(inventory, walk.start, 'directory', walk.role, walk.sites).root ??= rootOf;
  while (pending.length > 0) {
    const { dir, sites: inherited, root: rootAbove } = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      inventory.notes.push(`cannot read ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'}): what lies below it was not audited`);
      continue;
    }
    for (const entry of entries) {
      if (++count > walk.cap) {
        inventory.notes.push(`stopped walking ${walk.start} after ${walk.cap} objects: findings about files below it may be missing`);
        return { count: walk.cap, truncated: true };
      }
      const path = join(dir, entry.name);
      const kind = kindOf(entry);
      const extra = kind === 'directory' ? walk.sitesAt?.(path) : undefined;
      const sites = extra ? new Set([...inherited, ...extra]) : inherited;
      const object = record(inventory, path, kind, walk.role, sites);
      const root = kind === 'directory' && walk.isRoot?.(path) ? path : rootAbove;
      // The innermost content root an object lies under.
      if (rootOf !== undefined) object.root = root;
      if (kind === 'symlink' && !object.link) {
        const target = readlinkSync(path);
        object.link = { target, resolved: realOrUndefined(path), escapesRoots: false };
      }
      if (kind === 'directory') pending.push({ dir: path, sites, root });
    }
  }
  return { count, truncated: false };
}

/** The nearest `.usher-sample` at `root` or in a folder above it. */
function sampleMarkerAbove(root: string): string | undefined {
  for (let dir = root; ; dir = dirname(dir)) {
    const marker = join(dir, SAMPLE_MARKER);
    if (existsSync(marker)) return marker;
    if (dir === dirname(dir)) return undefined;
  }
}

/** Every content root of every site, outer roots first, each object tagged with the sites that serve it. */
export function walkContent(inventory: Inventory, sites: readonly { name: string; contentRoots: readonly string[] }[], cap: number): ContentRootModel[] {
  const sitesOfRoot = new Map<string, string[]>();
  for (const site of sites) for (const root of site.contentRoots) sitesOfRoot.set(root, [...(sitesOfRoot.get(root) ?? []), site.name]);
  const roots = [...sitesOfRoot.keys()].sort((a, b) => a.length - b.length);
  const models: ContentRootModel[] = [];
  for (const root of roots) {
    const sitesHere = sitesOfRoot.get(root)!;
    const walked = inventory.objects.get(root)?.roles.has('content')
      ? { count: 0, truncated: false } // inside an outer root, already walked with it
      : walkTree(inventory, {
        start: root, role: 'content', sites: new Set(sitesHere), sitesAt: (dir) => sitesOfRoot.get(dir), isRoot: (dir) => sitesOfRoot.has(dir), cap,
      });
    models.push({
      path: root, sites: sitesHere, device: deviceOf(root), objects: walked.count, truncated: walked.truncated,
      sampleMarker: sampleMarkerAbove(root),
    });
  }
  // Whether a link leaves every content root of the sites serving it.
  const rootsOfSite = new Map(sites.map((site) => [site.name, site.contentRoots]));
  for (const object of inventory.objects.values()) {
    if (object.link && object.roles.has('content')) {
      const target = object.link.resolved ?? resolve(dirname(object.path), object.link.target);
      object.link.escapesRoots = !within(target, [...object.sites].flatMap((site) => rootsOfSite.get(site) ?? []));
    }
  }
  return models;
}

/** One file or folder outside the content (config, certificate, key, install folder), if it exists. */
export function recordPath(inventory: Inventory, path: string, role: ObjectRole, sites: readonly string[] = []): void {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return;
  }
  const real = realOrUndefined(path) ?? path;
  record(inventory, real, stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : 'other', role, sites);
}
