import { defineRule, listSome, shellQuote } from '../rule.js';

export default defineRule({
  meta: {
    id: 'acl-orphaned-sid',
    severity: 'low',
    title: 'An ACE names a principal that no longer exists',
    sources: ['own'],
    fix: 'usher acl remove PATH *SID',
    docs:
      'Fires for an ACE in the `acl:` section whose SID names no principal the configuration knows: no well-known ' +
      'account or group, no pool, no local user or group with that rid. Typical after an import from `icacls /save` or ' +
      'after a user was deleted. The ACE matches no token today, but it is noise that hides what the ACL really grants, ' +
      'and a new account that reuses the rid would inherit its rights silently. Reported once per path, listing the ACEs.',
  },
  check(snapshot, report) {
    for (const entry of snapshot.files.aclEntries) {
      const orphans = entry.aces.filter((ace) => ace.principal.kind === 'unknown');
      if (orphans.length === 0) continue;
      const sids = [...new Set(orphans.map((ace) => ace.principal.shortName))];
      report({
        scope: `path:${entry.path}`,
        message: `${listSome(orphans.map((ace) => ace.text))} on ${entry.path} (acl key ${entry.key}) ${orphans.length === 1 ? 'names' : 'name'} ` +
          `${sids.length === 1 ? 'a SID' : 'SIDs'} that no principal has: ${listSome(sids)}`,
        fix: `usher acl remove ${shellQuote(entry.path)} ${sids.map(shellQuote).join(' ')}`,
      });
    }
  },
});
