import { testRule } from '../rule-tester.js';
import rule from './log-directory-inside-content.js';

testRule(rule, {
  fires: [
    {
      name: "a site's own log folder inside its content",
      config: 'sites: [{ name: Web, logging: { directory: ./wwwroot/logs } }]',
      findings: [{
        scope: 'site:Web', message: "Web's logs ({{DIR}}/wwwroot/logs) lie in the content of Web ({{DIR}}/wwwroot)",
        fix: 'set sites[Web].logging.directory to a folder outside every content root (e.g. /var/log/usher/W3SVC1)',
      }],
    },
    {
      name: "the server's log folder inside the content, existing or not",
      config: 'server: { logging: { directory: ./wwwroot/_logs } }',
      files: { 'wwwroot/_logs/W3SVC1/u_ex250101.log': '' },
      findings: [{ scope: 'server', message: "Web's logs ({{DIR}}/wwwroot/_logs/W3SVC1)", fix: 'set server.logging.directory' }],
    },
    {
      name: "a site logging into another site's content",
      config: `sites: [{ name: Web, logging: { directory: ./shop/w3svc1 } }, { name: Shop, id: 2, bindings: ["http/127.0.0.1:8081:"], physicalPath: ./shop, applicationPool: WebPool }]`,
      files: { 'shop/index.html': 'x' },
      findings: [{ scope: 'site:Web', message: 'lie in the content of Shop' }],
    },
  ],
  passes: [
    { name: 'the default ./logs beside the content', config: '', files: { 'logs/W3SVC1/u_ex250101.log': '' } },
    { name: 'a folder whose name starts like the content root', config: 'sites: [{ name: Web, logging: { directory: ./wwwroot-logs } }]' },
    { name: 'logging disabled, with a folder inside the content', config: 'sites: [{ name: Web, logging: { enabled: false, directory: ./wwwroot/logs } }]' },
  ],
});
