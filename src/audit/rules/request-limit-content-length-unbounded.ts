import { defineRule, locationTarget } from '../rule.js';

/** The catalogue's threshold: IIS's default of 30 000 000 bytes (about 28.6 MiB). */
const MAX_CONTENT_LENGTH = 30_000_000;

export default defineRule({
  meta: {
    id: 'request-limit-content-length-unbounded',
    severity: 'medium',
    title: 'Request bodies are unlimited or too large',
    sources: ['STIG V-218754', 'CIS 4.1'],
    fix: 'Set requestFiltering: { requestLimits: { maxAllowedContentLength: 30000000 } } (or less), or an audit exception for the one upload location',
    docs:
      'Fires where `requestFiltering.requestLimits.maxAllowedContentLength` is above 30 000 000 bytes (IIS\'s default, the ' +
      'STIG and CIS ceiling): a client may announce a body that large and the server accepts it, which ties up connections, ' +
      'memory and disk for anyone who can reach the site. In Usher 0 is not "unlimited": it refuses every request with a ' +
      'body, so it passes. One upload location that needs more is a legitimate audit exception. Reported once, where the ' +
      'value is set.',
  },
  check(snapshot, report) {
    for (const location of snapshot.locations) {
      const limit = location.settings.requestFiltering.requestLimits.maxAllowedContentLength;
      if (limit <= MAX_CONTENT_LENGTH) continue;
      const where = location.origins['requestFiltering.requestLimits.maxAllowedContentLength'];
      const key = locationTarget(where, location.site);
      report({
        scope: where,
        message: `requestFiltering.requestLimits.maxAllowedContentLength is ${limit} bytes at ${key}, above ${MAX_CONTENT_LENGTH}: ` +
          'clients may send request bodies that large',
        fix: `set requestFiltering: { requestLimits: { maxAllowedContentLength: ${MAX_CONTENT_LENGTH} } } (or less) under locations '${key}' ` +
          `in the configuration; if one upload location needs more, add to audit.exceptions: { rule: request-limit-content-length-unbounded, scope: "${where}", reason: … }`,
      });
    }
  },
});
