import { dirname, resolve } from 'node:path';
import type { Document } from 'yaml';
import { checkAcl } from './checks/acl.js';
import type { CheckContext, CheckOptions } from './checks/check-context.js';
import { checkGroupMembers, checkIdentities, checkPoolIdentities } from './checks/identities.js';
import { checkLocations } from './checks/locations.js';
import { checkPaths } from './checks/paths.js';
import { PRINCIPAL_CHECKS } from './checks/principals.js';
import { checkSites, poolIndex } from './checks/sites.js';
import { positionOf, withPositions, yamlErrorMessage } from './document-source.js';
import { formatFieldPath, type FieldPath } from './field-path.js';
import { sortIssues, type ConfigIssue } from './issues.js';
import { schemaProblems } from './schema-issues.js';
import { usherConfigSchema, type UsherConfig } from './schema/usher-config.js';

export interface ValidateOptions extends CheckOptions {
  /** Named in every issue; as the user gave it. */
  readonly file: string;
  /** Where relative paths start; defaults to the file's folder. */
  readonly dir?: string | undefined;
}

export type ValidationResult =
  | { readonly ok: true; readonly config: UsherConfig; readonly warnings: readonly ConfigIssue[] }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

type Section = keyof UsherConfig;

/**
 * Each check with the top-level sections it reads. A check runs when those sections passed the
 * schema, so one broken section still lets every unrelated problem be reported in the same run.
 */
function runChecks(context: CheckContext, valid: (section: Section) => boolean): void {
  const all = (...sections: Section[]): boolean => sections.every(valid);
  const errorsBefore = context.errorCount();
  const pools = all('applicationPools') ? poolIndex(context) : undefined;
  const accounts = all('identities') ? checkIdentities(context) : undefined;
  if (accounts && pools) checkPoolIdentities(context, accounts.users);
  // The hooks build a directory of principals from pools and accounts; with those broken, their
  // answers would repeat the same error once per name.
  const principalsHold = accounts !== undefined && pools !== undefined && context.errorCount() === errorsBefore;
  const hooks = principalsHold ? context : { ...context, options: { ...context.options, checkAce: undefined, checkPrincipal: undefined } };
  if (accounts) checkGroupMembers(hooks, accounts);
  const sites = pools && all('sites') ? checkSites(context, pools) : undefined;
  if (sites && accounts && all('locations')) checkLocations(hooks, sites, accounts);
  if (all('acl')) checkAcl(hooks);
  if (context.options.checkPaths !== false && all('sites', 'acl')) checkPaths(context);
}

export function validateConfig(document: Document, given: ValidateOptions): ValidationResult {
  // ACE strings and names are always checked against the real parser and directory unless a caller
  // deliberately hands in its own checks.
  const options: ValidateOptions = { ...PRINCIPAL_CHECKS, ...stripUndefined(given) };
  const doc = withPositions(document);
  const issues: ConfigIssue[] = [];
  const report = (path: FieldPath, message: string, severity: 'error' | 'warning' = 'error'): void => {
    const { line, column } = positionOf(doc, path);
    issues.push({ file: options.file, line, column, field: formatFieldPath(path), message, severity });
  };
  for (const [problems, severity] of [[doc.errors, 'error'], [doc.warnings, 'warning']] as const) {
    for (const problem of problems) {
      const pos = problem.linePos?.[0];
      issues.push({ file: options.file, line: pos?.line ?? 1, column: pos?.col ?? 1, field: '', message: yamlErrorMessage(problem), severity });
    }
  }
  if (doc.errors.length > 0) return { ok: false, issues };

  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    report([], `cannot be read: ${(error as Error).message}`);
    return { ok: false, issues };
  }
  if (data === null || data === undefined) {
    report([], 'the configuration is empty: run usher init to create one');
    return { ok: false, issues };
  }

  const parsed = usherConfigSchema.safeParse(data, { reportInput: true });
  const broken = new Set<string>();
  if (!parsed.success) {
    for (const problem of schemaProblems(parsed.error.issues, usherConfigSchema)) {
      report(problem.path, problem.message);
      broken.add(String(problem.path[0] ?? ''));
    }
  }
  // Checks see only the sections that passed; the rest are left out rather than guessed at.
  const partial = parsed.success || broken.has('') || typeof data !== 'object' || Array.isArray(data)
    ? parsed.data
    : usherConfigSchema.safeParse(
      Object.fromEntries(Object.entries(data as Record<string, unknown>).filter(([key]) => !broken.has(key))),
    ).data;
  if (partial) {
    const dir = options.dir ?? dirname(resolve(options.file));
    const errorCount = (): number => issues.filter((issue) => issue.severity === 'error').length;
    runChecks({ config: partial, dir, options, report, errorCount }, (section) => !broken.has(section));
  }
  const sorted = sortIssues(issues);
  if (parsed.success && !sorted.some((issue) => issue.severity === 'error')) {
    return { ok: true, config: parsed.data, warnings: sorted };
  }
  return { ok: false, issues: sorted };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
