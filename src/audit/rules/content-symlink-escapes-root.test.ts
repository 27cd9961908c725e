import { testRule } from '../rule-tester.js';
import rule from './content-symlink-escapes-root.js';

const outside = { 'outside/secret.txt': 's', 'outside/more/b.txt': 'b' };

testRule(rule, {
  fires: [
    {
      name: 'a folder link out of the site root',
      files: { ...outside, 'wwwroot/docs': { symlink: '{{DIR}}/outside' } },
      findings: [{
        scope: 'path:{{DIR}}/wwwroot/docs', message: '{{DIR}}/wwwroot/docs (/docs in Web) is a symlink to {{DIR}}/outside',
        fix: 'usher vdir add Web / /docs --path {{DIR}}/outside',
      }],
    },
    {
      name: 'a relative file link to /etc, deep in the tree',
      files: { 'wwwroot/a/b/hosts': { symlink: '../../../../../../../../etc/hosts' } },
      findings: [{ scope: 'path:{{DIR}}/wwwroot/a/b/hosts', message: 'symlink to ../../../../../../../../etc/hosts (/etc/hosts)' }],
    },
    {
      name: 'a dangling link outside',
      files: { 'wwwroot/gone': { symlink: '/nonexistent/usher-audit-test' } },
      findings: [{ scope: 'path:{{DIR}}/wwwroot/gone', message: 'which does not exist' }],
    },
  ],
  passes: [
    { name: 'a link to another folder of the same root', files: { 'wwwroot/img/a.png': 'png', 'wwwroot/images': { symlink: 'img' } } },
    {
      name: "a link into one of the site's own virtual directories",
      config: 'sites: [{ name: Web, virtualDirectories: [{ path: /media, physicalPath: ./media }] }]',
      files: { 'media/a.png': 'png', 'wwwroot/m': { symlink: '{{DIR}}/media' } },
    },
    { name: 'a link outside the content tree', files: { ...outside, 'notes': { symlink: '{{DIR}}/outside' } } },
  ],
});
