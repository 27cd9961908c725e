import { testRule } from '../rule-tester.js';
import rule from './app-pool-unused.js';

testRule(rule, {
  fires: [
    {
      name: 'a pool nothing uses, started with the server by default',
      config: 'applicationPools: [{ name: Spare }]',
      findings: [{ scope: 'pool:Spare', message: 'serves no site or application', fix: 'usher pool remove Spare   or   usher pool set Spare --auto-start off' }],
    },
    {
      name: 'autoStart set to true explicitly',
      config: 'applicationPools: [{ name: Old, autoStart: true, identity: NetworkService }]',
      findings: [{ scope: 'pool:Old' }],
    },
  ],
  passes: [
    { name: 'the pool the site uses', config: '' },
    { name: 'an unused pool that does not start', config: 'applicationPools: [{ name: Spare, autoStart: false }]' },
    { name: 'a pool used only by an application', config: 'applicationPools: [{ name: Api }]\nsites: [{ name: Web, applications: [{ path: /api, physicalPath: ./api, applicationPool: Api }] }]', files: { 'api/a.txt': 'a' } },
  ],
});
