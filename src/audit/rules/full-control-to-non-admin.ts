import { formatAce } from '../../acl/index.js';
import { acesByPath, defineRule, describeRoles, downTo, grantsControl, listSome, principalsOf, replaceGrants } from '../rule.js';


export default defineRule({
  meta: {
    id: 'full-control-to-non-admin',
    severity: 'medium',
    title: 'A named non-admin principal holds Full control',
    sources: ['STIG V-218779', 'STIG V-218780', 'STIG V-218814', 'MS-ACL'],
    fix: 'usher acl grant PATH "PRINCIPAL:(OI)(CI)(M)" --replace (or RX where nothing is written)',
    docs:
      'Fires for an allow ACE that gives control of an object (Full control, change permissions WDAC, take ownership WO, ' +
      'or GENERIC_ALL) to a named principal that is neither in the admin set (SYSTEM, Administrators, TrustedInstaller ' +
      'and members of Administrators) nor a web identity (those are `web-identity-full-control`): a local user or group ' +
      'such as an editor account, on content, logs, the configuration, its history, certificates or keys. Control lets ' +
      'the holder grant itself or anyone else any right, so the ACL no longer says who can do what. Reported once per ' +
      'path where such ACEs are explicit.',
  },
  check(snapshot, report) {
    const { admins, webIdentities } = snapshot.identities;
    // CREATOR OWNER stands for someone else; an unknown SID matches nobody (acl-orphaned-sid reports it).
    const byPath = acesByPath(snapshot.files.applied, ({ ace, principal }) =>
      ace.type === 'allow' && grantsControl(ace.mask) && !admins.has(ace.sid) && !webIdentities.has(ace.sid) &&
      principal.kind !== 'placeholder' && principal.kind !== 'unknown');
    const name = (sid: string) => snapshot.identities.directory.shortName(sid);
    for (const [path, found] of byPath) {
      const roles = describeRoles(found.flatMap((applied) => applied.roles));
      report({
        scope: `path:${path}`,
        message: `${listSome(found.map((applied) => formatAce(applied.ace, name)))} on ${path} ${found.length === 1 ? 'gives' : 'give'} ` +
          `${listSome(principalsOf(found))}, outside the admin set, control (change permissions, ` +
          `take ownership) of ${listSome(roles)}${downTo(path, found)}`,
        fix: replaceGrants(path, found, 'M', name),
      });
    }
  },
});
