import { dirname } from 'node:path';
import { effectiveAcl, type Ace, type EffectiveAcl } from '../../acl/index.js';
import type { Generation } from '../../pipeline/index.js';
import { principalRef } from './identities.js';
import type { AclEntryModel, AppliedAce, FsObject, ObjectRole, PrincipalRef } from './model.js';
import type { WalkedObject } from './file-walk.js';

const flagText = (ace: Ace) =>
  `${ace.flags.objectInherit ? 'OI' : ''}${ace.flags.containerInherit ? 'CI' : ''}${ace.flags.noPropagate ? 'NP' : ''}${ace.flags.inheritOnly ? 'IO' : ''}`;

const aceKey = (from: string, ace: Ace) => `${from}\u0000${ace.type}\u0000${ace.sid}\u0000${ace.mask >>> 0}\u0000${flagText(ace)}`;

interface AppliedDraft {
  readonly from: string;
  readonly ace: Ace;
  readonly principal: PrincipalRef;
  readonly roles: Set<ObjectRole>;
  readonly sites: Set<string>;
  objects: number;
  readonly example: string;
}

/**
 * The effective ACL of every object. An object without an `acl:` entry of its own receives exactly
 * what its siblings of the same kind receive, so one computation per folder and kind serves them
 * all (10 000 files in 500 folders cost 500 inheritance walks, not 10 000).
 */
function aclComputer(generation: Generation): (path: string, isDirectory: boolean) => EffectiveAcl {
  const shared = new Map<string, EffectiveAcl>();
  return (path, isDirectory) => {
    const compute = () => effectiveAcl(generation.acls.chainFor(path, isDirectory));
    if (generation.acls.entryAt(path) !== undefined) return compute();
    const key = `${isDirectory ? 'd' : 'f'}${dirname(path)}`;
    const first = shared.get(key);
    if (!first) {
      const acl = compute();
      shared.set(key, acl);
      return acl;
    }
    return {
      ...first,
      path,
      unreached: first.unreached.map((entry) => (entry.stoppedAt === first.path ? { ...entry, stoppedAt: path } : entry)),
    };
  };
}

/**
 * Freezes the walked objects with their effective ACLs, and gathers every explicit ACE with the
 * objects it really applies to (inherit-only copies do not count), so ACE rules look at each ACE
 * once and report it where it is explicit, as the catalogue asks.
 */
export function indexAcls(generation: Generation, walked: Iterable<WalkedObject>): { objects: FsObject[]; applied: AppliedAce[] } {
  const directory = generation.directory;
  const principals = new Map<string, PrincipalRef>();
  const principalOf = (sid: string) => {
    let principal = principals.get(sid);
    if (!principal) principals.set(sid, (principal = principalRef(directory, sid)));
    return principal;
  };
  const drafts = new Map<string, AppliedDraft>();
  const objects: FsObject[] = [];
  const aclOf = aclComputer(generation);
  for (const object of walked) {
    const hasAcl = object.kind === 'file' || object.kind === 'directory';
    const acl = hasAcl ? aclOf(object.path, object.kind === 'directory') : undefined;
    for (const ace of acl?.aces ?? []) {
      if (ace.flags.inheritOnly) continue;
      const key = aceKey(ace.from, ace.origin);
      let draft = drafts.get(key);
      if (!draft) {
        draft = {
          from: ace.from, ace: ace.origin, principal: principalOf(ace.sid), roles: new Set(), sites: new Set(), objects: 0, example: object.path,
        };
        drafts.set(key, draft);
      }
      draft.objects++;
      for (const role of object.roles) draft.roles.add(role);
      for (const site of object.sites) draft.sites.add(site);
    }
    objects.push({
      path: object.path, name: object.name, kind: object.kind, roles: [...object.roles], sites: [...object.sites], root: object.root,
      ...(object.link ? { link: { ...object.link } } : {}), acl,
    });
  }
  const applied = [...drafts.values()].map((draft): AppliedAce => ({
    from: draft.from, ace: draft.ace, principal: draft.principal, roles: [...draft.roles], sites: [...draft.sites],
    objects: draft.objects, example: draft.example,
  }));
  return { objects, applied };
}

export function aclEntries(generation: Generation): AclEntryModel[] {
  const directory = generation.directory;
  return generation.acls.entries.map((entry) => ({
    key: entry.key,
    path: entry.path,
    exists: entry.exists,
    protected: entry.acl.protected,
    aces: entry.acl.aces.map((ace, i) => ({ ace, text: entry.texts[i] ?? '', principal: principalRef(directory, ace.sid) })),
  }));
}
