import { testRule } from '../rule-tester.js';
import rule from './detailed-errors-remote.js';

testRule(rule, {
  fires: [
    {
      name: 'Detailed for the whole site: one finding at the site',
      config: 'locations: { Web: { httpErrors: { errorMode: Detailed } }, Web/a: { directoryBrowse: { enabled: false } } }',
      findings: [{ scope: 'site:Web', message: 'errorMode is Detailed at Web', fix: "locations 'Web'" }],
    },
    {
      name: 'Detailed in one folder only',
      config: 'locations: { Web: { httpErrors: { errorMode: Custom } }, Web/debug: { httpErrors: { errorMode: Detailed } } }',
      findings: [{ scope: 'location:Web/debug' }],
    },
  ],
  passes: [
    { name: 'the default (DetailedLocalOnly)', config: '' },
    { name: 'Custom', config: 'locations: { Web: { httpErrors: { errorMode: Custom } } }' },
    { name: 'DetailedLocalOnly set explicitly in a folder', config: 'locations: { Web/debug: { httpErrors: { errorMode: DetailedLocalOnly } } }' },
  ],
});
