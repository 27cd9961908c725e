import { formatAce } from '../../acl/index.js';
import { acesByPath, defineRule, downTo, grantsRead, grantsWrite, listSome, principalsOf, removeGrants } from '../rule.js';

export default defineRule({
  meta: {
    id: 'log-files-readable-by-non-admins',
    severity: 'medium',
    title: 'Logs can be read by principals outside the admin set',
    sources: ['STIG V-218790'],
    fix: 'usher acl remove PATH PRINCIPAL --grants, or accept a reader group with an audit exception',
    docs:
      'Fires for an allow ACE with any read right on a log folder or log file for a principal outside the admin set ' +
      '(SYSTEM, Administrators, TrustedInstaller and members of Administrators). Logs hold client addresses, user names and ' +
      'every URL and query string, which is often enough to find private pages or replay links. A web identity that may ' +
      'also write the logs is left to `log-files-writable-by-web-identities`, so a principal is reported once. The ' +
      'catalogue\'s `audit.logReaders` list and the server service identity do not exist in Usher: record an approved ' +
      'reader group with an audit exception. Reported once per path where such ACEs are explicit.',
  },
  check(snapshot, report) {
    const { identities } = snapshot;
    // A web identity that may also write the logs is log-files-writable-by-web-identities' finding.
    const byPath = acesByPath(snapshot.files.applied, ({ ace, roles, principal }) =>
      ace.type === 'allow' && roles.includes('log') && grantsRead(ace.mask) && !identities.admins.has(ace.sid) &&
      principal.kind !== 'placeholder' && !(identities.webIdentities.has(ace.sid) && grantsWrite(ace.mask)));
    const name = (sid: string) => identities.directory.shortName(sid);
    for (const [path, found] of byPath) {
      const sites = [...new Set(found.flatMap((applied) => applied.sites))];
      report({
        scope: `path:${path}`,
        message: `${listSome(found.map((applied) => formatAce(applied.ace, name)))} on ${path} ${found.length === 1 ? 'lets' : 'let'} ` +
          `${listSome(principalsOf(found))}, outside the admin set, read ` +
          `${sites.length > 0 ? `the logs of ${listSome(sites)}` : 'the logs'}${downTo(path, found)}`,
        fix: removeGrants(path, found, name),
      });
    }
  },
});
