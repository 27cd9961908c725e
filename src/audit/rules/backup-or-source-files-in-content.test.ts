import { testRule } from '../rule-tester.js';
import rule from './backup-or-source-files-in-content.js';

const backups = { 'wwwroot/index.html.bak': 'old', 'wwwroot/pages/Copy of about.html': 'x', 'wwwroot/src/App.java': 'class App {}' };

testRule(rule, {
  fires: [
    {
      name: 'a backup, a "Copy of" and a source file in one root: one finding',
      files: backups,
      findings: [{
        scope: 'path:{{DIR}}/wwwroot',
        message: /3 backup or source files in .*index\.html\.bak \(http:\/\/127\.0\.0\.1:8080\/index\.html\.bak\).*Copy%20of%20about\.html/,
        // Never `.html`: `Copy of about.html` is deleted, not denied by extension.
        fix: /^delete them, or add (\.bak, \.java|\.java, \.bak) to requestFiltering\.fileExtensions\.deny under locations 'Web'$/,
      }],
    },
    {
      name: 'each content root gets its own finding',
      config: `
sites: [{ name: Web, virtualDirectories: [{ path: /legacy, physicalPath: ./legacy }] }]
acl: { ./legacy: { aces: ["IUSR:(OI)(CI)(RX)"] } }`,
      files: { 'wwwroot/a.old': 'x', 'legacy/b.orig': 'y', 'legacy/c.swp': 'z', 'legacy/notes.txt~': 'n' },
      findings: [{ scope: 'path:{{DIR}}/wwwroot', message: '/a.old' }, { scope: 'path:{{DIR}}/legacy', message: /3 backup.*\/legacy\// }],
    },
  ],
  passes: [
    {
      name: 'the same files with their extensions denied',
      config: 'locations: { Web: { requestFiltering: { fileExtensions: { deny: [.bak, .html, .java] } } } }',
      files: backups,
    },
    {
      name: 'a backup that the ACL keeps from IUSR',
      config: 'acl: { ./wwwroot/index.html.bak: { inheritance: disabled, aces: ["Administrators:(F)"] } }',
      files: { 'wwwroot/index.html.bak': 'old' },
    },
    { name: 'a backup inside a hidden dot folder', files: { 'wwwroot/.cache/index.html.bak': 'old' } },
    { name: 'names that only look alike', files: { 'wwwroot/backup.html': 'x', 'wwwroot/bakery.txt': 'x', 'wwwroot/javadoc.html': 'x' } },
  ],
});
