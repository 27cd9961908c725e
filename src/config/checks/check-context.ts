import type { FieldPath } from '../field-path.js';
import type { UsherConfig } from '../schema/usher-config.js';

/**
 * What the cross-reference checks share. Checks run only on a config that passed the schema, so
 * they can trust its shape and look only at how the parts refer to each other.
 */
export interface CheckOptions {
  /** Why an ACE string is unusable (syntax, unknown principal), or undefined; wired from src/acl. */
  readonly checkAce?: ((text: string, config: UsherConfig) => string | undefined) | undefined;
  /**
   * Why a principal name does not resolve, or undefined; wired from src/identity. `group` asks for
   * a group (authorization roles). Without it, names that are not local accounts are not checked.
   */
  readonly checkPrincipal?: ((name: string, expected: 'any' | 'group', config: UsherConfig) => string | undefined) | undefined;
  /** Groups a `groups:` entry may name without a rid; defaults to `BUILTIN_GROUPS`. */
  readonly builtinGroups?: readonly string[] | undefined;
  /** Look at the disk for physical paths and ACL paths (warnings); on by default. */
  readonly checkPaths?: boolean | undefined;
}

export interface CheckContext {
  readonly config: UsherConfig;
  /** The configuration file's folder: relative paths start here. */
  readonly dir: string;
  readonly options: CheckOptions;
  report(path: FieldPath, message: string, severity?: 'error' | 'warning'): void;
  /** Errors reported so far: hooks are asked only about a config whose own references hold. */
  errorCount(): number;
}

/** A case-insensitive index of names, remembering where each was first defined. */
export class NameIndex {
  readonly #entries = new Map<string, { name: string; path: FieldPath }>();

  /** Adds a name; returns the earlier definition when it is a duplicate. */
  add(name: string, path: FieldPath): { name: string; path: FieldPath } | undefined {
    const key = name.toLowerCase();
    const earlier = this.#entries.get(key);
    if (!earlier) this.#entries.set(key, { name, path });
    return earlier;
  }

  /** The name as defined, matched case-insensitively. */
  lookup(name: string): string | undefined {
    return this.#entries.get(name.toLowerCase())?.name;
  }

  has(name: string): boolean {
    return this.#entries.get(name.toLowerCase())?.name === name;
  }

  /** Why `name` names nothing here, with the right spelling when only the case differs. */
  missing(kind: string, name: string): string | undefined {
    const entry = this.#entries.get(name.toLowerCase());
    if (entry?.name === name) return undefined;
    if (entry) return `no ${kind} named '${name}' (did you mean '${entry.name}'?)`;
    const known = [...this.#entries.values()].map((item) => item.name);
    if (known.length === 0) return `no ${kind} named '${name}' (none is defined)`;
    const shown = known.length > 8 ? `${known.slice(0, 8).join(', ')}, …` : known.join(', ');
    return `no ${kind} named '${name}' (known: ${shown})`;
  }
}
