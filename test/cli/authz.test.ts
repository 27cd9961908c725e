import { beforeEach, describe, expect, it } from 'vitest';
import { useSite } from './run-usher.js';

const SITE = 'Default Web Site';
const site = useSite(() => {
  usher('group', 'add', 'Editors');
});
const { usher, text, config, history } = site;


describe('usher authz add', () => {
  it('appends rules at a location, numbering them', () => {
    const deny = usher('authz', 'add', `${SITE}/private`, '--deny', '--users', '?');
    expect(deny.status).toBe(0);
    expect(deny.stdout.trim()).toBe('authorization at \'Default Web Site/private\': added rule 1: deny users="?"');
    const allow = usher('authz', 'add', `${SITE}/private`, '--allow', '--roles', 'editors, IIS_IUSRS', '--verbs', 'GET, HEAD');
    expect(allow.stdout.trim()).toBe('authorization at \'Default Web Site/private\': added rule 2: allow roles="editors,IIS_IUSRS" verbs="GET,HEAD"');
    expect(config().locations[`${SITE}/private`].authorization).toEqual([
      { access: 'deny', users: '?' }, { access: 'allow', roles: 'editors,IIS_IUSRS', verbs: 'GET,HEAD' },
    ]);
    expect(text()).toContain("# Settings by location (\"SITE\" or \"SITE/path\")");
  });

  it.each([
    [['--users', '*'], /say --allow or --deny/],
    [['--allow', '--deny', '--users', '*'], /say --allow or --deny/],
    [['--allow'], /a rule needs --users or --roles/],
    [['--allow', '--users', 'ghost'], /no principal named 'ghost'/],
    [['--allow', '--roles', 'IUSR'], /'IUSR' is not a group, so it cannot be a role/],
    [['--allow', '--roles', '*'], /'\*' belongs in --users, not --roles/],
    [['--allow', '--users', 'a,,b'], /--users has an empty name/],
    [['--allow', '--users', '*', '--verbs', 'GET HEAD'], /--verbs: not an HTTP method: 'GET HEAD'/],
  ])('refuses %j with exit 2', (args, message) => {
    const before = text();
    const run = usher('authz', 'add', SITE, ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(text()).toBe(before);
  });
});

describe('usher authz list', () => {
  beforeEach(() => {
    usher('authz', 'add', SITE, '--deny', '--users', '?', '--verbs', 'POST');
    usher('authz', 'add', `${SITE}/private`, '--allow', '--roles', 'Editors');
  });

  it('lists the rules at a location with the inherited ones marked', () => {
    const lines = usher('authz', 'list', `${SITE}/private`).stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^URL authorization at 'Default Web Site\/private' \(deny rules are checked first/);
    expect(lines[1]).toMatch(/^ {2}N\s+ACCESS\s+USERS\s+ROLES\s+VERBS\s+FROM$/);
    expect(lines[2]).toMatch(/^ {2}-\s+allow\s+\*\s+\(all\)\s+default \(inherited\)$/);
    expect(lines[3]).toMatch(/^ {2}-\s+deny\s+\?\s+POST\s+'Default Web Site' \(inherited\)$/);
    expect(lines[4]).toMatch(/^ {2}1\s+allow\s+Editors\s+\(all\)\s+here$/);
  });

  it('prints JSON with --json', () => {
    expect(JSON.parse(usher('authz', 'list', `${SITE}/private/deeper`, '--json').stdout)).toEqual({
      location: `${SITE}/private/deeper`,
      rules: [
        { number: null, access: 'allow', users: '*', roles: null, verbs: null, from: null, inherited: true },
        { number: null, access: 'deny', users: '?', roles: null, verbs: 'POST', from: SITE, inherited: true },
        { number: null, access: 'allow', users: null, roles: 'Editors', verbs: null, from: `${SITE}/private`, inherited: true },
      ],
    });
  });
});

describe('usher authz remove', () => {
  it('removes rule N at that location only, and the empty entry with the last one', () => {
    usher('authz', 'add', `${SITE}/private`, '--deny', '--users', '?');
    usher('authz', 'add', `${SITE}/private`, '--allow', '--roles', 'Editors');
    const first = usher('authz', 'remove', `${SITE}/private`, '1');
    expect(first.status).toBe(0);
    expect(first.stdout.trim()).toBe('authorization at \'Default Web Site/private\': removed rule 1: deny users="?"');
    expect(config().locations[`${SITE}/private`].authorization).toEqual([{ access: 'allow', roles: 'Editors' }]);
    usher('authz', 'remove', `${SITE}/private`, '1');
    expect(Object.keys(config().locations)).toEqual([SITE]);
    usher('pool', 'add', 'Later');
    expect(history().slice(0, 4)).toEqual([
      'authz remove Default Web Site/private 1', 'authz remove Default Web Site/private 1',
      'authz add Default Web Site/private --allow --roles Editors', "authz add Default Web Site/private --deny --users '?'",
    ]);
  });

  it('refuses a number that is not a rule of that location', () => {
    usher('authz', 'add', SITE, '--deny', '--users', '?');
    const inherited = usher('authz', 'remove', `${SITE}/private`, '1');
    expect(inherited.status).toBe(2);
    expect(inherited.stderr).toMatch(/'Default Web Site\/private' sets no rules of its own, so there is no rule 1 there: see usher authz list/);
    const tooBig = usher('authz', 'remove', SITE, '2');
    expect(tooBig.status).toBe(2);
    expect(tooBig.stderr).toMatch(/'Default Web Site' sets 1 rule, so there is no rule 2 there/);
    const notNumber = usher('authz', 'remove', SITE, 'first');
    expect(notNumber.status).toBe(2);
    expect(notNumber.stderr).toMatch(/the rule number takes a whole number/);
  });
});

describe('usher authz clear', () => {
  it("drops the rules from above, the default allow * included, like IIS's <clear/>", () => {
    expect(usher('authz', 'add', `${SITE}/staff`, '--allow', '--roles', 'Editors').status).toBe(0);
    const run = usher('authz', 'clear', `${SITE}/staff`);
    expect(run.status).toBe(0);
    expect(config().locations[`${SITE}/staff`].authorization).toEqual([{ clear: true }, { access: 'allow', roles: 'Editors' }]);
    const rules = JSON.parse(usher('authz', 'list', `${SITE}/staff/x`, '--json').stdout).rules;
    expect(rules).toEqual([
      { number: null, clear: true, from: `${SITE}/staff`, inherited: true },
      { number: null, access: 'allow', users: null, roles: 'Editors', verbs: null, from: `${SITE}/staff`, inherited: true },
    ]);
    expect(usher('authz', 'clear', `${SITE}/staff`).stdout).toMatch(/already starts with clear/);
    expect(history()[0]).toBe(`authz add ${SITE}/staff --allow --roles Editors`);
  });
});
