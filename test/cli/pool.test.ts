import { describe, expect, it } from 'vitest';
import { runUsher, useSite } from './run-usher.js';

const site = useSite();
const { usher, text, config, history } = site;


describe('usher pool add', () => {
  it('adds a pool running as its own identity', () => {
    const run = usher('pool', 'add', 'ShopPool');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^added pool 'ShopPool' \(runs as IIS AppPool\\ShopPool, S-1-5-82-[\d-]+\): identity ApplicationPoolIdentity$/m);
    expect(config().applicationPools[1]).toEqual({ name: 'ShopPool', identity: 'ApplicationPoolIdentity' });
    expect(text()).toContain('# Each pool runs its workers as its own identity');
  });

  it('takes every setting, with short identity aliases', () => {
    const run = usher('pool', 'add', 'Api', '--identity', 'networkservice', '--manual-group-membership', 'on',
      '--idle-timeout', '5m', '--max-processes', '4', '--auto-start', 'off');
    expect(run.status).toBe(0);
    expect(config().applicationPools[1]).toEqual({
      name: 'Api', identity: 'NetworkService', manualGroupMembership: true, idleTimeout: '5m', maxProcesses: 4, autoStart: false,
    });
  });

  it.each([
    ['apppool', 'ApplicationPoolIdentity'], ['Network Service', 'NetworkService'], ['LOCALSERVICE', 'LocalService'], ['system', 'LocalSystem'],
  ])('reads --identity %s as %s', (alias, identity) => {
    usher('pool', 'add', 'Api', '--identity', alias);
    expect(config().applicationPools[1].identity).toBe(identity);
  });

  it('runs a pool as a local user', () => {
    runUsher(['user', 'add', 'svc', '--password-stdin'], { cwd: site.dir, input: 's3cret-Pass\n' });
    const run = usher('pool', 'add', 'Api', '--identity', 'user:SVC');
    expect(run.status).toBe(0);
    expect(config().applicationPools[1].identity).toEqual({ user: 'svc' });
  });

  it.each([
    [['DefaultAppPool'], /pool 'DefaultAppPool' already exists: change it with usher pool set DefaultAppPool/],
    [['a:b'], /a pool name cannot contain/],
    [['Api', '--identity', 'root'], /'root' is not a pool identity: use ApplicationPoolIdentity \(apppool\), NetworkService, LocalService, LocalSystem or user:NAME/],
    [['Api', '--identity', 'user:nobody'], /no local user named 'nobody': add it with usher user add nobody/],
    [['Api', '--auto-start', 'maybe'], /--auto-start takes on or off, not 'maybe'/],
    [['Api', '--idle-timeout', 'soon'], /--idle-timeout: 'soon' is not a duration/],
    [['Api', '--max-processes', '0'], /--max-processes takes a whole number from 1 to 1024, not '0'/],
  ])('refuses %j with exit 2', (args, message) => {
    const before = text();
    const run = usher('pool', 'add', ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(text()).toBe(before);
  });
});

describe('usher pool list', () => {
  it('prints a table with who uses each pool', () => {
    usher('pool', 'add', 'Idle', '--manual-group-membership', 'on');
    const lines = usher('pool', 'list').stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+IDENTITY\s+IIS_IUSRS\s+AUTO-START\s+IDLE\s+MAX PROCESSES\s+USED BY$/);
    expect(lines[1]).toMatch(/^DefaultAppPool\s+ApplicationPoolIdentity\s+yes\s+on\s+20m\s+1\s+Default Web Site$/);
    expect(lines[2]).toMatch(/^Idle\s+ApplicationPoolIdentity\s+no \(manual\)\s+on\s+20m\s+1\s+-$/);
  });

  it('prints JSON with --json', () => {
    const { pools } = JSON.parse(usher('pool', 'list', '--json').stdout) as { pools: unknown[] };
    expect(pools).toEqual([{
      name: 'DefaultAppPool', sid: expect.stringMatching(/^S-1-5-82-/), identity: 'ApplicationPoolIdentity', manualGroupMembership: false,
      autoStart: true, idleTimeout: '20m', maxProcesses: 1, usedBy: [{ site: 'Default Web Site', application: '/' }],
    }]);
  });
});

describe('usher pool set', () => {
  it("changes a pool's settings", () => {
    const run = usher('pool', 'set', 'defaultapppool', '--identity', 'LocalService', '--idle-timeout', '0');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe("changed pool 'DefaultAppPool': identity LocalService, idle timeout 0");
    expect(config().applicationPools[0]).toEqual({ name: 'DefaultAppPool', identity: 'LocalService', idleTimeout: 0 });
  });

  it('refuses an unknown pool, and an empty change', () => {
    const unknown = usher('pool', 'set', 'Nope', '--auto-start', 'on');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no application pool named 'Nope' \(known: DefaultAppPool\)/);
    const empty = usher('pool', 'set', 'DefaultAppPool');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/nothing to change/);
  });
});

describe('usher pool remove', () => {
  it('refuses while a site or an application uses the pool, naming them', () => {
    usher('pool', 'add', 'Shop');
    usher('app', 'add', 'Default Web Site', '/shop', '--path', 'wwwroot', '--pool', 'Shop');
    const bySite = usher('pool', 'remove', 'DefaultAppPool');
    expect(bySite.status).toBe(2);
    expect(bySite.stderr).toMatch(/pool 'DefaultAppPool' is used by site 'Default Web Site': move it to another pool first \(usher site set 'Default Web Site' --pool P\)/);
    const byApp = usher('pool', 'remove', 'Shop');
    expect(byApp.status).toBe(2);
    expect(byApp.stderr).toMatch(/pool 'Shop' is used by application 'Default Web Site\/shop'/);
  });

  it('removes an unused pool; ACEs naming it keep its SID, and group memberships go', () => {
    usher('pool', 'add', 'Old');
    const sid = JSON.parse(usher('pool', 'list', '--json').stdout).pools[1].sid as string;
    usher('acl', 'grant', 'wwwroot', 'IIS AppPool\\Old:(OI)(CI)(R)');
    usher('group', 'members', 'IIS_IUSRS', '--add', 'IIS AppPool\\Old');
    const run = usher('pool', 'remove', 'old');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe("removed pool 'Old'");
    expect(run.stderr).toContain(`1 ACE on ./wwwroot named IIS AppPool\\Old: it stays, orphaned, and usher acl show shows the SID ${sid}`);
    expect(config().applicationPools.map((p: { name: string }) => p.name)).toEqual(['DefaultAppPool']);
    expect(config().acl['./wwwroot'].aces).toContain(`*${sid}:(OI)(CI)(R)`);
    expect(config().identities.groups).toEqual([]);
    expect(usher('acl', 'show', 'wwwroot').stdout).toContain(`${sid}:(OI)(CI)(R)`);
    expect(usher('config', 'check').status).toBe(0);
  });

  it('records each edit in the history', () => {
    usher('pool', 'add', 'Api');
    usher('pool', 'set', 'Api', '--max-processes', '2');
    usher('pool', 'remove', 'Api');
    usher('pool', 'add', 'Later');
    expect(history().slice(0, 3)).toEqual(['pool remove Api', 'pool set Api', 'pool add Api']);
  });
});
