import { testRule } from '../rule-tester.js';
import rule from './pool-idle-timeout-disabled.js';

testRule(rule, {
  fires: [
    {
      name: 'idle timeout 0',
      config: 'applicationPools: [{ name: WebPool, idleTimeout: 0 }]',
      findings: [{ scope: 'pool:WebPool', message: 'never stops idle workers', fix: 'usher pool set WebPool --idle-timeout 20m' }],
    },
    { name: "written as '0s', on an unused pool", config: 'applicationPools: [{ name: Spare, idleTimeout: 0s }]', findings: [{ scope: 'pool:Spare' }] },
  ],
  passes: [
    { name: 'the default 20m', config: '' },
    { name: 'a long but finite timeout', config: 'applicationPools: [{ name: WebPool, idleTimeout: 24h }]' },
  ],
});
