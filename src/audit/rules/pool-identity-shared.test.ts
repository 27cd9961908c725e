import { testRule } from '../rule-tester.js';
import rule from './pool-identity-shared.js';

const svc = 'identities: { users: [{ name: svc, rid: 1001, password: "{{HASH}}" }, { name: svc2, rid: 1002, password: "{{HASH}}" }] }';

testRule(rule, {
  fires: [
    {
      name: 'two pools as NetworkService',
      config: 'applicationPools: [{ name: WebPool, identity: NetworkService }, { name: Api, identity: NetworkService }]',
      findings: [{
        scope: 'principal:NT AUTHORITY\\NETWORK SERVICE', message: /pools WebPool and Api all run as NT AUTHORITY\\NETWORK SERVICE.*serve Web/,
        fix: 'usher pool set WebPool --identity ApplicationPoolIdentity; usher pool set Api --identity ApplicationPoolIdentity',
      }],
    },
    {
      name: 'two pools as the same specific user, and an unused one counts too',
      config: `${svc}\napplicationPools: [{ name: WebPool, identity: { user: svc } }, { name: Api, identity: { user: svc } }]`,
      findings: [{ scope: 'principal:svc', message: 'pools WebPool and Api all run as svc' }],
    },
  ],
  passes: [
    { name: 'ApplicationPoolIdentity pools each have their own account', config: 'applicationPools: [{ name: Api }, { name: Jobs }]' },
    { name: 'NetworkService and LocalService are different principals', config: 'applicationPools: [{ name: WebPool, identity: NetworkService }, { name: Api, identity: LocalService }]' },
    { name: 'two specific users', config: `${svc}\napplicationPools: [{ name: WebPool, identity: { user: svc } }, { name: Api, identity: { user: svc2 } }]` },
  ],
});
