import { formatAce } from '../../acl/index.js';
import { acesByPath, defineRule, describeRoles, downTo, grantsControl, listSome, replaceGrants } from '../rule.js';


export default defineRule({
  meta: {
    id: 'web-identity-full-control',
    severity: 'high',
    title: 'A web identity can rewrite permissions or take ownership',
    sources: ['MS-ACL', 'STIG V-218780', 'STIG V-218814'],
    fix: 'usher acl grant PATH "PRINCIPAL:(OI)(CI)(M)" --replace (Modify at most, and only where needed)',
    docs:
      'Fires for an allow ACE that gives a web identity control of an object: Full control, change permissions (WDAC) or ' +
      'take ownership (WO), on content, logs, the configuration and its history, certificates and keys. Web identities are ' +
      'every pool identity and pool SID, every anonymous identity, IUSR and the broad groups (Everyone, Users, Authenticated ' +
      'Users, Anonymous Logon, IIS_IUSRS), except members of the admin set. Whoever holds control can grant itself anything ' +
      'else, so a compromised application or an anonymous visitor would own the files. Reported once per path where such ' +
      'ACEs are explicit.',
  },
  check(snapshot, report) {
    const byPath = acesByPath(snapshot.files.applied, ({ ace }) =>
      ace.type === 'allow' && grantsControl(ace.mask) && snapshot.identities.webIdentities.has(ace.sid));
    const name = (sid: string) => snapshot.identities.directory.shortName(sid);
    for (const [path, found] of byPath) {
      const roles = describeRoles(found.flatMap((applied) => applied.roles));
      report({
        scope: `path:${path}`,
        message: `${listSome(found.map((applied) => formatAce(applied.ace, name)))} on ${path} ${found.length === 1 ? 'gives' : 'give'} ` +
          `a web identity control (change permissions, take ownership) of ${listSome(roles)}${downTo(path, found)}`,
        fix: replaceGrants(path, found, 'M', name),
      });
    }
  },
});
