import { posix } from 'node:path';
import type { CompiledSite, Generation } from '../pipeline/index.js';
import { exposureCategories, insideVcsFolder } from './exposure-patterns.js';
import { createProbe, encodePath, type Probe, type ProbeAnswer } from './probe.js';
import type { ExposureResult, FsObject, SiteModel } from './snapshot/model.js';
import { within } from './snapshot/file-walk.js';

/** Files asked for inside a repository folder: the ones every scanner tries first, then whatever is there. */
const VCS_FIRST = ['HEAD', 'config', 'entries', 'wc.db', 'hgrc', 'requires'];
const VCS_TRIES = 3;

/** Every URL path at which a site maps the real `path` (several virtual directories may map one folder). */
function urlsOf(site: SiteModel, path: string): string[] {
  return site.applications.flatMap((app) => app.virtualDirectories).flatMap((vdir) => {
    if (vdir.realPath === undefined || !within(path, [vdir.realPath])) return [];
    const rest = path.slice(vdir.realPath.length).replace(/^\//, '');
    return [rest === '' ? vdir.urlPath : posix.join(vdir.urlPath, rest)];
  });
}

function hrefOf(site: SiteModel, url: string): string | undefined {
  const binding = site.bindings[0];
  if (!binding) return undefined;
  const address = binding.address === '*' ? 'localhost' : binding.address.includes(':') ? `[${binding.address}]` : binding.address;
  const port = (binding.protocol === 'http' && binding.port === 80) || (binding.protocol === 'https' && binding.port === 443) ? '' : `:${binding.port}`;
  // A wildcard host (`*.example.test`) is no name to type in a browser: the address is.
  const host = binding.host === '' || binding.host.startsWith('*.') ? address : binding.host;
  return `${binding.protocol}://${host}${port}${url}`;
}

/** The files to ask for inside a repository folder: well-known names first. */
function vcsTargets(folder: FsObject, objects: readonly FsObject[]): string[] {
  const files = objects.filter((object) => object.kind === 'file' && object.path.startsWith(`${folder.path}/`)).map((object) => object.path);
  const rank = (path: string) => {
    const index = VCS_FIRST.indexOf(path.slice(folder.path.length + 1));
    return index < 0 ? VCS_FIRST.length : index;
  };
  return files.sort((a, b) => rank(a) - rank(b) || a.length - b.length).slice(0, VCS_TRIES);
}

interface Attempt {
  readonly url: string;
  readonly answer: ProbeAnswer;
}

/** The first URL that serves `path` itself, else the first refusal (what a visitor would meet). */
async function firstServing(probe: Probe, compiled: CompiledSite, site: SiteModel, path: string, folder: boolean): Promise<Attempt | undefined> {
  let refused: Attempt | undefined;
  for (const url of urlsOf(site, path)) {
    const asked = folder ? `${url.replace(/\/$/, '')}/` : url;
    const answer = await probe(compiled, asked);
    // A longer virtual directory may map the same URL to another file: only this object counts.
    if (answer.served && (folder || answer.realPath === path)) return { url: asked, answer };
    refused ??= { url: asked, answer };
  }
  return refused;
}

/**
 * The anonymous-exposure scan (issue 4): every object in a site's content whose name looks like a
 * secret, a backup or repository metadata, asked for as an anonymous visitor would ask, through the
 * server's own request filtering, mapping, authentication, authorization and handler. A repository
 * folder counts as exposed when any file in it (or its listing) is served.
 */
export async function scanExposure(
  generation: Generation,
  sites: readonly SiteModel[],
  objects: readonly FsObject[],
  probe: Probe = createProbe(generation),
): Promise<ExposureResult[]> {
  const results: ExposureResult[] = [];
  const compiledByName = new Map(generation.sites.map((site) => [site.name, site]));
  for (const object of objects) {
    if (!object.roles.includes('content') || object.root === undefined || insideVcsFolder(object.path)) continue;
    const categories = exposureCategories(object.name, object.kind);
    if (categories.length === 0) continue;
    const isFolder = object.kind === 'directory';
    for (const site of sites.filter((candidate) => object.sites.includes(candidate.name))) {
      const compiled = compiledByName.get(site.name)!;
      const targets = isFolder ? vcsTargets(object, objects) : [object.path];
      let attempt: Attempt | undefined;
      for (const target of targets.length > 0 ? targets : [object.path]) {
        const tried = await firstServing(probe, compiled, site, target, targets.length === 0);
        if (tried?.answer.served) {
          attempt = tried;
          break;
        }
        attempt ??= tried;
      }
      if (!attempt) continue;
      results.push({
        site: site.name, path: object.path, kind: isFolder ? 'directory' : 'file', categories, root: object.root,
        url: encodePath(attempt.url), href: hrefOf(site, encodePath(attempt.url)), reachable: attempt.answer.served,
        answer: attempt.answer.answer, decidedBy: attempt.answer.decidedBy,
      });
    }
  }
  return results;
}
