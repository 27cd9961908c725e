import { READ_FILE } from '../../acl/index.js';
import { defineRule, shellQuote, type Scope } from '../rule.js';

/** The deeper of two origins: a location key below the site beats the site, which beats the default. */
const deeper = (a: Scope, b: Scope): Scope => {
  const depth = (scope: Scope) => (scope === 'server' ? 0 : scope.startsWith('site:') ? 1 : 2 + scope.length / 1e6);
  return depth(b) > depth(a) ? b : a;
};

export default defineRule({
  meta: {
    id: 'anonymous-bypasses-authentication',
    severity: 'high',
    title: 'Basic authentication is enabled but never asked for',
    sources: ['IIS authentication order', 'CIS 2.2'],
    fix: "usher auth set LOCATION --anonymous off, or usher authz add LOCATION --deny --users '?'",
    docs:
      'Fires at a location where basic and anonymous authentication are both enabled, URL authorization lets anonymous ' +
      'requests through, and the anonymous identity can read what the location maps to. The server, like IIS, serves a ' +
      'request without credentials as the anonymous identity and only challenges when that identity is refused, so the ' +
      'password prompt never appears and the content is public. A location whose anonymous identity the ACL refuses passes: ' +
      'there the challenge does happen. Reported where the later of the two settings is set.',
  },
  check(snapshot, report) {
    for (const location of snapshot.locations) {
      const { anonymous, realPath, settings } = location;
      if (!settings.authentication.basic.enabled || !anonymous?.allowedByUrlRules || realPath === undefined) continue;
      if (!snapshot.access(realPath, location.isDirectory, anonymous.token, READ_FILE).allowed) continue;
      const where = deeper(location.origins['authentication.basic.enabled'], location.origins['authentication.anonymous.enabled']);
      const target = location.key ?? `${location.site}${location.path === '/' ? '' : location.path}`;
      report({
        scope: where,
        message: `${target} enables basic authentication, but anonymous is enabled too and ${anonymous.principal.name} may read ${realPath}: ` +
          'visitors are served without ever being asked to sign in',
        fix: `usher auth set ${shellQuote(target)} --anonymous off   or   usher authz add ${shellQuote(target)} --deny --users '?'`,
      });
    }
  },
});
