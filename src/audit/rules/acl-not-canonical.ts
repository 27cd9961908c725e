import { canonicalOrder, isCanonical } from '../../acl/index.js';
import { defineRule, type ExplicitAce } from '../rule.js';

/** The first ACE listed after one it should precede, with the one it should precede. */
function firstMisplaced(aces: readonly ExplicitAce[]): { late: ExplicitAce; before: ExplicitAce } | undefined {
  const ordered = canonicalOrder(aces.map((entry, index) => ({ ...entry.ace, index })));
  for (let i = 0; i < ordered.length; i++) {
    const at = ordered[i]!.index;
    if (at !== i) return { late: aces[at]!, before: aces[i]! };
  }
  return undefined;
}

const kind = (entry: ExplicitAce) =>
  `${entry.ace.flags.inherited ? 'inherited' : 'explicit'} ${entry.ace.type === 'deny' ? 'deny' : 'allow'}`;

export default defineRule({
  meta: {
    id: 'acl-not-canonical',
    severity: 'medium',
    title: 'The ACL is not in canonical order, so a deny may never apply',
    sources: ['own (Windows canonical ACE order)'],
    fix: 'Rewrite the aces: list in canonical order: explicit denies, explicit allows, then entries marked (I)',
    docs:
      'Fires for an `aces:` list in the `acl:` section that is not in canonical order: explicit deny, explicit allow, ' +
      'then ACEs carrying the inherited marker (I). Usher evaluates every ACL in canonical order whatever the file says, ' +
      'so the deny does apply here; but the list reads as if an allow came first, Windows evaluates a stored ACL in the ' +
      'order written (where such a deny never applies), and an ACL copied back to Windows or read by someone used to ' +
      'that behaves differently. `usher acl grant` and `usher acl deny` always write canonical order. Reported once per ' +
      'path.',
  },
  check(snapshot, report) {
    for (const entry of snapshot.files.aclEntries) {
      if (isCanonical(entry.aces.map((ace) => ace.ace))) continue;
      const misplaced = firstMisplaced(entry.aces)!;
      const ordered = canonicalOrder(entry.aces.map((ace, index) => ({ ...ace.ace, index }))).map((ace) => entry.aces[ace.index]!.text);
      report({
        scope: `path:${entry.path}`,
        message: `the aces: of acl key ${entry.key} are not in canonical order: ${misplaced.late.text} (${kind(misplaced.late)}) is listed ` +
          `after ${misplaced.before.text} (${kind(misplaced.before)}); Usher applies them in canonical order, Windows would not`,
        fix: `write the list in canonical order under acl: '${entry.key}' in the configuration: aces: [${ordered.map((text) => JSON.stringify(text)).join(', ')}]`,
      });
    }
  },
});
