import type { Ace, EffectiveAcl } from '../../acl/index.js';
import type { PrincipalRef } from './model.js';

/** The file side of the snapshot: the inventory, content roots, explicit ACLs and where each ACE applies. */

/**
 * Why the builder looked at an object: `content` under a content root, `log` in a log folder,
 * `config` the configuration file and its folder, `history` .usher-history/ and its versions,
 * `certificate` and `private-key` of https bindings, `install` Usher's own install folder.
 */
export type ObjectRole = 'content' | 'log' | 'config' | 'history' | 'certificate' | 'private-key' | 'install';

export interface FsObject {
  /** Absolute; inside a content root it is the real path (the walk never follows symlinks). */
  readonly path: string;
  readonly name: string;
  readonly kind: 'file' | 'directory' | 'symlink' | 'other';
  readonly roles: readonly ObjectRole[];
  /** Sites whose content tree (or log folder) holds it. */
  readonly sites: readonly string[];
  /** The content root it was found under. */
  readonly root: string | undefined;
  /** For symlinks: the target as written, where it resolves, and whether that is outside every content root. */
  readonly link?: { readonly target: string; readonly resolved: string | undefined; readonly escapesRoots: boolean };
  /** The effective ACL (not for symlinks: Usher checks access on the real path). */
  readonly acl: EffectiveAcl | undefined;
}

export interface ContentRootModel {
  /** Real path. */
  readonly path: string;
  readonly sites: readonly string[];
  /** File-system device id (stat.dev), for partition rules. */
  readonly device: number | undefined;
  /** Objects found under it, and whether the walk stopped at the cap. */
  readonly objects: number;
  readonly truncated: boolean;
  /** A `.usher-sample` marker at the root or in a folder above it (Usher's bundled demo carries one). */
  readonly sampleMarker: string | undefined;
}

/** One ACE of the `acl:` section, at the path where it is explicit. */
export interface ExplicitAce {
  readonly ace: Ace;
  /** As written in the file. */
  readonly text: string;
  readonly principal: PrincipalRef;
}

export interface AclEntryModel {
  readonly key: string;
  /** Real path (or the resolved path when it does not exist). */
  readonly path: string;
  readonly exists: boolean;
  readonly protected: boolean;
  readonly aces: readonly ExplicitAce[];
}

/**
 * An explicit ACE and the objects it applies to (not inherit-only there), gathered over every object
 * the snapshot holds: ACE rules iterate these and report at `from`, the path where the ACE is explicit.
 */
export interface AppliedAce {
  readonly from: string;
  /** The ACE as set on `from`. */
  readonly ace: Ace;
  readonly principal: PrincipalRef;
  readonly roles: readonly ObjectRole[];
  readonly sites: readonly string[];
  readonly objects: number;
  /** One object it applies to, for messages. */
  readonly example: string;
}

export interface FileModel {
  readonly objects: readonly FsObject[];
  readonly byPath: ReadonlyMap<string, FsObject>;
  readonly roots: readonly ContentRootModel[];
  readonly aclEntries: readonly AclEntryModel[];
  readonly applied: readonly AppliedAce[];
  /** Device id of `/`. */
  readonly rootDevice: number | undefined;
  /** Device ids of log folders, by path. */
  readonly logDevices: ReadonlyMap<string, number>;
}
