import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { UsherError } from '../../shared/index.js';
import { isConfiguration } from './file-kind.js';
import type { ContentRoot } from './sites.js';
import { readSourceText } from './source-text.js';
import type { WarningSink } from './warnings.js';
import { parseXml, type XmlElement } from './xml-tree.js';

export interface PlacedWebConfig {
  readonly root: XmlElement;
  readonly site: string;
  /** The URL path of the folder that holds it. */
  readonly path: string;
}

async function walk(dir: string, found: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    // Symbolic links are not followed: a loop would never end, and IIS content has none.
    if (entry.isDirectory()) await walk(path, found);
    else if (entry.isFile() && entry.name.toLowerCase() === 'web.config') found.push(path);
  }
}

async function webConfigFiles(given: string, cwd: string): Promise<string[]> {
  const absolute = resolve(cwd, given);
  let info;
  try {
    info = await stat(absolute);
  } catch (error) {
    throw new UsherError('USHER_ERR_IMPORT_READ', `--web-config ${given} does not exist: give the folder of a site's content (copied from the server)`, { cause: error });
  }
  if (info.isFile()) return [absolute];
  const found: string[] = [];
  await walk(absolute, found);
  return found;
}

const inside = (folder: string, path: string) => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

/**
 * web.config files under the folders given with --web-config, each placed at the site and URL path
 * whose mapped content folder holds it: a file in `/srv/shop/admin` with the site's root mapped to
 * `/srv/shop` applies to `SITE/admin`. A file no site's folder holds is reported, not guessed at.
 */
export async function placeWebConfigs(dirs: readonly string[], roots: readonly ContentRoot[], cwd: string, sink: WarningSink): Promise<PlacedWebConfig[]> {
  const mapped = await Promise.all(roots.filter((root) => root.local !== undefined).map(async (root) => ({
    ...root,
    real: await realpath(root.local!).catch(() => root.local!),
  })));
  const placed: PlacedWebConfig[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    for (const file of await webConfigFiles(dir, cwd)) {
      const real = await realpath(file);
      if (seen.has(real)) continue;
      seen.add(real);
      const shown = relative(cwd, file) || file;
      const root = parseXml(await readSourceText(file, 'web.config'), shown.startsWith('..') ? file : shown);
      sink.fileOrder(root.file);
      if (!isConfiguration(root)) {
        sink.warn({ file: root.file, line: root.line }, `not a web.config (its root is <${root.name}>, not <configuration>): skipped`);
        continue;
      }
      const folder = join(real, '..');
      const sites = new Map<string, ContentRoot & { real: string }>();
      for (const candidate of mapped) {
        if (!inside(candidate.real, folder)) continue;
        const best = sites.get(candidate.site);
        if (!best || candidate.real.length > best.real.length) sites.set(candidate.site, candidate);
      }
      if (sites.size === 0) {
        sink.warn({ file: root.file, line: 0 }, 'this web.config is in no site\'s content folder (as mapped with --map-path): not applied');
        continue;
      }
      for (const [site, content] of sites) {
        const rest = relative(content.real, folder).split(sep).filter((part) => part !== '');
        if (!content.allowSubDirConfig && rest.length > 0) {
          sink.warn({ file: root.file, line: 0 }, `site '${site}': IIS ignores this web.config (allowSubDirConfig="false" on ${content.urlPath}): not applied`);
          continue;
        }
        const path = [content.urlPath === '/' ? '' : content.urlPath, ...rest].join('/') || '/';
        placed.push({ root, site, path: path.startsWith('/') ? path : `/${path}` });
      }
    }
  }
  return placed;
}
