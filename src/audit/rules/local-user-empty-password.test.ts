import { testRule } from '../rule-tester.js';
import rule from './local-user-empty-password.js';

const users = `
identities:
  users: [{ name: ops, rid: 1001, password: "{{EMPTY_HASH}}", groups: [Editors] }, { name: ann, rid: 1002, password: "{{HASH}}" }]
  groups: [{ name: Editors, rid: 1003 }]
`;
const basicAt = (rule: string) => `${users}
locations:
  Web/private:
    authentication: { anonymous: { enabled: false }, basic: { enabled: true } }
    authorization: [{ clear: true }, ${rule}]
`;

testRule(rule, {
  fires: [
    {
      name: 'basic sign-in allows the user by name',
      config: basicAt('{ access: allow, users: ops }'),
      findings: [{ scope: 'user:ops', message: 'basic sign-in at Web/private', fix: 'usher user passwd ops' }],
    },
    { name: 'basic sign-in allows a group the user is in', config: basicAt('{ access: allow, roles: Editors }'), findings: [{ scope: 'user:ops' }] },
    { name: 'basic sign-in allows everyone', config: basicAt('{ access: allow, users: "*" }'), findings: [{ scope: 'user:ops' }] },
    {
      name: 'the user is a pool identity',
      config: `${users}\napplicationPools: [{ name: WebPool, identity: { user: ops } }]`,
      findings: [{ scope: 'user:ops', message: 'identity of pool WebPool' }],
    },
    {
      name: 'the user is an anonymous identity',
      config: `${users}\nlocations: { Web: { authentication: { anonymous: { identity: { user: ops } } } } }`,
      findings: [{ scope: 'user:ops', message: 'anonymous identity at Web' }],
    },
  ],
  passes: [
    { name: 'the user with an empty password is not used anywhere', config: users },
    { name: 'the user allowed by name has a real password', config: basicAt('{ access: allow, users: ann }') },
    {
      name: 'a rule names the user where basic authentication is off',
      config: `${users}\nlocations: { Web/private: { authorization: [{ access: allow, users: ops }] } }`,
    },
  ],
});
