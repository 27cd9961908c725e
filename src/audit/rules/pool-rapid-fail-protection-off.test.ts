import { testRule } from '../rule-tester.js';
import rule from './pool-rapid-fail-protection-off.js';

const pool = (rapidFail: string) => `applicationPools: [{ name: WebPool, rapidFailProtection: ${rapidFail} }]`;

testRule(rule, {
  fires: [
    {
      name: 'rapid-fail protection off',
      config: pool('{ enabled: false }'),
      findings: [{ scope: 'pool:WebPool', message: 'rapid-fail protection off', fix: 'applicationPools[WebPool].rapidFailProtection' }],
    },
    { name: 'an interval over 5 minutes', config: pool('{ interval: 10m }'), findings: [{ scope: 'pool:WebPool', message: 'over 10m' }] },
  ],
  passes: [
    { name: 'the default (on, 5m)', config: '' },
    { name: 'exactly 5 minutes', config: pool('{ enabled: true, interval: 300s }') },
    { name: 'a shorter interval and more crashes allowed', config: pool('{ interval: 1m, maxCrashes: 20 }') },
  ],
});
