import { testRule } from '../rule-tester.js';
import rule from './pool-identity-privileged-user.js';

const users = (groups: string) => `
identities:
  users: [{ name: svc, rid: 1001, password: "{{HASH}}", groups: [${groups}] }]
  groups: [{ name: Operators, rid: 1002 }, { name: Backup Operators, rid: 1003 }, { name: sudo, rid: 1004 }]
`;

testRule(rule, {
  fires: [
    {
      name: 'a specific user in Administrators',
      config: `applicationPools: [{ name: WebPool, identity: { user: svc } }]\n${users('Administrators')}`,
      findings: [{ scope: 'pool:WebPool', message: 'member of Administrators', fix: /usher pool set WebPool --identity ApplicationPoolIdentity/ }],
    },
    {
      name: 'a user in a STIG privileged group',
      config: `applicationPools: [{ name: WebPool, identity: { user: svc } }]\n${users('"Backup Operators"')}`,
      findings: [{ scope: 'pool:WebPool', message: 'Backup Operators', fix: "usher group members 'Backup Operators' --remove svc" }],
    },
    {
      name: 'a user in a group named after a Linux root-equivalent group',
      config: `applicationPools: [{ name: WebPool, identity: { user: svc } }]\n${users('sudo')}`,
      findings: [{ scope: 'pool:WebPool', message: 'sudo' }],
    },
  ],
  passes: [
    { name: 'the same user in an ordinary group', config: `applicationPools: [{ name: WebPool, identity: { user: svc } }]\n${users('Operators')}` },
    { name: 'a privileged user that no pool runs as', config: users('Administrators') },
    { name: 'LocalSystem belongs to pool-identity-localsystem', config: 'applicationPools: [{ name: WebPool, identity: LocalSystem }]' },
  ],
});
