import { testRule } from '../rule-tester.js';
import rule from './connection-timeouts-unbounded.js';

const limits = (text: string) => `sites: [{ name: Web, limits: { ${text} } }]`;

testRule(rule, {
  fires: [
    {
      name: 'keep-alive connections never time out',
      config: limits('connectionTimeout: 0'),
      findings: [{ scope: 'site:Web', message: 'limits.connectionTimeout (0)', fix: 'connectionTimeout: 120s' }],
    },
    {
      name: 'headers and whole requests may take forever, written as durations',
      config: limits('headersTimeout: 0s, requestTimeout: 0ms'),
      findings: [{ scope: 'site:Web', message: 'limits.headersTimeout and limits.requestTimeout', fix: 'headersTimeout: 60s, requestTimeout: 300s' }],
    },
    {
      name: 'a site sharing the socket loses the timeout too',
      config: 'sites: [{ name: Web, limits: { connectionTimeout: 0 } }, { name: Other, id: 2, bindings: ["http/127.0.0.1:8080:other.test"], physicalPath: ./wwwroot, applicationPool: WebPool }]',
      findings: [{ scope: 'site:Web', message: 'Other on the same address and port' }],
    },
  ],
  passes: [
    { name: 'the defaults (120s, 60s, 300s)', config: '' },
    { name: 'short but finite timeouts', config: limits('connectionTimeout: 1s, headersTimeout: 500ms, requestTimeout: 1') },
    { name: 'very long but finite', config: limits('connectionTimeout: 1d') },
  ],
});
