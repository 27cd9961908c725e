import { beforeEach, describe, expect, it } from 'vitest';
import { runUsher, useSite } from './run-usher.js';

const site = useSite();
const { usher, text, config, history } = site;
const addUser = (name: string, ...args: string[]) => runUsher(['user', 'add', name, '--password-stdin', ...args], { cwd: site.dir, input: 'Pass-word-1\n' });
const machineSid = () => config().identities.machineSid as string;


describe('usher group add', () => {
  it('adds a local group with the next rid', () => {
    addUser('alice');
    const run = usher('group', 'add', 'Editors');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(`added group Editors (${machineSid()}-1001)`);
    expect(config().identities.groups).toEqual([{ name: 'Editors', rid: 1001 }]);
    expect(text()).toContain('# generated once;');
  });

  it.each([
    [['iis_iusrs'], /'IIS_IUSRS' is a built-in group with a well-known SID: it exists already; add members with usher group members IIS_IUSRS --add NAME/],
    [['Everyone'], /'Everyone' is the built-in principal Everyone \(S-1-1-0\): choose another name for the group/],
    [['alice'], /a local user named 'alice' already exists \(users and groups share one set of names\): choose another name/],
  ])('refuses %j with exit 2', (args, message) => {
    addUser('alice');
    const before = text();
    const run = usher('group', 'add', ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(text()).toBe(before);
  });
});

describe('usher group members', () => {
  beforeEach(() => {
    usher('group', 'add', 'Editors');
    addUser('alice');
  });

  it("puts local users in their own groups list and other principals in the group's members", () => {
    const run = usher('group', 'members', 'editors', '--add', 'alice', '--add', 'IUSR', '--add', 'IIS AppPool\\DefaultAppPool');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('Editors: added alice, IUSR, IIS AppPool\\DefaultAppPool');
    expect(config().identities.users[0].groups).toEqual(['Editors']);
    expect(config().identities.groups).toEqual([{ name: 'Editors', rid: 1000, members: ['IUSR', 'IIS AppPool\\DefaultAppPool'] }]);
    expect(usher('token', '--identity', 'IUSR').stdout).toContain('Editors');
  });

  it('adds members to a built-in group with an entry that has no rid, and drops the entry when it empties', () => {
    expect(usher('group', 'members', 'IIS_IUSRS', '--add', 'IUSR').status).toBe(0);
    expect(config().identities.groups).toEqual([{ name: 'Editors', rid: 1000 }, { name: 'IIS_IUSRS', members: ['IUSR'] }]);
    const run = usher('group', 'members', 'IIS_IUSRS', '--remove', 'nt authority\\iusr');
    expect(run.stdout.trim()).toBe('IIS_IUSRS: removed IUSR');
    expect(config().identities.groups).toEqual([{ name: 'Editors', rid: 1000 }]);
  });

  it('shows the members, as a table or JSON', () => {
    usher('group', 'members', 'Editors', '--add', 'alice', '--add', 'IUSR');
    expect(usher('group', 'members', 'Editors').stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^MEMBER\s+SID$/),
      expect.stringMatching(new RegExp(`^alice\\s+${machineSid()}-1001$`)),
      expect.stringMatching(/^NT AUTHORITY\\IUSR\s+S-1-5-17$/),
    ]);
    expect(JSON.parse(usher('group', 'members', 'Editors', '--json').stdout)).toEqual({
      group: 'Editors', sid: `${machineSid()}-1000`,
      members: [{ name: 'alice', sid: `${machineSid()}-1001` }, { name: 'NT AUTHORITY\\IUSR', sid: 'S-1-5-17' }],
    });
  });

  it('says when someone is already a member, and refuses to remove a non-member', () => {
    usher('group', 'members', 'Editors', '--add', 'alice');
    const again = usher('group', 'members', 'Editors', '--add', 'alice');
    expect(again.status).toBe(0);
    expect(again.stdout.trim()).toBe('Editors: alice was already in it');
    const remove = usher('group', 'members', 'Editors', '--remove', 'IUSR');
    expect(remove.status).toBe(2);
    expect(remove.stderr).toMatch(/IUSR is not a member of Editors: see usher group members Editors/);
  });

  it.each([
    [['Nobody', '--add', 'alice'], /no group named 'Nobody': create it with usher group add Nobody/],
    [['Editors', '--add', 'ghost'], /no principal named 'ghost'/],
    [['Editors', '--add', 'Users'], /BUILTIN\\Users is a group: groups here hold users and accounts, not other groups/],
    [['Editors', '--add', 'CREATOR OWNER'], /CREATOR OWNER is a placeholder/],
  ])('refuses %j with exit 2', (args, message) => {
    const before = text();
    const run = usher('group', 'members', ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(text()).toBe(before);
  });
});

describe('usher group list and remove', () => {
  beforeEach(() => {
    usher('group', 'add', 'Editors');
    addUser('alice', '--group', 'Editors');
    usher('group', 'members', 'IIS_IUSRS', '--add', 'IUSR');
  });

  it('lists local groups and the built-in groups given members here', () => {
    expect(usher('group', 'list').stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^NAME\s+SID\s+MEMBERS$/),
      expect.stringMatching(new RegExp(`^Editors\\s+${machineSid()}-1000\\s+alice$`)),
      expect.stringMatching(/^IIS_IUSRS \(built-in\)\s+S-1-5-32-568\s+IUSR$/),
    ]);
    expect(JSON.parse(usher('group', 'list', '--json').stdout)).toEqual({
      groups: [
        { name: 'Editors', sid: `${machineSid()}-1000`, builtin: false, members: ['alice'] },
        { name: 'IIS_IUSRS', sid: 'S-1-5-32-568', builtin: true, members: ['IUSR'] },
      ],
    });
  });

  it("removes a group and takes it out of its users' lists; its ACEs stay with the SID", () => {
    usher('acl', 'grant', 'wwwroot', 'Editors:(OI)(CI)(M)');
    const sid = `${machineSid()}-1000`;
    const run = usher('group', 'remove', 'editors');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(`removed group Editors (${sid}); alice is no longer in it`);
    expect(run.stderr).toMatch(new RegExp(`1 ACE on \\./wwwroot named Editors: it stays, orphaned, and usher acl show shows the SID ${sid}`));
    expect(config().identities.groups).toEqual([{ name: 'IIS_IUSRS', members: ['IUSR'] }]);
    expect(config().identities.users[0].groups).toBeUndefined();
    expect(config().acl['./wwwroot'].aces).toContain(`*${sid}:(OI)(CI)(M)`);
    usher('pool', 'add', 'Later');
    expect(history().slice(0, 3)).toEqual(['group remove editors', 'acl grant Editors:(OI)(CI)(M) on ./wwwroot', 'group members IIS_IUSRS --add IUSR']);
  });

  it('refuses to remove a built-in group, or a group a URL rule names', () => {
    const builtin = usher('group', 'remove', 'IIS_IUSRS');
    expect(builtin.status).toBe(2);
    expect(builtin.stderr).toMatch(/IIS_IUSRS is a built-in group with a well-known SID and cannot be removed: take members out with usher group members IIS_IUSRS --remove NAME/);
    usher('authz', 'add', 'Default Web Site', '--allow', '--roles', 'Editors');
    const named = usher('group', 'remove', 'Editors');
    expect(named.status).toBe(2);
    expect(named.stderr).toMatch(/Editors is named by rule 1 at 'Default Web Site': remove it from the rule first/);
  });
});
