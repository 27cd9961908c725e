import { testRule } from '../rule-tester.js';
import rule from './request-filter-double-escaping-allowed.js';

testRule(rule, {
  fires: [
    {
      name: 'allowed for the whole site: one finding at the site',
      config: 'locations: { Web: { requestFiltering: { allowDoubleEscaping: true } }, Web/a: { directoryBrowse: { enabled: false } } }',
      findings: [{ scope: 'site:Web', message: 'allowDoubleEscaping is true at Web', fix: "locations 'Web'" }],
    },
    {
      name: 'allowed for one folder',
      config: 'locations: { Web/files: { requestFiltering: { allowDoubleEscaping: true } } }',
      findings: [{ scope: 'location:Web/files', fix: "locations 'Web/files'" }],
    },
  ],
  passes: [
    { name: 'the default (false)', config: '' },
    { name: 'explicitly false', config: 'locations: { Web: { requestFiltering: { allowDoubleEscaping: false } } }' },
    { name: 'a neighbouring filter setting (high-bit characters) on', config: 'locations: { Web/files: { requestFiltering: { allowHighBitCharacters: true } } }' },
  ],
});
