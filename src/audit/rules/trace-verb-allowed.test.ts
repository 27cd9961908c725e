import { testRule } from '../rule-tester.js';
import rule from './trace-verb-allowed.js';

const denyTrace = '{ requestFiltering: { verbs: { deny: [TRACE] } } }';

testRule(rule, {
  fires: [
    {
      name: 'the default verb filter: one finding at server',
      config: '',
      findings: [{ scope: 'server', message: 'TRACE passes request filtering in Web', fix: "locations 'Web'" }],
    },
    {
      name: 'a deny list at the site that forgets TRACE',
      config: 'locations: { Web: { requestFiltering: { verbs: { deny: [PUT, DELETE] } } } }',
      findings: [{ scope: 'site:Web', message: 'verbs.deny does not list TRACE' }],
    },
    {
      name: 'an allow-list that names TRACE in one folder',
      config: 'locations: { Web: { requestFiltering: { verbs: { allowUnlisted: false, allow: [GET, HEAD] } } }, Web/diag: { requestFiltering: { verbs: { allow: [TRACE] } } } }',
      findings: [{ scope: 'location:Web/diag', message: 'verbs.allow lists TRACE' }],
    },
  ],
  passes: [
    { name: 'TRACE denied for the site', config: `locations: { Web: ${denyTrace} }` },
    {
      name: 'denied at the site, allowed in a folder: the inherited deny still wins',
      config: `locations: { Web: ${denyTrace}, Web/diag: { requestFiltering: { verbs: { allowUnlisted: false, allow: [GET, HEAD, TRACE] } } } }`,
    },
    { name: 'denied in lower case (methods compare case-insensitively)', config: 'locations: { Web: { requestFiltering: { verbs: { deny: [trace] } } } }' },
    {
      name: 'an allow-list without TRACE',
      config: 'locations: { Web: { requestFiltering: { verbs: { allowUnlisted: false, allow: [GET, HEAD] } } } }',
    },
    {
      name: 'TRACE both allowed and denied: the deny wins',
      config: 'locations: { Web: { requestFiltering: { verbs: { allowUnlisted: false, allow: [GET, TRACE], deny: [TRACE] } } } }',
    },
  ],
});
