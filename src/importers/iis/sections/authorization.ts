import { readAttributes } from '../attributes.js';
import { attr, type XmlElement } from '../xml-tree.js';
import { applyCollection } from './collection.js';
import type { AuthorizationRule } from './location-state.js';
import type { SectionHandler } from './section-handler.js';

const norm = (text: string | undefined) => (text ?? '').split(',').map((part) => part.trim()).filter((part) => part !== '').join(',');

/** IIS keys a rule by users, roles and verbs together; a `<remove>` must name all three. */
function keyOf(rule: Pick<AuthorizationRule, 'users' | 'roles' | 'verbs'>): string {
  return `${rule.users.toLowerCase()}|${rule.roles.toLowerCase()}|${rule.verbs}`;
}

function ruleOf(element: XmlElement): AuthorizationRule | undefined {
  const type = attr(element, 'accessType')?.trim().toLowerCase();
  if (type !== 'allow' && type !== 'deny') return undefined;
  return {
    access: type,
    users: norm(attr(element, 'users')),
    roles: norm(attr(element, 'roles')),
    verbs: norm(attr(element, 'verbs')),
    place: { file: element.file, line: element.line },
  };
}

/** IIS URL Authorization (`system.webServer/security/authorization`), the native module. */
export const authorization: SectionHandler = {
  path: 'system.webServer/security/authorization',
  slice: 'authorization',
  inspect(element, context) {
    const attrs = readAttributes(element, context.sink);
    attrs.drop('bypassLoginPages', 'Usher has no login pages', ['true']);
    attrs.done(`URL authorization (${context.scope})`);
    for (const child of element.children) {
      if (child.name === 'add') {
        const rule = readAttributes(child, context.sink);
        const type = rule.take('accessType');
        rule.take('users');
        rule.take('roles');
        rule.take('verbs');
        rule.done('URL authorization rule');
        if (!/^(allow|deny)$/i.test(type?.trim() ?? '')) {
          context.sink.warn(child, `URL authorization rule without accessType Allow or Deny ('${type ?? ''}'): IIS refuses it, so it is skipped`);
        }
      } else if (child.name !== 'remove' && child.name !== 'clear') {
        context.sink.warn(child, `<${child.name}> in <authorization> is not carried over: only add, remove and clear are known`);
      }
    }
  },
  apply(state, element) {
    const rules = applyCollection<AuthorizationRule>(state.authorization, element, {
      keyOf,
      removeKey: (remove) => keyOf({ users: norm(attr(remove, 'users')), roles: norm(attr(remove, 'roles')), verbs: norm(attr(remove, 'verbs')) }),
      make: ruleOf,
    });
    return { ...state, authorization: rules };
  },
};
