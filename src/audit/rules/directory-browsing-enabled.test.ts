import { testRule } from '../rule-tester.js';
import rule from './directory-browsing-enabled.js';

testRule(rule, {
  fires: [
    {
      name: 'enabled for the whole site: one finding at the site, not one per location',
      config: 'locations: { Web: { directoryBrowse: { enabled: true } }, Web/a: { defaultDocument: [home.html] }, Web/b: {} }',
      findings: [{ scope: 'site:Web', message: 'enabled at Web', fix: "locations 'Web'" }],
    },
    {
      name: 'enabled for one folder',
      config: 'locations: { Web/downloads: { directoryBrowse: { enabled: true } } }',
      findings: [{ scope: 'location:Web/downloads', fix: 'scope: "location:Web/downloads"' }],
    },
    {
      name: 'enabled at the site and again, explicitly, below it',
      config: 'locations: { Web: { directoryBrowse: { enabled: true } }, Web/pub: { directoryBrowse: { enabled: true } } }',
      findings: [{ scope: 'site:Web' }, { scope: 'location:Web/pub' }],
    },
  ],
  passes: [
    { name: 'the default', config: '' },
    { name: 'explicitly disabled', config: 'locations: { Web: { directoryBrowse: { enabled: false } } }' },
    { name: 'disabled explicitly in one folder', config: 'locations: { Web/downloads: { directoryBrowse: { enabled: false } } }' },
  ],
});
