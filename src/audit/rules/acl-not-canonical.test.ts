import { testRule } from '../rule-tester.js';
import rule from './acl-not-canonical.js';

const aclAt = (path: string, ...aces: string[]) => `acl: { ${path}: { aces: [${aces.map((ace) => `"${ace}"`).join(', ')}] } }`;
const files = { 'wwwroot/uploads/a.txt': 'a' };

testRule(rule, {
  fires: [
    {
      name: 'a deny written after the allow it is meant to restrict',
      config: aclAt('./wwwroot/uploads', 'IUSR:(OI)(CI)(M)', 'IUSR:(OI)(CI)(DENY)(D,DC)'),
      files,
      findings: [{
        scope: 'path:{{DIR}}/wwwroot/uploads',
        message: 'IUSR:(OI)(CI)(DENY)(D,DC) (explicit deny) is listed after IUSR:(OI)(CI)(M) (explicit allow)',
        fix: 'aces: ["IUSR:(OI)(CI)(DENY)(D,DC)", "IUSR:(OI)(CI)(M)"]',
      }],
    },
    {
      name: 'an imported inherited ACE ahead of an explicit one',
      config: aclAt('./wwwroot/index.html', 'Users:(I)(RX)', 'IUSR:(R)'),
      findings: [{ scope: 'path:{{DIR}}/wwwroot/index.html', message: 'IUSR:(R) (explicit allow) is listed after Users:(I)(RX) (inherited allow)' }],
    },
  ],
  passes: [
    { name: 'the base ACL (allows only)', config: '' },
    { name: 'the deny first', config: aclAt('./wwwroot/uploads', 'IUSR:(OI)(CI)(DENY)(D,DC)', 'IUSR:(OI)(CI)(M)'), files },
    {
      name: 'inherited entries after explicit ones, a deny among them after an allow (their order is the ancestors\')',
      config: aclAt('./wwwroot/index.html', 'IUSR:(R)', 'Users:(I)(RX)', 'Guests:(I)(DENY)(W)'),
    },
  ],
});
