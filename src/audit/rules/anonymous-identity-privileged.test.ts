import { testRule } from '../rule-tester.js';
import rule from './anonymous-identity-privileged.js';

const admin = `
identities:
  users: [{ name: kiosk, rid: 1001, password: "{{HASH}}", groups: [Administrators] }, { name: guest, rid: 1002, password: "{{HASH}}" }]
`;

testRule(rule, {
  fires: [
    {
      name: 'anonymous runs as a user in Administrators',
      config: `${admin}\nlocations: { Web: { authentication: { anonymous: { identity: { user: kiosk } } } } }`,
      findings: [{ scope: 'site:Web', message: 'run as kiosk', fix: 'usher auth set Web --identity ApplicationPoolIdentity' }],
    },
    {
      name: 'anonymous runs as the pool identity of a LocalSystem pool',
      config: `
applicationPools: [{ name: WebPool, identity: LocalSystem }]
locations: { Web: { authentication: { anonymous: { identity: ApplicationPoolIdentity } } } }`,
      findings: [{ scope: 'site:Web', message: /SYSTEM.*pool WebPool/, fix: 'usher pool set WebPool --identity ApplicationPoolIdentity' }],
    },
    {
      name: 'a privileged identity only below the site root',
      config: `${admin}\nlocations: { Web/kiosk: { authentication: { anonymous: { identity: { user: kiosk } } } } }`,
      findings: [{ scope: 'site:Web', message: '/kiosk' }],
    },
  ],
  passes: [
    { name: 'IUSR', config: '' },
    { name: 'an unprivileged user', config: `${admin}\nlocations: { Web: { authentication: { anonymous: { identity: { user: guest } } } } }` },
    {
      name: 'the privileged user where anonymous is disabled',
      config: `${admin}\nlocations: { Web: { authentication: { anonymous: { enabled: false, identity: { user: kiosk } }, basic: { enabled: true } } } }`,
    },
    {
      name: 'a LocalSystem pool while anonymous runs as IUSR',
      config: 'applicationPools: [{ name: WebPool, identity: LocalSystem }]',
    },
  ],
});
