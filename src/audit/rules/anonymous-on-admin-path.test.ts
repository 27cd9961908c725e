import { testRule } from '../rule-tester.js';
import rule from './anonymous-on-admin-path.js';

const admin = { 'wwwroot/admin/index.html': '<form>…</form>' };

testRule(rule, {
  fires: [
    {
      name: 'an admin folder in the content, no location key',
      files: admin,
      findings: [{
        scope: 'location:Web/admin',
        message: /^Web\/admin looks like an admin area \(admin\) and is open to anonymous visitors: anonymous authentication is on \(site:Web\).*NT AUTHORITY\\IUSR and may read .*\/wwwroot\/admin$/,
        fix: /^usher auth set Web\/admin --anonymous off --basic on .*usher authz clear Web\/admin; usher authz add Web\/admin --allow --roles Administrators$/,
      }],
    },
    {
      name: 'a location key for a management path that maps to nothing on disk',
      config: 'locations: { Web/manage: { directoryBrowse: { enabled: false } } }',
      findings: [{ scope: 'location:Web/manage', message: 'they run as NT AUTHORITY\\IUSR' }],
    },
    {
      name: 'a phpMyAdmin folder under a virtual directory, anonymous as the pool',
      config: `sites: [{ name: Web, virtualDirectories: [{ path: /tools, physicalPath: ./tools }] }]
locations: { Web: { authentication: { anonymous: { identity: ApplicationPoolIdentity } } } }
acl: { ./tools: { aces: ["IIS AppPool\\\\WebPool:(OI)(CI)(RX)"] } }`,
      files: { 'tools/phpMyAdmin/index.php': 'x' },
      findings: [{ scope: 'location:Web/tools/phpMyAdmin', message: 'IIS AppPool\\WebPool' }],
    },
  ],
  passes: [
    { name: 'URL authorization denies anonymous there', files: admin, config: 'locations: { Web/admin: { authorization: [{ access: deny, users: "?" }] } }' },
    {
      name: 'anonymous is off there (basic instead)',
      files: admin,
      config: 'locations: { Web/admin: { authentication: { anonymous: { enabled: false }, basic: { enabled: true } } } }',
    },
    { name: 'the ACL refuses the anonymous identity', files: admin, config: 'acl: { ./wwwroot/admin: { inheritance: disabled, aces: ["Administrators:(OI)(CI)(F)"] } }' },
    { name: 'a folder whose name only starts like one', files: { 'wwwroot/admins-guide/index.html': 'x', 'wwwroot/docs/administrator.html': 'x' } },
  ],
});
