import { testRule } from '../rule-tester.js';
import rule from './sample-content-present.js';

const marker = "This folder is Usher's bundled sample site: do not serve it in production.\n";

testRule(rule, {
  fires: [
    {
      name: 'the marker at the content root',
      files: { 'wwwroot/.usher-sample': marker },
      findings: [{ scope: 'site:Web', message: '{{DIR}}/wwwroot/.usher-sample', fix: 'usher site remove Web' }],
    },
    {
      name: 'a site serving a folder inside the sample',
      config: 'sites: [{ name: Web, physicalPath: ./demo/site/assets }]',
      files: { 'demo/site/.usher-sample': marker, 'demo/site/assets/demo.css': 'body{}' },
      findings: [{ scope: 'site:Web', message: '{{DIR}}/demo/site/.usher-sample' }],
    },
    {
      name: 'sample files copied somewhere below the root',
      files: { 'wwwroot/examples/.usher-sample': marker },
      findings: [{ scope: 'site:Web' }],
    },
  ],
  passes: [
    { name: "usher init's own index.html", config: '' },
    { name: 'a marker in a folder no site serves', files: { 'demo/site/.usher-sample': marker } },
    { name: 'a file that only starts like the marker', files: { 'wwwroot/.usher-sample.txt': 'x' } },
  ],
});
