import { dirname } from 'node:path';
import type { Document } from 'yaml';
import { formatAce, sameAce, type Ace, type Acl, type ChainNode } from '../../acl/index.js';
import {
  aclKeyFor, compileAclTable, deleteValue, directoryOf, openStore, setValue, type AclEntry, type LoadedConfig, type UsherConfig,
} from '../../config/index.js';
import type { Directory } from '../../identity/index.js';
import type { AclTarget } from './target.js';

/** What an edit sees: the object's ACL now, the chain above it, and the names to parse ACEs with. */
export interface AclEditInput {
  readonly current: Acl;
  readonly chain: readonly ChainNode[];
  readonly directory: Directory;
}

export interface AclEditResult {
  readonly key: string;
  readonly before: Acl;
  /** Undefined when the edit removed the entry (reset). */
  readonly after: Acl | undefined;
  readonly texts: readonly string[];
  readonly loaded: LoadedConfig;
}

/**
 * ACE strings for the new ACL: an ACE that was already there keeps the spelling it was written in;
 * a new or changed one is written with the shortest name that resolves back to its SID.
 */
function textsFor(after: Acl, entry: AclEntry | undefined, directory: Directory): string[] {
  const unused = (entry?.acl.aces ?? []).map((ace, index) => ({ ace, text: entry!.texts[index]! }));
  return after.aces.map((ace: Ace) => {
    const at = unused.findIndex((old) => sameAce(old.ace, ace));
    if (at >= 0) return unused.splice(at, 1)[0]!.text;
    return formatAce(ace, (sid) => directory.shortName(sid));
  });
}

function writeEntry(document: Document, key: string, after: Acl | undefined, texts: readonly string[]): void {
  if (after === undefined || (after.aces.length === 0 && !after.protected)) {
    deleteValue(document, ['acl', key], { prune: true });
    return;
  }
  setValue(document, ['acl', key, 'aces'], [...texts]);
  if (after.protected) setValue(document, ['acl', key, 'inheritance'], 'disabled');
  else deleteValue(document, ['acl', key, 'inheritance']);
}

/**
 * Applies `edit` to the ACL of `target` through the config store: under its lock, on the file as
 * it is now, validated, kept in history. `edit` returns the new ACL, or undefined to remove the entry.
 */
export async function editAcl(
  configPath: string,
  target: AclTarget,
  edit: (input: AclEditInput) => Acl | undefined,
  describe: (key: string) => string,
): Promise<AclEditResult> {
  let result: Omit<AclEditResult, 'loaded'> | undefined;
  const loaded = await openStore(configPath).edit(
    (document: Document, config: UsherConfig) => {
      const dir = dirname(configPath);
      const table = compileAclTable(config, dir);
      const directory = directoryOf(config);
      const entry = table.entryAt(target.realPath);
      const key = entry?.key ?? aclKeyFor(dir, target.realPath);
      const current: Acl = entry?.acl ?? { protected: false, aces: [] };
      const after = edit({ current, chain: table.chainFor(target.realPath, target.isDirectory), directory });
      const texts = after ? textsFor(after, entry, directory) : [];
      writeEntry(document, key, after, texts);
      result = { key, before: current, after, texts };
    },
    { message: describe(aclKeyFor(dirname(configPath), target.realPath)) },
  );
  return { ...result!, loaded };
}
