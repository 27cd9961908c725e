import { formatAce } from '../../acl/index.js';
import { defineRule, grantsWrite, grantUsesByPath, listSome, observedGrantUse, READ_METHODS, replaceGrants } from '../rule.js';

export default defineRule({
  meta: {
    id: 'grant-exceeds-observed-use',
    severity: 'low',
    title: 'Write access is held but only reads happen',
    sources: ['own (least privilege)'],
    fix: 'usher acl grant PATH "PRINCIPAL:(OI)(CI)(RX)" --replace',
    evidence: { minDays: 14 },
    docs:
      'Evidence rule: fires for an explicit allow ACE inside a content tree that gives a local user or local group ' +
      '(outside the admin set, not a pool or anonymous identity, not a broad group) a write-class right, when the W3C ' +
      'logs of the window show successful requests (2xx or 3xx) by that user, or by members of that group, under the ' +
      'ACE\'s path, and every one of them used a read method: GET, HEAD, OPTIONS or PROPFIND. A grant nobody used at all ' +
      'is `unused-grant`. Usher\'s ACLs are enforced only by Usher, so its logs record every use. It runs only over sites ' +
      'whose logs cover at least 14 days, and judges an ACE only when every site serving its path has that much ' +
      'evidence. Reported once per path.',
  },
  check(snapshot, report) {
    // No use at all is unused-grant's finding; one write is a use of the write right.
    const readOnly = observedGrantUse(snapshot, (applied) => grantsWrite(applied.ace.mask))
      .filter(({ requests }) => requests.length > 0 && requests.every((hit) => READ_METHODS.has(hit.method)));
    const name = (sid: string) => snapshot.identities.directory.shortName(sid);
    for (const { path, uses: found, sites, days } of grantUsesByPath(snapshot, readOnly)) {
      const methods = [...new Set(found.flatMap(({ requests }) => requests.map((hit) => hit.method)))].sort();
      const count = found.reduce((sum, { requests }) => sum + requests.length, 0);
      report({
        scope: `path:${path}`,
        message: `${listSome(found.map(({ ace }) => formatAce(ace.ace, name)))} on ${path} ${found.length === 1 ? 'allows' : 'allow'} writing, ` +
          `but in ${days} days of ${listSome(sites)}'s logs ${count === 1 ? 'the only successful request' : `all ${count} successful requests`} by ${listSome(found.map(({ ace }) => ace.principal.name))} ` +
          `under it only read (${methods.join(', ')})`,
        fix: replaceGrants(path, found.map(({ ace }) => ace), 'RX', name),
      });
    }
  },
});
