import { testRule } from '../rule-tester.js';
import rule from './pool-identity-builtin-service.js';

testRule(rule, {
  fires: [
    {
      name: 'NetworkService',
      config: 'applicationPools: [{ name: WebPool, identity: NetworkService }]',
      findings: [{ scope: 'pool:WebPool', message: 'NT AUTHORITY\\NETWORK SERVICE (identity NetworkService)', fix: 'usher pool set WebPool --identity ApplicationPoolIdentity' }],
    },
    {
      name: 'LocalService, on a pool nothing uses',
      config: 'applicationPools: [{ name: Spare, identity: LocalService }]',
      findings: [{ scope: 'pool:Spare', message: 'LOCAL SERVICE' }],
    },
  ],
  passes: [
    { name: 'ApplicationPoolIdentity', config: '' },
    { name: 'LocalSystem is pool-identity-localsystem\'s', config: 'applicationPools: [{ name: WebPool, identity: LocalSystem }]' },
    {
      name: 'a specific unprivileged user',
      config: 'identities: { users: [{ name: svc, rid: 1001, password: "{{HASH}}" }] }\napplicationPools: [{ name: WebPool, identity: { user: svc } }]',
    },
  ],
});
