import type { AuthorizationRuleConfig, EffectiveLocation } from '../../config/index.js';
import type { Directory, Sid } from '../../identity/index.js';
import type { RequestUser } from '../../pipeline/index.js';

/** A URL rule with its lists split and its roles resolved to SIDs once. */
interface CompiledRule {
  readonly rule: AuthorizationRuleConfig;
  readonly allow: boolean;
  readonly everyone: boolean;
  readonly anonymous: boolean;
  readonly users: ReadonlySet<string>;
  readonly roles: readonly Sid[];
  readonly verbs: ReadonlySet<string> | undefined;
}

const list = (text: string | undefined) => (text ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');

function compileRule(rule: AuthorizationRuleConfig, directory: Directory): CompiledRule {
  const users = list(rule.users);
  return {
    rule,
    allow: rule.access === 'allow',
    everyone: users.includes('*'),
    anonymous: users.includes('?'),
    users: new Set(users.filter((name) => name !== '*' && name !== '?').map((name) => name.toLowerCase())),
    // Names were validated when the configuration loaded; a role that stopped resolving matches nobody.
    roles: list(rule.roles).flatMap((name) => {
      try {
        return [directory.resolve(name).sid];
      } catch {
        return [];
      }
    }),
    verbs: rule.verbs === undefined ? undefined : new Set(list(rule.verbs)),
  };
}

function matches(rule: CompiledRule, user: RequestUser, method: string): boolean {
  if (rule.verbs !== undefined && rule.verbs.size > 0 && !rule.verbs.has(method)) return false;
  if (rule.everyone) return true;
  if (user.method === 'anonymous') {
    if (rule.anonymous) return true;
  } else if (user.userName !== undefined && rule.users.has(user.userName.toLowerCase())) {
    return true;
  }
  // Roles are the groups in the request's token (deny-only ones never grant membership).
  return rule.roles.some((sid) => user.token.token.sids.some((entry) => entry.sid === sid && !entry.denyOnly));
}

const compiled = new WeakMap<EffectiveLocation, { directory: Directory; rules: CompiledRule[] }>();

export interface UrlRuleVerdict {
  readonly allowed: boolean;
  /** The rule that decided, or undefined when no rule matched (which refuses). */
  readonly rule: AuthorizationRuleConfig | undefined;
}

/**
 * IIS URL Authorization: every deny rule first (parents before children), then every allow rule;
 * the first match decides, and no match refuses.
 */
export function evaluateUrlRules(location: EffectiveLocation, directory: Directory, user: RequestUser, method: string): UrlRuleVerdict {
  let entry = compiled.get(location);
  if (!entry || entry.directory !== directory) {
    entry = { directory, rules: location.authorization.map((rule) => compileRule(rule, directory)) };
    compiled.set(location, entry);
  }
  for (const rule of entry.rules) if (!rule.allow && matches(rule, user, method)) return { allowed: false, rule: rule.rule };
  for (const rule of entry.rules) if (rule.allow && matches(rule, user, method)) return { allowed: true, rule: rule.rule };
  return { allowed: false, rule: undefined };
}

export function describeRule(rule: AuthorizationRuleConfig): string {
  return [rule.access, ...(['users', 'roles', 'verbs'] as const).flatMap((field) => (rule[field] === undefined ? [] : [`${field}="${rule[field]}"`]))].join(' ');
}
