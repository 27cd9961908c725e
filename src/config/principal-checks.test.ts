import { describe, expect, it } from 'vitest';
import { SAMPLE_CONFIG } from './fixtures/sample-config.js';
import { parseConfigDocument, validateConfig } from './index.js';

// Without hooks handed in, validation uses the real ACL parser and identity directory.
function errorsOf(text: string): string[] {
  const result = validateConfig(parseConfigDocument(text), { file: 'u.yaml', checkPaths: false });
  return result.ok ? [] : result.issues.filter((issue) => issue.severity === 'error').map((issue) => `${issue.field}: ${issue.message}`);
}

describe('ACE strings and names are checked by default against src/acl and src/identity', () => {
  it('accept the DESIGN §5 example', () => {
    expect(errorsOf(SAMPLE_CONFIG)).toEqual([]);
  });

  it('report an ACE with bad rights or an unknown principal, and an unknown name in a rule', () => {
    const text = SAMPLE_CONFIG
      .replace('"SYSTEM:(OI)(CI)(F)"', '"SYSTEM:(OI)(CI)(Q)", "Nobody:(RX)"')
      .replace('{ access: allow, roles: Editors }', '{ access: allow, roles: "Editors,alice" }');
    const errors = errorsOf(text);
    // In file order: locations come before acl.
    expect(errors).toEqual([
      expect.stringMatching(/^locations\."Default Web Site\/private"\.authorization\[1\]\.roles: 'alice' is not a group/),
      expect.stringMatching(/^acl\."\.\/wwwroot"\.aces\[3\]: /),
      expect.stringMatching(/^acl\."\.\/wwwroot"\.aces\[4\]: .*Nobody/),
    ]);
  });
});
