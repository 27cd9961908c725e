import { testRule } from '../rule-tester.js';
import rule from './pool-identity-localsystem.js';

testRule(rule, {
  fires: [
    {
      name: 'a pool with identity LocalSystem',
      config: 'applicationPools: [{ name: WebPool, identity: LocalSystem }]',
      findings: [{ scope: 'pool:WebPool', message: /SYSTEM.*serves Web/, fix: 'usher pool set WebPool --identity ApplicationPoolIdentity' }],
    },
    {
      name: 'an unused pool counts too',
      config: 'applicationPools: [{ name: Spare, identity: LocalSystem }]',
      findings: [{ scope: 'pool:Spare', message: 'no application' }],
    },
  ],
  passes: [
    { name: 'the default ApplicationPoolIdentity', config: '' },
    { name: 'NetworkService is a service account, not SYSTEM', config: 'applicationPools: [{ name: WebPool, identity: NetworkService }]' },
  ],
});
