import { formatAce } from '../../acl/index.js';
import { acesByPath, defineRule, downTo, grantsWrite, listSome, removeGrants } from '../rule.js';

export default defineRule({
  meta: {
    id: 'log-files-writable-by-web-identities',
    severity: 'high',
    title: 'Web identities can alter or delete the logs',
    sources: ['STIG V-218790', 'CIS 5.1'],
    fix: 'usher acl remove PATH PRINCIPAL --grants (logs: SYSTEM and Administrators Full control, nobody else)',
    docs:
      'Fires for an allow ACE with any write-class right (write, append, delete, change permissions or owner) for a web ' +
      'identity on a log folder or log file: every pool identity and pool SID, every anonymous identity, IUSR and the broad ' +
      'groups (Everyone, Users, Authenticated Users, Anonymous Logon, IIS_IUSRS), minus the admin set. The server process ' +
      'writes the logs, never the workers; a compromised application or an anonymous upload that may write there can erase ' +
      'the record of what it did. Reported once per path where such ACEs are explicit, wherever they are inherited to.',
  },
  check(snapshot, report) {
    const byPath = acesByPath(snapshot.files.applied, ({ ace, roles }) =>
      ace.type === 'allow' && roles.includes('log') && grantsWrite(ace.mask) && snapshot.identities.webIdentities.has(ace.sid));
    const name = (sid: string) => snapshot.identities.directory.shortName(sid);
    for (const [path, found] of byPath) {
      const sites = [...new Set(found.flatMap((applied) => applied.sites))];
      report({
        scope: `path:${path}`,
        message: `${listSome(found.map((applied) => formatAce(applied.ace, name)))} on ${path} ${found.length === 1 ? 'lets' : 'let'} a web identity ` +
          `change or delete ${sites.length > 0 ? `the logs of ${listSome(sites)}` : 'the logs'}${downTo(path, found)}`,
        fix: removeGrants(path, found, name),
      });
    }
  },
});
