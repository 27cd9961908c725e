import { testRule } from '../rule-tester.js';
import rule from './request-filter-high-bit-allowed.js';

const twoSites = 'sites: [{ name: Other, id: 2, bindings: ["http/127.0.0.1:8081:"], physicalPath: ./wwwroot, applicationPool: WebPool }]';

testRule(rule, {
  fires: [
    {
      name: 'the default: one finding at server, naming the sites that keep it',
      config: twoSites,
      findings: [{ scope: 'server', message: 'default (true) by Web and Other', fix: "under locations 'Web' and 'Other'" }],
    },
    {
      name: 'off for the site, but explicitly on for one folder',
      config: 'locations: { Web: { requestFiltering: { allowHighBitCharacters: false } }, Web/intl: { requestFiltering: { allowHighBitCharacters: true } } }',
      findings: [{ scope: 'location:Web/intl', message: 'true at Web/intl', fix: 'scope: "location:Web/intl"' }],
    },
    {
      name: 'one site turns it off, the other keeps the default',
      config: `${twoSites}\nlocations: { Web: { requestFiltering: { allowHighBitCharacters: false } } }`,
      findings: [{ scope: 'server', message: 'by Other', fix: "locations 'Other'" }],
    },
  ],
  passes: [
    { name: 'turned off for the site', config: 'locations: { Web: { requestFiltering: { allowHighBitCharacters: false } } }' },
    {
      name: 'turned off for the site and, again, for a folder',
      config: 'locations: { Web: { requestFiltering: { allowHighBitCharacters: false } }, Web/intl: { requestFiltering: { allowHighBitCharacters: false } } }',
    },
  ],
});
