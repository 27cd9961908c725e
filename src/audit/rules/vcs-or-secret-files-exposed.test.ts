import { testRule } from '../rule-tester.js';
import rule from './vcs-or-secret-files-exposed.js';

const git = { 'wwwroot/.git/HEAD': 'ref: refs/heads/main\n', 'wwwroot/.git/config': '[core]\n' };
const unhide = (what: string) => `locations: { Web: { requestFiltering: { hiddenSegments: ${what} } } }`;

testRule(rule, {
  fires: [
    {
      name: 'a .git folder once hidden segments are cleared',
      config: unhide('{ clear: true }'),
      files: git,
      findings: [{ scope: 'path:{{DIR}}/wwwroot/.git', message: 'repository metadata) is served to anonymous visitors of Web at http://127.0.0.1:8080/.git/HEAD' }],
    },
    {
      name: 'a private key, a copy of usher.yaml and a database, which no dot hides',
      files: { 'wwwroot/server.key': 'KEY', 'wwwroot/conf/usher.yaml': 'x: 1', 'wwwroot/data/app.sqlite': 'db' },
      findings: [
        { scope: 'path:{{DIR}}/wwwroot/server.key', message: 'a key or credential file' },
        { scope: 'path:{{DIR}}/wwwroot/conf/usher.yaml', message: 'server configuration' },
        { scope: 'path:{{DIR}}/wwwroot/data/app.sqlite', message: /database file.*\/data\/app\.sqlite/ },
      ],
    },
    {
      name: '.env once its segment is un-hidden',
      config: unhide('{ remove: [.env] }'),
      files: { 'wwwroot/.env': 'TOKEN=x' },
      findings: [{ scope: 'path:{{DIR}}/wwwroot/.env' }],
    },
  ],
  passes: [
    { name: 'a .git folder behind the default hidden dot-segments (404.8)', files: git },
    { name: '.env behind the default hidden segments', files: { 'wwwroot/.env': 'TOKEN=x' } },
    {
      name: 'a key file the ACL keeps from IUSR',
      config: 'acl: { ./wwwroot/server.key: { inheritance: disabled, aces: ["Administrators:(F)"] } }',
      files: { 'wwwroot/server.key': 'KEY' },
    },
    {
      name: 'a key file whose extension request filtering denies',
      config: 'locations: { Web: { requestFiltering: { fileExtensions: { deny: [.key] } } } }',
      files: { 'wwwroot/server.key': 'KEY' },
    },
    { name: 'a key file outside the content', files: { 'tls/server.key': 'KEY' } },
    { name: 'an ordinary file that mentions a key in its name', files: { 'wwwroot/keyboard.html': 'x' } },
  ],
});
