import { testRule } from '../rule-tester.js';
import rule from './request-limit-content-length-unbounded.js';

const limitAt = (key: string, bytes: number) => `${key}: { requestFiltering: { requestLimits: { maxAllowedContentLength: ${bytes} } } }`;

testRule(rule, {
  fires: [
    {
      name: 'the IIS maximum (4 GB) for the whole site',
      config: `locations: { ${limitAt('Web', 4_294_967_295)}, Web/a: { directoryBrowse: { enabled: false } } }`,
      findings: [{ scope: 'site:Web', message: '4294967295 bytes at Web', fix: "locations 'Web'" }],
    },
    {
      name: 'one byte over the threshold in an upload folder',
      config: `locations: { ${limitAt('Web/upload', 30_000_001)} }`,
      findings: [{ scope: 'location:Web/upload', fix: 'scope: "location:Web/upload"' }],
    },
  ],
  passes: [
    { name: 'the default (30000000)', config: '' },
    { name: 'exactly the threshold', config: `locations: { ${limitAt('Web/upload', 30_000_000)} }` },
    { name: '0, which refuses every body in Usher', config: `locations: { ${limitAt('Web', 0)} }` },
    { name: 'a long URL limit, not the body', config: 'locations: { Web: { requestFiltering: { requestLimits: { maxUrl: 65536 } } } }' },
  ],
});
