import { testRule } from '../rule-tester.js';
import rule from './log-records-credentials.js';

const fields = (list: string) => `server: { logging: { fields: [${list}] } }`;

testRule(rule, {
  fires: [
    {
      name: 'the cookie field added to the default set',
      config: fields('date, time, c-ip, cs-username, cs-method, cs-uri-stem, sc-status, cs(Cookie)'),
      findings: [{ scope: 'server', message: 'server.logging.fields includes cs(Cookie): the logs of Web record the cookies', fix: 'then delete or lock down the log files written with it, in {{DIR}}/logs/W3SVC1' }],
    },
    {
      name: 'one of two sites still logs',
      config: `${fields('date, cs(Cookie)')}\nsites: [{ name: Web, logging: { enabled: false } }, { name: Shop, id: 2, bindings: ["http/127.0.0.1:8081:"], physicalPath: ./wwwroot, applicationPool: WebPool }]`,
      findings: [{ scope: 'server', message: 'the logs of Shop record' }],
    },
  ],
  passes: [
    { name: 'the default fields', config: '' },
    { name: 'user agent and referrer, no cookies', config: fields('date, time, cs-username, cs(User-Agent), cs(Referer), cs-host') },
    { name: 'the cookie field, but no site logs', config: `${fields('date, cs(Cookie)')}\nsites: [{ name: Web, logging: { enabled: false } }]` },
  ],
});
