import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { aclKeyFor, compileAclTable, type UsherConfig } from '../config/index.js';
import { UsherError } from '../shared/index.js';

/** A file-system path typed on the command line, and how the configuration file stores it. */
export interface GivenPath {
  readonly given: string;
  /** Absolute, symlinks resolved when it exists. */
  readonly absolute: string;
  /** Relative to the configuration's folder (`./shop`) when inside it, else absolute. */
  readonly stored: string;
  readonly kind: 'folder' | 'file' | 'missing';
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function kindOf(path: string): GivenPath['kind'] {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}

/** Paths on the command line are relative to the current folder, as for `acl` commands. */
export function givenPath(dir: string, given: string): GivenPath {
  const absolute = real(resolve(given));
  return { given, absolute, stored: aclKeyFor(dir, absolute), kind: kindOf(absolute) };
}

const inside = (child: string, parent: string) => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * A folder to serve. It may not hold the configuration: usher.yaml, its history and its lock
 * would be published along with the content.
 */
export function contentRoot(dir: string, given: string, what: string): GivenPath {
  const path = givenPath(dir, given);
  if (inside(real(dir), path.absolute)) {
    throw new UsherError('USHER_ERR_CLI_USAGE', `${what} ${path.absolute} holds usher.yaml and its history, which would be served with it: ` +
      'put the content in a folder of its own, e.g. ./wwwroot');
  }
  if (path.kind === 'file') throw new UsherError('USHER_ERR_CLI_USAGE', `${what} ${path.absolute} is a file: give the folder to serve`);
  return path;
}

/** What to tell someone who just pointed a site, application or directory at `root`. */
export function contentRootNotes(config: UsherConfig, dir: string, root: GivenPath, pool: string | undefined): string[] {
  if (root.kind === 'missing') return [`${root.absolute} does not exist yet: create it, or it will not be served`];
  const chain = compileAclTable(config, dir).chainFor(root.absolute, true);
  if (chain.some((node) => node.acl !== undefined)) return [];
  const readers = [`'IUSR:(OI)(CI)(RX)'`, ...(pool ? [`'IIS AppPool\\${pool}:(OI)(CI)(RX)'`] : [])].join(' ');
  return [`no ACL covers ${root.stored} yet, so nobody may read it: usher acl grant ${root.given} ${readers}`];
}
