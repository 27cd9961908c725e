import { testRule } from '../rule-tester.js';
import rule from './max-connections-unbounded.js';

const limit = (n: number) => `sites: [{ name: Web, limits: { maxConnections: ${n} } }]`;

testRule(rule, {
  fires: [
    { name: "IIS's unlimited (4294967295)", config: limit(4_294_967_295), findings: [{ scope: 'site:Web', message: 'unlimited', fix: 'maxConnections: 10000' }] },
    { name: 'one more than a process can hold', config: limit(1_048_577), findings: [{ scope: 'site:Web', message: 'in effect, no limit' }] },
  ],
  passes: [
    { name: "Usher's default (10000)", config: '' },
    { name: 'exactly the descriptor ceiling', config: limit(1_048_576) },
    { name: 'a small limit', config: limit(100) },
  ],
});
