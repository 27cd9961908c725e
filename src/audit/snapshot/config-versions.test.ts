import { describe, expect, it } from 'vitest';
import { withCase } from '../rule-tester.js';
import { scanConfigText } from './config-versions.js';

const HASH = '$scrypt$ln=10,r=8,p=1$YXVkaXQtdGVzdC1zYWx0$kkrGLonSloF1xKjiJNnDA+z7P1u5t58Jd2v0ExEzKqM';

describe('the snapshot: configuration versions', () => {
  it('finds password keys at any depth, names list items, and keeps the form of the value, never the value', () => {
    const text = `
applicationPools:
  - name: Shop
    identity: { user: svc-shop, password: "Winter2024!" }
identities:
  users:
    - { name: ann, rid: 1001, password: "${HASH}" }
    - name: bob
      rid: 1002
      password: ""
forms: { credentials: [{ name: x, password: 5F4DCC3B5AA765D61D8327DEB882CF99, passwordFormat: MD5 }] }
`;
    const { parsed, passwords } = scanConfigText(text);
    expect(parsed).toBe(true);
    expect(passwords).toEqual([
      { key: 'applicationPools[Shop].identity.password', line: 4, account: 'svc-shop', form: 'clear' },
      { key: 'identities.users[ann].password', line: 7, account: 'ann', form: 'scrypt' },
      { key: 'identities.users[bob].password', line: 10, account: 'bob', form: 'empty' },
      { key: 'forms.credentials[x].password', line: 11, account: 'x', form: 'clear' },
    ]);
    expect(JSON.stringify(passwords)).not.toContain('Winter2024');
  });

  it('falls back to a line scan when a hand edit broke the YAML', () => {
    const { parsed, passwords } = scanConfigText('identities:\n  users: [{ name: ann, password: hunter2 }\n  - broken: [\n');
    expect(parsed).toBe(false);
    expect(passwords).toEqual([{ key: 'password', line: 2, account: undefined, form: 'clear' }]);
  });

  it('reads the live file (0) and every .usher-history/ version, numbered and dated as usher config history shows them', async () => {
    const versions = await withCase({
      name: 'x',
      files: {
        '.usher-history/000001-20250101T100000.000Z-usher.yaml': 'identities: { users: [{ name: ann, rid: 1001, password: hunter2 }] }\n',
        '.usher-history/000002-20250201T100000.000Z-usher.yaml': 'sites: []\n',
        '.usher-history/000002-20250201T100000.000Z-usher.yaml.meta.json': '{"savedAt":"2025-02-01T10:00:00.000Z","size":10,"sha256":"x","message":"site remove Old"}\n',
        '.usher-history/000001-20250101T100000.000Z-other.yaml': 'password: not-ours\n',
      },
    }, (snapshot, dir) => snapshot.config.versions.map((version) => ({ ...version, path: version.path.replace(dir, '') })));
    expect(versions).toEqual([
      { number: 0, path: '/usher.yaml', savedAt: expect.any(Number), message: undefined, parsed: true, passwords: [] },
      { number: 1, path: '/.usher-history/000002-20250201T100000.000Z-usher.yaml', savedAt: Date.parse('2025-02-01T10:00:00Z'), message: 'site remove Old', parsed: true, passwords: [] },
      {
        number: 2, path: '/.usher-history/000001-20250101T100000.000Z-usher.yaml', savedAt: Date.parse('2025-01-01T10:00:00Z'), message: undefined, parsed: true,
        passwords: [{ key: 'identities.users[ann].password', line: 1, account: 'ann', form: 'clear' }],
      },
    ]);
  });
});
