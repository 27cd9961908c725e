import { formatAce } from '../../acl/index.js';
import { acesByPath, defineRule, grantsWrite, listSome, principalsOf, removeGrants, type ObjectRole } from '../rule.js';

const SERVER_ROLES: Readonly<Partial<Record<ObjectRole, string>>> = {
  config: 'the configuration or its folder',
  history: 'the configuration history',
  install: "Usher's install folder",
};

export default defineRule({
  meta: {
    id: 'server-files-writable-by-non-admin',
    severity: 'high',
    title: "Non-admins can change Usher's program or configuration files",
    sources: ['STIG V-218814', 'STIG V-218816'],
    fix: 'usher acl remove PATH PRINCIPAL --grants (write access for administrators only)',
    docs:
      'Fires for an allow ACE with any write-class right (write, append, delete, change permissions or owner) for a ' +
      'principal outside the admin set (SYSTEM, Administrators, TrustedInstaller and members of Administrators) on ' +
      '`usher.yaml`, the folder that holds it, `.usher-history/` and its versions, or Usher\'s install folder when the audit ' +
      'is told where it is. Whoever may write there decides every identity, ACL and binding the server uses, or the code ' +
      'it runs. The catalogue\'s allowance for the server service identity (Modify on the configuration folder) and its ' +
      '`adminPrincipals` list have no counterpart in Usher yet: accept such a grant with an audit exception. Reported ' +
      'once per path where such ACEs are explicit.',
  },
  check(snapshot, report) {
    const { identities } = snapshot;
    const byPath = acesByPath(snapshot.files.applied, ({ ace, roles, principal }) =>
      ace.type === 'allow' && grantsWrite(ace.mask) && !identities.admins.has(ace.sid) && principal.kind !== 'placeholder' &&
      roles.some((role) => SERVER_ROLES[role] !== undefined));
    const name = (sid: string) => identities.directory.shortName(sid);
    for (const [path, found] of byPath) {
      const what = [...new Set(found.flatMap((applied) => applied.roles.flatMap((role) => SERVER_ROLES[role] ?? [])))];
      report({
        scope: `path:${path}`,
        message: `${listSome(found.map((applied) => formatAce(applied.ace, name)))} on ${path} ${found.length === 1 ? 'lets' : 'let'} ` +
          `${listSome(principalsOf(found))}, outside the admin set, change ${listSome(what)}`,
        fix: removeGrants(path, found, name),
      });
    }
  },
});
