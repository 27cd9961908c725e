import { testRule } from '../rule-tester.js';
import rule from './hidden-segments-defaults-removed.js';

const segmentsAt = (key: string, change: string) => `locations: { ${key}: { requestFiltering: { hiddenSegments: ${change} } } }`;

testRule(rule, {
  fires: [
    {
      name: 'bin un-hidden for the whole site (case-insensitively)',
      config: segmentsAt('Web', '{ remove: [BIN] }'),
      findings: [{ scope: 'site:Web', message: 'no longer hides bin', fix: "delete remove: [BIN] from requestFiltering.hiddenSegments under locations 'Web'" }],
    },
    {
      name: 'clear: true drops the IIS names and the dot-segment rule',
      config: segmentsAt('Web/app', '{ clear: true, add: [node_modules] }'),
      findings: [{ scope: 'location:Web/app', message: /web\.config, bin, .*App_Browsers and every segment beginning with a dot/ }],
    },
    {
      name: 'a dot-segment (.git) un-hidden in one folder',
      config: segmentsAt('Web/repo', '{ remove: [.git] }'),
      findings: [{ scope: 'location:Web/repo', message: 'no longer hides .git' }],
    },
    {
      name: 'clear: true with every IIS name added back still loses the dot-segment rule',
      config: segmentsAt('Web', '{ clear: true, add: [web.config, bin, App_code, App_GlobalResources, App_LocalResources, App_WebReferences, App_Data, App_Browsers] }'),
      findings: [{ scope: 'site:Web', message: /no longer hides every segment beginning with a dot/ }],
    },
  ],
  passes: [
    { name: 'the defaults', config: '' },
    { name: 'only adding names', config: segmentsAt('Web', '{ add: [.svn, node_modules] }') },
    { name: 'removing .well-known, which is visible by default anyway', config: segmentsAt('Web', '{ remove: [.well-known] }') },
    {
      name: 'removing a name the entry above added, not a default',
      config: 'locations: { Web: { requestFiltering: { hiddenSegments: { add: [drafts] } } }, Web/public: { requestFiltering: { hiddenSegments: { remove: [drafts] } } } }',
    },
  ],
});
