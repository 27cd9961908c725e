import { testRule } from '../rule-tester.js';
import rule from './logging-disabled.js';

testRule(rule, {
  fires: [
    {
      name: 'logging turned off for the site',
      config: 'sites: [{ name: Web, logging: { enabled: false } }]',
      findings: [{ scope: 'site:Web', message: 'keeps no request log (logging.enabled: false)', fix: 'sites[Web].logging.enabled' }],
    },
    {
      name: 'one of two sites',
      config: 'sites: [{ name: Shop, id: 2, bindings: ["http/127.0.0.1:8081:"], physicalPath: ./wwwroot, applicationPool: WebPool, logging: { enabled: false, directory: ./shop-logs } }]',
      findings: [{ scope: 'site:Shop' }],
    },
  ],
  passes: [
    { name: 'the default: every site logs', config: '' },
    { name: 'enabled written out, with its own folder', config: 'sites: [{ name: Web, logging: { enabled: true, directory: ./web-logs } }]' },
  ],
});
