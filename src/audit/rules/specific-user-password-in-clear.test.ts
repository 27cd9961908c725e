import { testRule } from '../rule-tester.js';
import rule from './specific-user-password-in-clear.js';

// A usable scrypt hash, written into history files as Usher writes it (file contents are not templated).
const HASH = '$scrypt$ln=10,r=8,p=1$YXVkaXQtdGVzdC1zYWx0$kkrGLonSloF1xKjiJNnDA+z7P1u5t58Jd2v0ExEzKqM';
const ann = 'identities: { users: [{ name: ann, rid: 1001, password: "{{HASH}}" }] }';
const V1 = '.usher-history/000001-20250101T100000.000Z-usher.yaml';
const V2 = '.usher-history/000002-20250201T120000.000Z-usher.yaml';

testRule(rule, {
  fires: [
    {
      name: 'a hand-edited version with a plain password, two saves ago',
      config: ann,
      files: {
        [V1]: 'identities:\n  users:\n    - { name: ann, rid: 1001, password: "hunter2" }\n',
        [V2]: `identities:\n  users:\n    - { name: ann, rid: 1001, password: "${HASH}" }\n`,
      },
      findings: [{
        scope: `path:{{DIR}}/${V1}`,
        message: /^version 2 of the configuration in \.usher-history\/ \(.*, saved on 2025-01-01 10:00 UTC, a hand edit\) holds a password in clear text: identities\.users\[ann\]\.password \(line 3, account ann\)/,
        fix: `usher user passwd ann; then rm {{DIR}}/${V1} {{DIR}}/${V1}.meta.json`,
      }],
    },
    {
      name: 'an IIS-style pool identity password and an MD5 forms credential in one version',
      files: {
        [V1]: 'applicationPools:\n  - name: WebPool\n    identity: { user: svc-web, password: "Winter2024!" }\nforms: { credentials: [{ name: bob, password: 5F4DCC3B5AA765D61D8327DEB882CF99 }] }\n',
      },
      findings: [{
        scope: `path:{{DIR}}/${V1}`,
        message: '2 passwords in clear text: applicationPools[WebPool].identity.password (line 3, account svc-web) and forms.credentials[bob].password (line 4, account bob)',
        fix: 'change the password of svc-web where it is kept; change the password of bob where it is kept',
      }],
    },
    {
      name: 'a version that no longer parses as YAML',
      files: { [V1]: 'identities:\n  users: [{ name: ann, password: hunter2 }\n  - [\n' },
      findings: [{ scope: `path:{{DIR}}/${V1}`, message: 'password (line 2)' }],
    },
  ],
  passes: [
    { name: 'the live file with a scrypt hash, and no history', config: ann },
    { name: 'history holding only scrypt hashes', config: ann, files: { [V1]: `identities: { users: [{ name: ann, rid: 1001, password: "${HASH}" }] }\n` } },
    { name: 'an empty password value and a passwordFormat key', files: { [V1]: 'forms: { credentials: [{ name: bob, password: "", passwordFormat: Clear }] }\n' } },
    { name: 'a file of another configuration in the same history folder', files: { '.usher-history/000001-20250101T100000.000Z-other.yaml': 'password: hunter2\n' } },
  ],
});
