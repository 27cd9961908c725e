import { realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';

// Usher runs on Linux: paths here are POSIX paths.
import { parseAce, type Acl, type ChainNode } from '../acl/index.js';
import { directoryOf } from './directory-of.js';
import { resolveConfigPath } from './paths.js';
import type { UsherConfig } from './schema/usher-config.js';

/** One `acl:` entry, parsed, at the real path it names. */
export interface AclEntry {
  /** The key as written in the file. */
  readonly key: string;
  /** Absolute; symlinks resolved when the path exists. */
  readonly path: string;
  readonly exists: boolean;
  readonly acl: Acl;
  /** The ACE strings as written, parallel to `acl.aces`, so edits keep the user's spelling. */
  readonly texts: readonly string[];
}

/**
 * The `acl:` section compiled for evaluation: entries found by real path, and the chain from the
 * topmost ACL down to any object, ready for the ACL module's inheritance and access check.
 */
export interface AclTable {
  readonly entries: readonly AclEntry[];
  entryAt(realPath: string): AclEntry | undefined;
  /** Every folder from the topmost one holding an ACL down to `realPath`; NP and IO count levels. */
  chainFor(realPath: string, isDirectory: boolean): ChainNode[];
}

function realOrResolved(path: string): { path: string; exists: boolean } {
  try {
    return { path: realpathSync(path), exists: true };
  } catch {
    return { path, exists: false };
  }
}

/** `/a/b/c` → `['/', '/a', '/a/b', '/a/b/c']` */
function ancestry(path: string): string[] {
  const parts = path.split('/').filter((part) => part !== '');
  const chain = ['/'];
  for (let i = 0; i < parts.length; i++) chain.push(`/${parts.slice(0, i + 1).join('/')}`);
  return chain;
}

/** The configuration's ACLs; ACE strings were validated when the configuration loaded. */
export function compileAclTable(config: UsherConfig, dir: string): AclTable {
  const directory = directoryOf(config);
  const resolveName = (name: string) => directory.resolve(name).sid;
  const entries: AclEntry[] = Object.entries(config.acl ?? {}).map(([key, entry]) => {
    const texts = entry.aces ?? [];
    const { path, exists } = realOrResolved(resolveConfigPath(dir, key));
    return {
      key,
      path,
      exists,
      texts,
      acl: { protected: entry.inheritance === 'disabled', aces: texts.map((text) => parseAce(text, resolveName)) },
    };
  });
  const byPath = new Map(entries.map((entry) => [entry.path, entry]));

  return {
    entries,
    entryAt: (realPath) => byPath.get(realPath),
    chainFor(realPath, isDirectory) {
      const paths = ancestry(realPath);
      const top = Math.max(0, paths.findIndex((path) => byPath.has(path)));
      return paths.slice(top).map((path, i, all) => ({
        path,
        isDirectory: i < all.length - 1 ? true : isDirectory,
        acl: byPath.get(path)?.acl,
      }));
    },
  };
}

/** How a path is written as an `acl:` key: relative to the file when inside its folder, else absolute. */
export function aclKeyFor(dir: string, realPath: string): string {
  const base = realOrResolved(dir).path;
  const rel = relative(base, realPath);
  if (rel === '') return '.';
  if (rel.startsWith('..') || isAbsolute(rel)) return realPath;
  return `./${rel.split(sep).join('/')}`;
}
