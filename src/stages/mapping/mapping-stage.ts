import { join } from 'node:path';
import {
  andThen, refuse, type CompiledApplication, type ContentEntry, type Decision, type MaybePromise, type Outcome, type RequestContext,
  type ResolveResult, type Stage,
} from '../../pipeline/index.js';
import { findVirtualDirectory, type VirtualDirectoryMatch } from './find-virtual-directory.js';
import { folderLocation } from './redirect-location.js';
import { withinRoots } from './within-roots.js';

const NOT_FOUND = (reason: string): Outcome => refuse(404, 0, 2, reason);

const WHY: Record<'missing' | 'not-a-directory' | 'unreadable' | 'name-too-long', string> = {
  missing: 'no such file or folder',
  'not-a-directory': 'a file is used as a folder in the path',
  unreadable: 'the file system refused to read it',
  'name-too-long': 'a name in the path is too long for the file system',
};

/** Holds a resolved path to the site's content roots. */
function inside(context: RequestContext, resolved: ResolveResult): ContentEntry | Outcome {
  if (!resolved.found) return NOT_FOUND(WHY[resolved.reason]);
  if (!withinRoots(resolved.entry.realPath, context.site.contentRoots)) {
    return NOT_FOUND('the real path (after symlinks) lies outside the site\'s content folders');
  }
  return resolved.entry;
}

/**
 * The URL's rest below its virtual directory, on disk. Request filtering has made the URL path
 * canonical (no `.` or `..` segments, no doubled slashes), so plain concatenation is exact and
 * spares node:path's normalisation on every request.
 */
function below(folder: string, rest: string): string {
  if (rest === '') return folder;
  return folder.endsWith('/') ? folder + rest : `${folder}/${rest}`;
}

/**
 * The trail line of a mapped file, once per cached entry and application: a hot file's request
 * allocates no text for it.
 */
const mappedNotes = new WeakMap<ContentEntry, { application: CompiledApplication; decision: Decision }>();

function mappedNote(entry: ContentEntry, application: CompiledApplication): Decision {
  const known = mappedNotes.get(entry);
  if (known !== undefined && known.application === application) return known.decision;
  const decision: Decision = { layer: 'mapping', verdict: 'pass', detail: `${entry.realPath}   ${where(application)}` };
  mappedNotes.set(entry, { application, decision });
  return decision;
}

const where = (application: CompiledApplication) => `application ${application.path} (pool ${application.pool})`;

/**
 * MapRequest: canonical URL path → application → virtual directory → physical path → real path,
 * which must stay inside the site's content roots. A folder without its trailing slash is
 * redirected; a folder with it gets its default document when one exists. Synchronous when the
 * content view has the answers cached.
 */
function map(context: RequestContext): MaybePromise<Outcome | undefined> {
  const url = context.url!;
  const match = findVirtualDirectory(context.site, url.path);
  if (!match) {
    context.note({ layer: 'mapping', verdict: 'deny', detail: 'no application or virtual directory serves this path' });
    return NOT_FOUND('nothing is mapped at this path');
  }
  const physicalPath = below(match.virtualDirectory.physicalPath, match.rest);
  return andThen(context.content.resolve(physicalPath), (resolved) => mapResolved(context, match, physicalPath, resolved));
}

function mapResolved(context: RequestContext, match: VirtualDirectoryMatch, physicalPath: string, resolved: ResolveResult): MaybePromise<Outcome | undefined> {
  const url = context.url!;
  const found = inside(context, resolved);
  if (!('realPath' in found)) {
    context.note({ layer: 'mapping', verdict: 'deny', detail: `${physicalPath}: ${found.reason}` });
    return found;
  }
  const { application, virtualDirectory } = match;
  if (found.kind === 'file') {
    if (url.trailingSlash) {
      context.note({ layer: 'mapping', verdict: 'deny', detail: `${found.realPath} is a file, asked for as a folder` });
      return NOT_FOUND('a file is asked for as a folder');
    }
    context.mapped = { application, virtualDirectory, physicalPath, entry: found };
    context.note(mappedNote(found, application));
    return undefined;
  }
  if (!url.trailingSlash && url.path !== '/') {
    const location = folderLocation(url.path, url.query);
    context.note({ layer: 'mapping', verdict: 'info', detail: `${found.realPath} is a folder: redirect to ${location}` });
    return refuse(301, 0, 0, 'a folder asked for without its trailing slash', { Location: location });
  }
  return andThen(defaultDocument(context, physicalPath, 0), (document) => {
    if (document !== undefined) {
      context.mapped = { application, virtualDirectory, physicalPath: document.physicalPath, entry: document.entry };
      context.note({ layer: 'mapping', verdict: 'pass', detail: `${document.entry.realPath} (default document)   ${where(application)}` });
      return undefined;
    }
    context.mapped = { application, virtualDirectory, physicalPath, entry: found };
    context.note({ layer: 'mapping', verdict: 'pass', detail: `${found.realPath} (folder, no default document)   ${where(application)}` });
    return undefined;
  });
}

/** The first of the location's default documents that is a file inside the content roots, from index `from` on. */
function defaultDocument(context: RequestContext, folder: string, from: number): MaybePromise<{ physicalPath: string; entry: ContentEntry } | undefined> {
  const names = context.location!.defaultDocument;
  for (let i = from; i < names.length; i++) {
    const physicalPath = join(folder, names[i]!);
    const accept = (candidate: ResolveResult) =>
      candidate.found && candidate.entry.kind === 'file' && withinRoots(candidate.entry.realPath, context.site.contentRoots)
        ? { physicalPath, entry: candidate.entry }
        : undefined;
    const candidate = context.content.resolve(physicalPath);
    if (candidate instanceof Promise) return candidate.then((ready) => accept(ready) ?? defaultDocument(context, folder, i + 1));
    const accepted = accept(candidate);
    if (accepted !== undefined) return accepted;
  }
  return undefined;
}

export function createMappingStage(): Stage {
  return { id: 'mapping', run: map };
}
