import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runUsher, useSite } from './run-usher.js';

const PASSWORD = 'Correct-Horse-42';
const site = useSite();
const { usher, text, config, history } = site;
const withPassword = (password: string, ...args: string[]) => runUsher([...args, '--password-stdin'], { cwd: site.dir, input: `${password}\n` });
const machineSid = () => config().identities.machineSid as string;

/** Every file under `dir`, history included. */
function allText(dir: string): string {
  return readdirSync(dir).map((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allText(path) : readFileSync(path, 'utf8');
  }).join('\n');
}


describe('usher user add', () => {
  it('adds a user with a hashed password read from stdin, never echoed or stored in clear', () => {
    const run = withPassword(PASSWORD, 'user', 'add', 'alice');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(`added user alice (${machineSid()}-1000)`);
    const user = config().identities.users[0];
    expect(user).toEqual({ name: 'alice', rid: 1000, password: expect.stringMatching(/^\$scrypt\$ln=\d+,r=\d+,p=\d+\$/) });
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    usher('pool', 'add', 'Later');
    expect(allText(site.dir)).not.toContain(PASSWORD);
    expect(history()[0]).toBe('user add alice');
    expect(text()).toContain('# generated once; local users\' and groups\' SIDs derive from it');
  });

  it('puts the user in groups and gives the next rid, shared with groups', () => {
    usher('group', 'add', 'Editors');
    const run = withPassword(PASSWORD, 'user', 'add', 'bob', '--group', 'editors', '--group', 'iis_iusrs');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(`added user bob (${machineSid()}-1001), member of Editors, IIS_IUSRS`);
    expect(config().identities.users[0]).toMatchObject({ name: 'bob', rid: 1001, groups: ['Editors', 'IIS_IUSRS'] });
  });

  it.each([
    [['IUSR'], /'IUSR' is the built-in principal NT AUTHORITY\\IUSR \(S-1-5-17\): choose another name for the user/],
    [['administrators'], /'Administrators' is a built-in group with a well-known SID: choose another name for the user/],
    [['Network Service'], /is the built-in principal NT AUTHORITY\\NETWORK SERVICE/],
    [['S-1-5-18'], /would be read as a SID/],
    [['a@b'], /a user or group name cannot contain/],
    [['carol', '--group', 'Nobody'], /no group named 'Nobody': create it with usher group add Nobody/],
  ])('refuses %j before asking for a password', (args, message) => {
    const before = text();
    const run = withPassword(PASSWORD, 'user', 'add', ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(text()).toBe(before);
  });

  it('refuses a name that is taken', () => {
    withPassword(PASSWORD, 'user', 'add', 'alice');
    const run = withPassword(PASSWORD, 'user', 'add', 'ALICE');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/a local user named 'alice' already exists/);
  });

  it('refuses an empty password, and a missing terminal without --password-stdin', () => {
    const empty = withPassword('', 'user', 'add', 'alice');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/the password is empty; nothing was changed/);
    const noTerminal = usher('user', 'add', 'alice');
    expect(noTerminal.status).toBe(2);
    expect(noTerminal.stderr).toMatch(/no terminal to ask for the password on; pipe it in with --password-stdin/);
    expect(config().identities.users).toEqual([]);
  });
});

describe('usher user passwd', () => {
  it('replaces the hash', () => {
    withPassword(PASSWORD, 'user', 'add', 'alice');
    const before = config().identities.users[0].password as string;
    const run = withPassword('Another-Pass-7', 'user', 'passwd', 'Alice');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('changed the password of alice');
    const after = config().identities.users[0].password as string;
    expect(after).toMatch(/^\$scrypt\$/);
    expect(after).not.toBe(before);
    expect(allText(site.dir)).not.toContain('Another-Pass-7');
  });

  it('refuses an unknown user', () => {
    const run = withPassword(PASSWORD, 'user', 'passwd', 'ghost');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no local user named 'ghost'/);
  });
});

describe('usher user list', () => {
  it('prints names, SIDs and groups, never the hash', () => {
    usher('group', 'add', 'Editors');
    withPassword(PASSWORD, 'user', 'add', 'alice', '--group', 'Editors');
    usher('group', 'members', 'IIS_IUSRS', '--add', 'alice');
    const table = usher('user', 'list');
    expect(table.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^NAME\s+SID\s+GROUPS$/),
      expect.stringMatching(new RegExp(`^alice\\s+${machineSid()}-1001\\s+Editors, IIS_IUSRS$`)),
    ]);
    const json = usher('user', 'list', '--json');
    expect(JSON.parse(json.stdout)).toEqual({ users: [{ name: 'alice', sid: `${machineSid()}-1001`, rid: 1001, groups: ['Editors', 'IIS_IUSRS'] }] });
    expect(table.stdout + json.stdout).not.toContain('$scrypt$');
  });
});

describe('usher user remove', () => {
  beforeEach(() => {
    withPassword(PASSWORD, 'user', 'add', 'alice');
  });

  it('removes the user; its ACEs stay with the SID, and it warns', () => {
    usher('acl', 'grant', 'wwwroot', 'alice:(OI)(CI)(M)');
    const sid = `${machineSid()}-1000`;
    const run = usher('user', 'remove', 'alice');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(`removed user alice (${sid})`);
    expect(run.stderr.trim()).toBe(`usher: warning: 1 ACE on ./wwwroot named alice: it stays, orphaned, and usher acl show shows the SID ${sid}; ` +
      `remove it with usher acl remove PATH '*${sid}'`);
    expect(config().identities.users).toEqual([]);
    expect(config().acl['./wwwroot'].aces).toContain(`*${sid}:(OI)(CI)(M)`);
    expect(usher('acl', 'show', 'wwwroot').stdout).toContain(`${sid}:(OI)(CI)(M)`);
    // The orphaned SID's rid is not given to the next account.
    expect(withPassword(PASSWORD, 'user', 'add', 'bob').stdout).toContain(`${machineSid()}-1001`);
  });

  it.each([
    [['auth', 'set', 'Default Web Site/guest', '--identity', 'user:alice'],
      /alice is the anonymous identity at 'Default Web Site\/guest': set another first \(usher auth set 'Default Web Site\/guest' --identity IUSR\)/],
    [['pool', 'add', 'Api', '--identity', 'user:alice'], /alice is the identity of pool 'Api': set another first \(usher pool set Api --identity ApplicationPoolIdentity\)/],
    [['authz', 'add', 'Default Web Site', '--allow', '--users', 'alice'], /alice is named by rule 1 at 'Default Web Site': remove it from the rule first/],
  ])('refuses while %j needs it', (setup, message) => {
    expect(usher(...setup).status).toBe(0);
    const run = usher('user', 'remove', 'alice');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(config().identities.users).toHaveLength(1);
  });

  it('takes the user out of member lists written by hand', () => {
    writeFileSync(join(site.dir, 'usher.yaml'), text().replace('groups: []', 'groups: [{ name: Users, members: [IUSR, alice] }]'));
    expect(usher('user', 'remove', 'alice').status).toBe(0);
    expect(config().identities.groups).toEqual([{ name: 'Users', members: ['IUSR'] }]);
    usher('pool', 'add', 'Later');
    expect(history()[0]).toBe('user remove alice');
  });
});
