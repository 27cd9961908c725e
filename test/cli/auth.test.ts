import { describe, expect, it } from 'vitest';
import { runUsher, useSite } from './run-usher.js';

const SITE = 'Default Web Site';
const site = useSite();
const { usher, text, config, history } = site;
const showJson = (where: string) => JSON.parse(usher('auth', 'show', where, '--json').stdout) as Record<string, unknown>;


describe('usher auth show', () => {
  it('prints the authentication in force and where each value comes from', () => {
    const run = usher('auth', 'show', `${SITE}/private`);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe("authentication at 'Default Web Site/private'");
    expect(lines[2]).toMatch(/^ {2}anonymous\s+enabled\s+set at 'Default Web Site'$/);
    expect(lines[3]).toMatch(/^ {2}identity\s+IUSR\s+set at 'Default Web Site'$/);
    expect(lines[4]).toMatch(/^ {2}basic\s+disabled\s+set at 'Default Web Site'$/);
    expect(lines[5]).toMatch(/^ {2}realm\s+Usher\s+default$/);
  });

  it('prints JSON with --json', () => {
    expect(showJson(SITE)).toEqual({
      location: SITE,
      anonymous: { enabled: true, identity: 'IUSR' },
      basic: { enabled: false, realm: 'Usher' },
      from: { 'anonymous.enabled': SITE, 'anonymous.identity': SITE, 'basic.enabled': SITE, 'basic.realm': null },
    });
  });

  it('refuses an unknown site and a malformed path', () => {
    const unknown = usher('auth', 'show', 'nope/x');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no site named 'nope' \(sites: Default Web Site\)/);
    const malformed = usher('auth', 'show', `${SITE}/a//b`);
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toMatch(/is not SITE or SITE\/PATH: the path after the site name must not contain an empty segment/);
  });
});

describe('usher auth set', () => {
  it('writes into locations."SITE/PATH".authentication, and the nearest setting wins below it', () => {
    const run = usher('auth', 'set', 'default web site/private', '--anonymous', 'off', '--basic', 'on', '--realm', 'Staff only');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe("authentication at 'Default Web Site/private': anonymous off, basic on, realm 'Staff only'");
    expect(config().locations['Default Web Site/private']).toEqual({
      authentication: { anonymous: { enabled: false }, basic: { enabled: true, realm: 'Staff only' } },
    });
    expect(showJson(`${SITE}/private/reports`)).toEqual({
      location: `${SITE}/private/reports`,
      anonymous: { enabled: false, identity: 'IUSR' },
      basic: { enabled: true, realm: 'Staff only' },
      from: { 'anonymous.enabled': `${SITE}/private`, 'anonymous.identity': SITE, 'basic.enabled': `${SITE}/private`, 'basic.realm': `${SITE}/private` },
    });
    // A sibling path is not covered.
    expect(showJson(`${SITE}/privateer`)).toMatchObject({ basic: { enabled: false } });
  });

  it('edits the existing entry in place and keeps its comments', () => {
    const run = usher('auth', 'set', SITE, '--identity', 'apppool');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe("authentication at 'Default Web Site': anonymous requests run as ApplicationPoolIdentity");
    expect(config().locations[SITE].authentication.anonymous).toEqual({ enabled: true, identity: 'ApplicationPoolIdentity' });
    expect(text()).toContain('# anonymous visitors run as IUSR (S-1-5-17)');
    expect(usher('auth', 'show', SITE).stdout).toMatch(/identity\s+ApplicationPoolIdentity \(IIS AppPool\\DefaultAppPool\)/);
  });

  it('sets a local user as the anonymous identity', () => {
    runUsher(['user', 'add', 'anon', '--password-stdin'], { cwd: site.dir, input: 'Anon-pass-1\n' });
    expect(usher('auth', 'set', `${SITE}/guest`, '--identity', 'user:anon').status).toBe(0);
    expect(config().locations[`${SITE}/guest`].authentication.anonymous.identity).toEqual({ user: 'anon' });
  });

  it('warns when no authentication method is left', () => {
    const run = usher('auth', 'set', SITE, '--anonymous', 'off');
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/neither anonymous nor basic authentication is enabled at 'Default Web Site': every request there gets 401\.2/);
  });

  it.each([
    [[SITE], /nothing to change/],
    [[SITE, '--anonymous', 'perhaps'], /--anonymous takes on or off, not 'perhaps'/],
    [[SITE, '--identity', 'NetworkService'], /'NetworkService' is not an anonymous identity: use IUSR, ApplicationPoolIdentity \(apppool\) or user:NAME/],
    [[SITE, '--identity', 'user:ghost'], /no local user named 'ghost': add it with usher user add ghost/],
    [['Nope', '--basic', 'on'], /no site named 'Nope'/],
  ])('refuses %j with exit 2', (args, message) => {
    const before = text();
    const run = usher('auth', 'set', ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(text()).toBe(before);
  });

  it('records each edit in the history', () => {
    usher('auth', 'set', `${SITE}/private`, '--basic', 'on');
    usher('auth', 'set', `${SITE}/private`, '--anonymous', 'off');
    usher('pool', 'add', 'Later');
    expect(history().slice(0, 2)).toEqual(['auth set Default Web Site/private --anonymous off', 'auth set Default Web Site/private --basic on']);
  });
});
