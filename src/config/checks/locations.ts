import type { FieldPath } from '../field-path.js';
import { isAuthorizationClear, parseLocationKey } from '../schema/location.js';
import type { NameIndex, CheckContext } from './check-context.js';
import { checkUserReference, type AccountIndexes } from './identities.js';

const VERB = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function listItems(text: string): string[] {
  return text.split(',').map((item) => item.trim());
}

/**
 * Locations: keys that name an existing site, anonymous identities that resolve, and URL
 * authorization rules that can match someone (a rule with a misspelt name silently matches nobody).
 */
export function checkLocations(context: CheckContext, sites: NameIndex, accounts: AccountIndexes): void {
  const check = context.options.checkPrincipal;
  for (const [key, location] of Object.entries(context.config.locations ?? {})) {
    const path: FieldPath = ['locations', key];
    const parsed = parseLocationKey(key);
    if (typeof parsed === 'string') context.report(path, parsed);
    else {
      const problem = sites.missing('site', parsed.site);
      if (problem) context.report(path, `${problem}; a location key is 'SITE' or 'SITE/path'`);
    }

    const identity = location.authentication?.anonymous?.identity;
    if (typeof identity === 'object') {
      checkUserReference(context, accounts.users, identity.user, [...path, 'authentication', 'anonymous', 'identity', 'user']);
    }

    location.authorization?.forEach((rule, index) => {
      if (isAuthorizationClear(rule)) return;
      const rulePath: FieldPath = [...path, 'authorization', index];
      if (rule.users === undefined && rule.roles === undefined) {
        context.report(rulePath, 'a rule needs users or roles (users: "*" for everyone, "?" for anonymous)');
      }
      for (const [field, expected] of [['users', 'any'], ['roles', 'group']] as const) {
        const text = rule[field];
        if (text === undefined) continue;
        for (const name of listItems(text)) {
          if (name === '') context.report([...rulePath, field], 'empty name in the list (two commas, or a trailing comma)');
          else if (field === 'roles' && (name === '*' || name === '?')) context.report([...rulePath, field], `'${name}' belongs in users, not roles`);
          else if (name === '*' || name === '?') continue;
          else if (field === 'roles' ? accounts.groups.has(name) : accounts.users.has(name) || accounts.groups.has(name)) continue;
          else {
            const problem = check?.(name, expected, context.config);
            if (problem) context.report([...rulePath, field], problem);
          }
        }
      }
      if (rule.verbs !== undefined) {
        const bad = listItems(rule.verbs).filter((verb) => !VERB.test(verb));
        if (bad.length > 0) context.report([...rulePath, 'verbs'], `not an HTTP method: '${bad.join("', '")}' (write verbs: "GET,HEAD")`);
      }
    });
  }
}
