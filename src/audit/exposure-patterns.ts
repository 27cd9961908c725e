import type { ExposureCategory } from './snapshot/model.js';

/**
 * The names an attacker tries first (issue 4; catalogue `vcs-or-secret-files-exposed` and
 * `backup-or-source-files-in-content`), matched on the file or folder name, case-insensitively.
 */
const VCS_FOLDERS: ReadonlySet<string> = new Set(['.git', '.svn', '.hg']);

const PATTERNS: readonly (readonly [ExposureCategory, RegExp])[] = [
  ['secret', /^\.env(\..+)?$/i],
  ['secret', /\.(key|pem|pfx|p12|kdbx)$/i],
  ['secret', /^id_(rsa|dsa|ecdsa|ed25519)(?!.*\.pub$)/i],
  ['secret', /^\.htpasswd$/i],
  ['config', /^web\.config$/i],
  // Usher's own configuration, and copies of it (usher.yaml.bak matches `backup` too).
  ['config', /^usher[^/]*\.(ya?ml|json)(\..*)?$/i],
  ['database', /\.(sqlite3?|db|mdf|ldf|mdb)$/i],
  ['backup', /\.(bak|old|orig|tmp|temp|backup|swp)$/i],
  ['backup', /~$/],
  ['backup', /^copy of /i],
  ['source', /\.(java|jpp)$/i],
];

/** The categories a content object falls in; empty for anything ordinary. */
export function exposureCategories(name: string, kind: 'file' | 'directory' | 'symlink' | 'other'): ExposureCategory[] {
  if (kind === 'directory') return VCS_FOLDERS.has(name.toLowerCase()) ? ['vcs'] : [];
  if (kind !== 'file') return [];
  const categories = new Set<ExposureCategory>();
  for (const [category, pattern] of PATTERNS) if (pattern.test(name)) categories.add(category);
  return [...categories];
}

/** Whether a path lies inside repository metadata (its files are judged with their folder). */
export function insideVcsFolder(path: string): boolean {
  return path.split('/').slice(0, -1).some((segment) => VCS_FOLDERS.has(segment.toLowerCase()));
}
