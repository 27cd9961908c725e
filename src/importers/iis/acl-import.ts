import { statSync } from 'node:fs';
import {
  effectiveAcl, formatAce, mapGenericBits, parseSddl, type Ace, type Acl, type ChainNode,
} from '../../acl/index.js';
import type { AclEntryConfig } from '../../config/index.js';
import { createDirectory } from '../../identity/index.js';
import { isUsherError } from '../../shared/index.js';
import { expandVariables, type PathMapper } from './path-mapping.js';
import type { Place, WarningSink } from './warnings.js';

/** One object's DACL from an `icacls /save` file or an `--sddl` option, at its Windows path. */
export interface SourceAcl {
  readonly windowsPath: string;
  readonly sddl: string;
  readonly place: Place;
}

export interface ImportedAclEntry {
  readonly key: string;
  readonly entry: AclEntryConfig;
  readonly place: Place;
  readonly windowsPath: string;
}

interface Parsed extends SourceAcl {
  readonly canonical: string;
  readonly acl: Acl;
  readonly local: string | undefined;
}

const CREATOR_OWNER = 'S-1-3-0';
const canonical = (path: string) => expandVariables(path.trim()).replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase();
const parentOf = (path: string) => (path.includes('\\') ? path.slice(0, path.lastIndexOf('\\')) : undefined);
const flagKey = (ace: Ace) => `${ace.type}|${ace.sid}|${ace.mask >>> 0}|${+ace.flags.objectInherit}${+ace.flags.containerInherit}${+ace.flags.noPropagate}${+ace.flags.inheritOnly}`;

function isDirectory(object: Parsed, all: readonly Parsed[]): boolean {
  if (object.local !== undefined) {
    try {
      return statSync(object.local).isDirectory();
    } catch {
      // Not copied over yet: fall through to what the ACL itself says.
    }
  }
  if (all.some((other) => other.canonical.startsWith(`${object.canonical}\\`))) return true;
  return object.acl.aces.some((ace) => ace.flags.objectInherit || ace.flags.containerInherit);
}

/**
 * Whether the inherited ACEs the source holds are the ones Usher computes from the imported folders
 * above: they differ when a folder in between was not saved, or the source was never re-propagated.
 * CREATOR OWNER is left out of the comparison: Windows gives the object's owner its own copy, and
 * Usher keeps CREATOR OWNER as a placeholder that matches no token.
 */
function inheritsAsComputed(object: Parsed, chain: ChainNode[]): boolean {
  const computed = effectiveAcl(chain).aces.filter((ace) => ace.level > 0);
  const owners = computed.filter((ace) => ace.sid === CREATOR_OWNER);
  const pool = computed.filter((ace) => ace.sid !== CREATOR_OWNER).map(flagKey);
  for (const ace of object.acl.aces.filter((candidate) => candidate.flags.inherited && candidate.sid !== CREATOR_OWNER)) {
    const at = pool.indexOf(flagKey(ace));
    if (at >= 0) {
      pool.splice(at, 1);
      continue;
    }
    const ownerCopy = !ace.flags.objectInherit && !ace.flags.containerInherit &&
      owners.some((owner) => owner.type === ace.type && mapGenericBits(owner.mask) === mapGenericBits(ace.mask));
    if (!ownerCopy) return false;
  }
  return pool.length === 0;
}

/**
 * DACLs of the source become `acl:` entries keyed by the mapped path. SIDs are what count (display
 * names are localized): well-known and pool SIDs are written by name, others as `*S-…` and reported.
 * Inherited ACEs are dropped where the folder they come from is imported too, since Usher computes
 * inheritance; on the topmost imported objects they become explicit, with a warning.
 */
export function importAcls(
  sources: readonly SourceAcl[], pools: readonly { name: string }[], mapper: PathMapper, sink: WarningSink, legacyAccounts: readonly string[],
): ImportedAclEntry[] {
  const byPath = new Map<string, Parsed>();
  for (const source of sources) {
    let dacl;
    try {
      dacl = parseSddl(source.sddl);
    } catch (error) {
      if (!isUsherError(error)) throw error;
      sink.warn(source.place, `the DACL of ${source.windowsPath} cannot be read (${error.message}): skipped`);
      continue;
    }
    if (dacl.nullDacl) {
      sink.warn(source.place, `${source.windowsPath} has a NULL DACL (everyone may do anything): not carried over, it inherits from above in Usher`);
      continue;
    }
    const key = canonical(source.windowsPath);
    const earlier = byPath.get(key);
    if (earlier) sink.warn(source.place, `${source.windowsPath} was given before (${earlier.place.file}:${earlier.place.line}): this one replaces it`);
    byPath.set(key, { ...source, canonical: key, acl: { protected: dacl.protected, aces: dacl.aces }, local: mapper.lookup(source.windowsPath) });
  }
  const objects = [...byPath.values()];
  const directory = createDirectory({ pools });
  const unknownSids = new Map<string, { count: number; place: Place }>();
  const madeExplicit = new Map<string, { place: Place; parent: string; names: string[] }>();
  const mismatched: { place: Place; path: string }[] = [];
  const unmappedRoots = new Map<string, Place>();
  const entries: ImportedAclEntry[] = [];
  const keys = new Set<string>();
  const dirs = new Map(objects.map((object) => [object.canonical, isDirectory(object, objects)]));

  // What each object's entry holds: its explicit ACEs, plus (on the topmost imported objects) the
  // inherited ones made explicit, since nothing imported above them would pass them on.
  const ancestorOf = new Map<Parsed, string | undefined>();
  const imported = new Map<string, Acl>();
  for (const object of objects) {
    let ancestor: string | undefined;
    for (let up = parentOf(object.canonical); up !== undefined; up = parentOf(up)) {
      if (byPath.has(up)) {
        ancestor = up;
        break;
      }
    }
    ancestorOf.set(object, ancestor);
    const aces = ancestor !== undefined
      ? object.acl.aces.filter((ace) => !ace.flags.inherited)
      : object.acl.aces.map((ace) => ({ ...ace, flags: { ...ace.flags, inherited: false } }));
    imported.set(object.canonical, { protected: object.acl.protected, aces });
  }

  for (const object of objects) {
    const ancestor = ancestorOf.get(object);
    const aces = imported.get(object.canonical)!.aces;
    const inherited = object.acl.aces.filter((ace) => ace.flags.inherited);
    if (ancestor !== undefined) {
      if (inherited.length > 0 && !object.acl.protected) {
        // Check that Usher, recomputing, gives what Windows had: the chain from the topmost imported folder down.
        const chainPaths: string[] = [];
        for (let up: string | undefined = object.canonical; up !== undefined; up = parentOf(up)) chainPaths.unshift(up);
        const top = chainPaths.findIndex((path) => byPath.has(path));
        const chain: ChainNode[] = chainPaths.slice(top).map((path, index, all) => ({
          path,
          isDirectory: index < all.length - 1 ? true : dirs.get(object.canonical) ?? false,
          acl: imported.get(path),
        }));
        if (!inheritsAsComputed(object, chain)) mismatched.push({ place: object.place, path: object.windowsPath });
      }
    } else if (inherited.length > 0) {
      const parent = parentOf(object.windowsPath.replace(/\\+$/, '')) ?? 'its parent folder';
      const group = madeExplicit.get(parent.toLowerCase()) ?? { place: object.place, parent, names: [] };
      group.names.push(object.windowsPath);
      madeExplicit.set(parent.toLowerCase(), group);
      const explicitAllow = object.acl.aces.some((ace) => !ace.flags.inherited && ace.type === 'allow');
      if (explicitAllow && inherited.some((ace) => ace.type === 'deny')) {
        sink.warn(object.place, `${object.windowsPath}: an inherited deny made explicit now comes before the object's own allow ACEs ` +
          '(explicit denies are checked first), so access there may be refused that Windows granted; import the parent folder too');
      }
    }
    if (aces.length === 0 && !object.acl.protected) continue;
    for (const ace of aces) {
      if (directory.lookup(ace.sid) !== undefined) continue;
      const known = unknownSids.get(ace.sid);
      unknownSids.set(ace.sid, { count: (known?.count ?? 0) + 1, place: known?.place ?? object.place });
    }
    let key: string;
    if (object.local !== undefined) key = mapper.written(object.local);
    else {
      key = object.windowsPath;
      const root = object.place.file;
      if (!unmappedRoots.has(root)) unmappedRoots.set(root, object.place);
    }
    if (keys.has(key)) {
      sink.warn(object.place, `${object.windowsPath} maps to ${key}, which another saved object maps to: skipped`);
      continue;
    }
    keys.add(key);
    const entry: AclEntryConfig = {
      ...(object.acl.protected ? { inheritance: 'disabled' as const } : {}),
      aces: aces.map((ace) => formatAce(ace, (sid) => directory.shortName(sid))),
    };
    entries.push({ key, entry, place: object.place, windowsPath: object.windowsPath });
  }

  for (const group of madeExplicit.values()) {
    const shown = group.names.length > 3 ? `${group.names.slice(0, 3).join(', ')} and ${group.names.length - 3} more` : group.names.join(', ');
    sink.warn(group.place, `ACEs inherited from ${group.parent} (not imported) are made explicit on ${shown}: ` +
      'Usher computes inheritance only from entries it has; import the parent folder to keep them inherited');
  }
  if (mismatched.length > 0) {
    const shown = mismatched.slice(0, 3).map((item) => item.path).join(', ');
    sink.warn(mismatched[0]!.place, `${mismatched.length} object(s) inherited other ACEs than Usher computes from the imported folders above them (${shown}${mismatched.length > 3 ? ', …' : ''}): ` +
      'a folder in between was not saved, or the source was not re-propagated; Usher uses what it computes, check with usher acl show');
  }
  for (const [, place] of unmappedRoots) {
    sink.warn(place, 'the saved paths have no --map-path: their acl entries keep the Windows paths and protect nothing here (usher config check warns); add --map-path WINDIR=DIR');
  }
  for (const [sid, { count, place }] of unknownSids) {
    const pool = sid.startsWith('S-1-5-82-') ? ' (an application pool that is not in this import)' : '';
    const legacy = sid.startsWith('S-1-5-21-') && legacyAccounts.length > 0 ? `; ${legacyAccounts.join(', ')} may be this account, and it is not re-pointed to IUSR` : '';
    sink.warn(place, `SID ${sid}${pool} in ${count} ACE(s) names no account Usher knows: kept as *${sid}, which matches nobody ` +
      `(local and domain accounts of the source are not imported)${legacy}`);
  }
  return entries.sort((a, b) => a.key.localeCompare(b.key));
}
