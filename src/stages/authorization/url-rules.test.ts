import { describe, expect, it } from 'vitest';
import { effectiveLocation, type UsherConfig } from '../../config/index.js';
import { anonymousToken, createDirectory, userToken } from '../../identity/index.js';
import type { RequestUser } from '../../pipeline/index.js';
import { evaluateUrlRules } from './url-rules.js';

const MACHINE = 'S-1-5-21-1111111111-2222222222-3333333333';
const directory = createDirectory({
  machineSid: MACHINE,
  users: [{ name: 'alice', rid: 1001, groups: ['Editors'] }, { name: 'bob', rid: 1002 }],
  groups: [{ name: 'Editors', rid: 1003 }],
});
const anonymous: RequestUser = { method: 'anonymous', token: { key: 'a', token: anonymousToken(directory) }, logName: '-', userName: undefined };
const user = (name: string): RequestUser => ({ method: 'basic', token: { key: name, token: userToken(directory, name) }, logName: name, userName: name });

const config = (locations: UsherConfig['locations']): UsherConfig => ({
  applicationPools: [{ name: 'DefaultAppPool' }], sites: [{ name: 'S', id: 1, physicalPath: '.' }], locations,
});
const LOCATIONS: UsherConfig['locations'] = {
  S: { authorization: [{ access: 'deny', users: 'mallory' }] },
  'S/private': { authorization: [{ access: 'deny', users: '?' }, { access: 'allow', roles: 'Editors' }] },
  'S/staff': { authorization: [{ clear: true }, { access: 'allow', roles: 'Editors' }] },
  'S/readonly': { authorization: [{ access: 'deny', users: '*', verbs: 'POST,PUT,DELETE' }] },
  'S/named': { authorization: [{ clear: true }, { access: 'allow', users: 'BOB' }] },
  'S/users-role': { authorization: [{ clear: true }, { access: 'allow', roles: 'Users' }] },
  'S/none': { authorization: [{ clear: true }] },
};

describe('IIS URL Authorization: all denies (parents first), then allows; no match refuses', () => {
  it.each([
    ['/', anonymous, 'GET', true, 'allow users="*" is the default'],
    ['/private/x', anonymous, 'GET', false, 'deny users="?" refuses anonymous'],
    ['/private/x', user('bob'), 'GET', true, 'the inherited allow * still admits every signed-in user (IIS semantics)'],
    ['/staff', user('bob'), 'GET', false, 'after clear, only Editors are allowed'],
    ['/staff/doc', user('alice'), 'GET', true, 'alice is in Editors'],
    ['/staff', anonymous, 'GET', false, 'anonymous is not in Editors'],
    ['/readonly/a', anonymous, 'GET', true, 'verbs limit the deny to writes'],
    ['/readonly/a', user('alice'), 'POST', false, 'deny users="*" verbs=POST refuses a POST'],
    ['/named', user('bob'), 'GET', true, 'user names compare case-insensitively'],
    ['/named', user('alice'), 'GET', false, 'another user is not named'],
    ['/users-role', anonymous, 'GET', true, 'roles match the token: IUSR carries BUILTIN\\Users'],
    ['/none', user('alice'), 'GET', false, 'clear with no rule refuses everyone'],
  ])('%s as %s %s → %s (%s)', (path, who, method, allowed) => {
    const location = effectiveLocation(config(LOCATIONS), 'S', path);
    expect(evaluateUrlRules(location, directory, who, method).allowed).toBe(allowed);
  });

  it('a deny at the parent beats an allow further down', () => {
    const c = config({ ...LOCATIONS, 'S/open': { authorization: [{ access: 'allow', users: 'mallory' }] } });
    const users = createDirectory({ machineSid: MACHINE, users: [{ name: 'mallory', rid: 1009 }] });
    const mallory: RequestUser = { method: 'basic', token: { key: 'm', token: userToken(users, 'mallory') }, logName: 'mallory', userName: 'mallory' };
    const verdict = evaluateUrlRules(effectiveLocation(c, 'S', '/open'), users, mallory, 'GET');
    expect(verdict).toEqual({ allowed: false, rule: { access: 'deny', users: 'mallory' } });
  });

  it('a deny-only group never makes a role match', () => {
    const c = config({ S: { authorization: [{ clear: true }, { access: 'allow', roles: 'SERVICE' }] } });
    expect(evaluateUrlRules(effectiveLocation(c, 'S', '/'), directory, anonymous, 'GET').allowed).toBe(false);
  });
});
