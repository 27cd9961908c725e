import { join } from 'node:path';
import { refuse, type ContentEntry, type Outcome, type RequestContext, type Stage } from '../../pipeline/index.js';
import { findVirtualDirectory } from './find-virtual-directory.js';
import { folderLocation } from './redirect-location.js';
import { withinRoots } from './within-roots.js';

const NOT_FOUND = (reason: string): Outcome => refuse(404, 0, 2, reason);

const WHY: Record<'missing' | 'not-a-directory' | 'unreadable' | 'name-too-long', string> = {
  missing: 'no such file or folder',
  'not-a-directory': 'a file is used as a folder in the path',
  unreadable: 'the file system refused to read it',
  'name-too-long': 'a name in the path is too long for the file system',
};

/** Resolves a physical path and holds it to the site's content roots. */
async function resolveInside(context: RequestContext, physicalPath: string): Promise<ContentEntry | Outcome> {
  const resolved = await context.content.resolve(physicalPath);
  if (!resolved.found) return NOT_FOUND(WHY[resolved.reason]);
  if (!withinRoots(resolved.entry.realPath, context.site.contentRoots)) {
    return NOT_FOUND('the real path (after symlinks) lies outside the site\'s content folders');
  }
  return resolved.entry;
}

/**
 * MapRequest: canonical URL path → application → virtual directory → physical path → real path,
 * which must stay inside the site's content roots. A folder without its trailing slash is
 * redirected; a folder with it gets its default document when one exists.
 */
async function map(context: RequestContext): Promise<Outcome | undefined> {
  const url = context.url!;
  const match = findVirtualDirectory(context.site, url.path);
  if (!match) {
    context.note({ layer: 'mapping', verdict: 'deny', detail: 'no application or virtual directory serves this path' });
    return NOT_FOUND('nothing is mapped at this path');
  }
  const physicalPath = match.rest === '' ? match.virtualDirectory.physicalPath : join(match.virtualDirectory.physicalPath, match.rest);
  const found = await resolveInside(context, physicalPath);
  if (!('realPath' in found)) {
    context.note({ layer: 'mapping', verdict: 'deny', detail: `${physicalPath}: ${found.reason}` });
    return found;
  }
  const where = `application ${match.application.path} (pool ${match.application.pool})`;
  if (found.kind === 'file') {
    if (url.trailingSlash) {
      context.note({ layer: 'mapping', verdict: 'deny', detail: `${found.realPath} is a file, asked for as a folder` });
      return NOT_FOUND('a file is asked for as a folder');
    }
    context.mapped = { application: match.application, virtualDirectory: match.virtualDirectory, physicalPath, entry: found };
    context.note({ layer: 'mapping', verdict: 'pass', detail: `${found.realPath}   ${where}` });
    return undefined;
  }
  if (!url.trailingSlash && url.path !== '/') {
    const location = folderLocation(url.path, url.query);
    context.note({ layer: 'mapping', verdict: 'info', detail: `${found.realPath} is a folder: redirect to ${location}` });
    return refuse(301, 0, 0, 'a folder asked for without its trailing slash', { Location: location });
  }
  for (const name of context.location!.defaultDocument) {
    const candidate = await context.content.resolve(join(physicalPath, name));
    if (!candidate.found || candidate.entry.kind !== 'file' || !withinRoots(candidate.entry.realPath, context.site.contentRoots)) continue;
    context.mapped = { application: match.application, virtualDirectory: match.virtualDirectory, physicalPath: join(physicalPath, name), entry: candidate.entry };
    context.note({ layer: 'mapping', verdict: 'pass', detail: `${candidate.entry.realPath} (default document)   ${where}` });
    return undefined;
  }
  context.mapped = { application: match.application, virtualDirectory: match.virtualDirectory, physicalPath, entry: found };
  context.note({ layer: 'mapping', verdict: 'pass', detail: `${found.realPath} (folder, no default document)   ${where}` });
  return undefined;
}

export function createMappingStage(): Stage {
  return { id: 'mapping', run: map };
}
