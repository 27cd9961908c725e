import { testRule } from '../rule-tester.js';
import rule from './anonymous-bypasses-authentication.js';

const files = { 'wwwroot/private/index.html': 'secret' };

testRule(rule, {
  fires: [
    {
      name: 'basic turned on at a folder that anonymous can still read',
      config: 'locations: { Web/private: { authentication: { basic: { enabled: true } } } }',
      files,
      findings: [{ scope: 'location:Web/private', message: 'NT AUTHORITY\\IUSR may read', fix: "usher auth set Web/private --anonymous off" }],
    },
    {
      name: 'both enabled at the site root',
      config: 'locations: { Web: { authentication: { basic: { enabled: true } } } }',
      findings: [{ scope: 'site:Web' }],
    },
  ],
  passes: [
    {
      name: 'anonymous disabled where basic is on',
      config: 'locations: { Web/private: { authentication: { anonymous: { enabled: false }, basic: { enabled: true } } } }',
      files,
    },
    {
      name: 'URL authorization denies anonymous',
      config: 'locations: { Web/private: { authentication: { basic: { enabled: true } }, authorization: [{ access: deny, users: "?" }] } }',
      files,
    },
    {
      name: 'the ACL keeps anonymous out, so the challenge happens',
      config: `
locations: { Web/private: { authentication: { basic: { enabled: true } } } }
acl: { ./wwwroot/private: { inheritance: disabled, aces: ["Administrators:(OI)(CI)(F)"] } }`,
      files,
    },
  ],
});
