import type { CompiledRules } from './compiled-rules.js';
import { printable } from './refusal.js';
import { hasNonAscii, spellings } from './unicode-fold.js';

/** A hidden segment found in a path: the name as configured, and how the request spelled it. */
export interface HiddenMatch {
  readonly name: string;
  readonly spelled: string | undefined;
}

/**
 * The first hidden segment of a canonical path (case-insensitive). Non-ASCII segments are also
 * checked in their folded spellings, so `ＷＥＢ.config`, `bın` and `web\u200B.config` are the
 * hidden names they stand for.
 */
export function findHiddenSegment(rules: CompiledRules, path: string, nonAscii: boolean): HiddenMatch | undefined {
  const pattern = rules.hidden;
  if (!pattern) return undefined;
  const direct = pattern.exec(path);
  if (direct) return { name: direct[1]!.toLowerCase(), spelled: undefined };
  if (!nonAscii) return undefined;
  for (const segment of path.split('/')) {
    if (!hasNonAscii(segment)) continue;
    for (const spelling of spellings(segment)) {
      // A spelling that folds into path syntax (`．．`, `a／b`) is the Windows-names rule's to refuse, as such.
      if (/[/\\]/.test(spelling) || spelling === '.' || spelling === '..') continue;
      const folded = pattern.exec(spelling);
      if (folded) return { name: folded[1]!.toLowerCase(), spelled: segment };
    }
  }
  return undefined;
}

/**
 * The extension IIS's fileExtensions compares: of the last segment, from its last dot, lower-cased;
 * `.` stands for "no extension" (as in IIS), and so does a folder form (`/x.bak/` names a folder,
 * and mapping refuses a file asked for with a trailing slash).
 */
export function extensionOf(path: string, trailingSlash: boolean): string {
  if (trailingSlash) return '.';
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '.' : name.slice(dot).toLowerCase();
}

/** Describes why the extension is refused, or undefined. */
export function extensionProblem(rules: CompiledRules, path: string, trailingSlash: boolean, nonAscii: boolean): string | undefined {
  if (!rules.checksExtensions) return undefined;
  const extension = extensionOf(path, trailingSlash);
  if (rules.deniedExtensions.has(extension)) return `file extension '${printable(extension)}' is denied`;
  if (nonAscii && !trailingSlash) {
    // `a.ｂａｋ` is `a.bak` to anything that folds compatibility characters.
    const name = path.slice(path.lastIndexOf('/') + 1);
    for (const spelling of spellings(name)) {
      const folded = extensionOf(`/${spelling}`, false);
      if (rules.deniedExtensions.has(folded)) return `file extension '${printable(extension)}' folds to the denied '${printable(folded)}'`;
    }
  }
  if (!rules.settings.fileExtensions.allowUnlisted && !rules.allowedExtensions.has(extension)) {
    return extension === '.'
      ? "no file extension, and unlisted extensions are not allowed (list '.' to allow names without one)"
      : `file extension '${printable(extension)}' is not in the allowed list`;
  }
  return undefined;
}

/**
 * Methods compare case-insensitively: Node's parser only produces its registered methods, all
 * upper-case, so there is no distinct `get` to tell apart, and a deny entry written `trace` must
 * not silently never match.
 */
export function verbProblem(rules: CompiledRules, method: string): string | undefined {
  if (!rules.checksVerbs) return undefined;
  const verb = method.toUpperCase();
  if (rules.deniedVerbs.has(verb)) return `verb ${printable(method)} is denied`;
  if (!rules.settings.verbs.allowUnlisted && !rules.allowedVerbs.has(verb)) return `verb ${printable(method)} is not in the allowed list`;
  return undefined;
}

/**
 * denyUrlSequences, case-insensitively, against every form the path had: as sent, decoded once, and
 * canonical. IIS matches the URL; matching only the raw form would let `%2e%2e` past a `..` rule,
 * matching only the canonical one would never see a `..` or `//` the canonical form has removed.
 */
export function sequenceProblem(rules: CompiledRules, forms: readonly string[]): string | undefined {
  if (rules.sequences.length === 0) return undefined;
  const lowered = forms.map((form) => form.toLowerCase());
  for (const sequence of rules.sequences) {
    if (lowered.some((form) => form.includes(sequence))) return `URL sequence '${printable(sequence)}' is denied`;
  }
  return undefined;
}
