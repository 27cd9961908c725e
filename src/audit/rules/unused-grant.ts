import { formatAce } from '../../acl/index.js';
import { defineRule, grantUsesByPath, listSome, observedGrantUse, shellQuote } from '../rule.js';

export default defineRule({
  meta: {
    id: 'unused-grant',
    severity: 'low',
    title: 'A person or group holds access it never used',
    sources: ['own (least privilege)'],
    fix: 'usher acl remove PATH PRINCIPAL --grants',
    evidence: { minDays: 14 },
    docs:
      'Evidence rule: fires for an explicit allow ACE inside a content tree for a local user or local group (outside the ' +
      'admin set, not a pool or anonymous identity, not a broad group) when the W3C logs of the window show no ' +
      'successful request (2xx or 3xx) by that user, or by any member of that group, for anything under the ACE\'s ' +
      'path. Usher\'s ACLs are enforced only by Usher, so its logs record every use. It runs only over sites whose logs ' +
      'cover at least 14 days, and judges an ACE only when every site serving its path has that much evidence; ' +
      'otherwise the report notes what was skipped. Reported once per path.',
  },
  check(snapshot, report) {
    const unused = observedGrantUse(snapshot, () => true).filter((use) => use.requests.length === 0);
    const name = (sid: string) => snapshot.identities.directory.shortName(sid);
    for (const { path, uses: found, sites, days } of grantUsesByPath(snapshot, unused)) {
      const who = found.map(({ ace, users }) => ace.principal.kind === 'local-group'
        ? `${ace.principal.name} (${users.length === 0 ? 'no members' : `members ${listSome(users)}`})`
        : ace.principal.name);
      report({
        scope: `path:${path}`,
        message: `${listSome(found.map(({ ace }) => formatAce(ace.ace, name)))} on ${path}: no successful request by ${listSome(who)} ` +
          `reached anything under it in ${days} days of ${listSome(sites)}'s logs`,
        fix: [...new Set(found.map(({ ace }) => name(ace.ace.sid)))].map((principal) => `usher acl remove ${shellQuote(path)} ${shellQuote(principal)} --grants`).join('; '),
      });
    }
  },
});
