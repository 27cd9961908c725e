import type { Snapshot } from './snapshot/model.js';
import type { Scope } from './scope.js';

/**
 * The audit rule contract (ESLint's meta + create, DESIGN §2): `meta` describes the rule and is all
 * the reporters and the generated docs need; `check` reads the read-only Snapshot and reports.
 * A rule file imports only this module (plus the pure acl/ and identity/ helpers): everything a
 * rule may use is re-exported below, and eslint.config.js enforces it.
 */

export type Severity = 'high' | 'medium' | 'low';

export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];

export interface RuleMeta {
  /** kebab-case, names the finding: the rule fires when its id is true (`directory-browsing-enabled`). */
  readonly id: string;
  readonly severity: Severity;
  /** One line: what is wrong, in a sysadmin's words. */
  readonly title: string;
  /** STIG / CIS / Microsoft references from the catalogue (`STIG V-218759`, `CIS 1.3`, `own`). */
  readonly sources: readonly string[];
  /** The general fix; a finding may carry a more precise one (a command with its arguments). */
  readonly fix: string;
  /** One paragraph: what is checked, why it matters, and what does not count. */
  readonly docs: string;
  /**
   * Evidence-based rules: the engine runs them only over sites whose W3C logs cover at least
   * `minDays`, and says in the report's notes which were skipped and why.
   */
  readonly evidence?: { readonly minDays: number };
}

export interface ReportDescriptor {
  readonly scope: Scope;
  /** Says what was found and where, naming the objects: a person must be able to act on it alone. */
  readonly message: string;
  /** Overrides `meta.fix` with this finding's own fix, as a command where one exists. */
  readonly fix?: string;
}

/** Reports one finding. The engine keeps one finding per (rule, scope): the first report wins. */
export type Report = (finding: ReportDescriptor) => void;

export interface AuditRule {
  readonly meta: RuleMeta;
  /** Synchronous and pure: the snapshot is all there is (no I/O, no clock, no randomness). */
  check(snapshot: Snapshot, report: Report): void;
}

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Declares a rule; a malformed meta fails when the module loads, not in the middle of an audit. */
export function defineRule(rule: AuditRule): AuditRule {
  const { meta } = rule;
  const problems = [
    RULE_ID.test(meta.id) ? undefined : 'id must be kebab-case',
    SEVERITIES.includes(meta.severity) ? undefined : 'severity must be high, medium or low',
    meta.title.trim() !== '' ? undefined : 'title is empty',
    meta.sources.length > 0 ? undefined : 'sources is empty (use "own" for Usher\'s own rules)',
    meta.fix.trim() !== '' ? undefined : 'fix is empty',
    meta.docs.trim() !== '' && !meta.docs.includes('\n\n') ? undefined : 'docs must be one paragraph',
    meta.evidence === undefined || meta.evidence.minDays > 0 ? undefined : 'evidence.minDays must be positive',
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) throw new TypeError(`audit rule '${meta.id}': ${problems.join('; ')}`);
  return Object.freeze(rule);
}

// What a rule may use, in one import.
export { scope, parseScope, locationTarget, type Scope, type ScopeKind } from './scope.js';
export type * from './snapshot/model.js';
export {
  ADMIN_SIDS, ANONYMOUS_LOGON, BROAD_GROUP_SIDS, CONTROL_CLASS_MASK, PRIVILEGED_GROUP_NAMES, READ_CLASS_MASK, SENSITIVE_SEGMENTS,
  TRUSTED_INSTALLER, WRITE_CLASS_MASK, grantsControl, grantsRead, grantsWrite, isLoopbackAddress, isSensitivePath, shellQuote,
} from './vocabulary.js';
export { describeRoles, listSome, plural } from './wording.js';
export { acesByPath, byExplicitPath, downTo, principalsOf, removeGrants, replaceGrants } from './explicit-aces.js';
export {
  within, mapLoggedUrl, isRequestPrincipal, usersActingAs, loggedUser, observedGrantUse, grantUsesByPath, READ_METHODS,
  type GrantUse, type GrantUseAtPath, type ObservedRequest,
} from './evidence.js';
