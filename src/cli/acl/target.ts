import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsherError } from '../../shared/index.js';

/** A path given to an `acl` command, as the object it really is. */
export interface AclTarget {
  readonly given: string;
  /** Absolute, symlinks resolved: ACLs belong to objects, not to the names that lead to them. */
  readonly realPath: string;
  readonly isDirectory: boolean;
}

/** Resolves a file-system path (relative to the current folder, or absolute), which must exist. */
export function resolveTarget(given: string): AclTarget {
  const absolute = resolve(given);
  try {
    const realPath = realpathSync(absolute);
    return { given, realPath, isDirectory: statSync(realPath).isDirectory() };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code ?? 'error'})`;
    throw new UsherError(
      'USHER_ERR_ACL_PATH',
      `'${given}' ${why}: acl commands take a file-system path, relative to the current folder or absolute (here: ${absolute})`,
      { cause: error },
    );
  }
}
