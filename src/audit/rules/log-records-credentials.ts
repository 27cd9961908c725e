import { defineRule, listSome } from '../rule.js';

/** W3C fields that carry credentials or session tokens. Usher has no custom (header) fields, so cs(Cookie) is the only one it can write. */
const CREDENTIAL_FIELDS: ReadonlySet<string> = new Set(['cs(Cookie)']);

export default defineRule({
  meta: {
    id: 'log-records-credentials',
    severity: 'high',
    title: 'Logs record passwords or session tokens',
    sources: ['own', 'STIG V-218742 (deviation)', 'STIG V-218789 (deviation)'],
    fix: 'Remove cs(Cookie) from server.logging.fields (or set fields: default), then purge or lock down the logs written with it',
    docs:
      'Fires when `server.logging.fields` includes `cs(Cookie)` and at least one site logs: every log line then holds the ' +
      'session and authentication cookies visitors sent, and anyone who can read the logs can replay them. Usher logs no ' +
      'password and no Authorization header by design, and has no custom header fields, so the Authorization, ' +
      'Proxy-Authorization and Set-Cookie parts of the catalogue cannot be configured and need no check. This deliberately ' +
      'deviates from STIG V-218742/V-218789, which ask for the Authorization header to be logged. Reported at `server`, ' +
      'where the field list is set.',
  },
  check(snapshot, report) {
    const fields = snapshot.server.logging.fields.filter((field) => CREDENTIAL_FIELDS.has(field));
    const logging = snapshot.sites.filter((site) => site.logging.enabled);
    if (fields.length === 0 || logging.length === 0) return;
    report({
      scope: 'server',
      message: `server.logging.fields includes ${listSome(fields)}: the logs of ${listSome(logging.map((site) => site.name))} record the cookies ` +
        'every visitor sends, session and sign-in tokens included',
      fix: `in usher.yaml, remove ${listSome(fields)} from server.logging.fields (or set fields: default); then delete or lock down the ` +
        `log files written with it, in ${listSome([...new Set(logging.map((site) => site.logging.directory))])}`,
    });
  },
});
