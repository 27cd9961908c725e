import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSite } from './run-usher.js';

const SITE = 'Default Web Site';
const site = useSite(() => {
  mkdirSync(join(site.dir, 'wwwroot/shop'));
  mkdirSync(join(site.dir, 'store'));
});
const { usher, text, config, history } = site;


describe('usher app add', () => {
  it("adds an application in the site's pool", () => {
    const run = usher('app', 'add', SITE, '/shop', '--path', 'wwwroot/shop');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe("added application '/shop' to site 'Default Web Site': path ./wwwroot/shop, pool DefaultAppPool (the site's)");
    // wwwroot's ACL covers it, so there is nothing to warn about.
    expect(run.stderr).toBe('');
    expect(config().sites[0].applications).toEqual([{ path: '/shop', physicalPath: './wwwroot/shop' }]);
    expect(text()).toContain('# Each pool runs its workers as its own identity');
  });

  it('adds an application in its own pool', () => {
    usher('pool', 'add', 'ShopPool');
    const run = usher('app', 'add', SITE, '/shop', '--path', 'store', '--pool', 'shoppool');
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/no ACL covers \.\/store yet.*'IIS AppPool\\ShopPool:\(OI\)\(CI\)\(RX\)'/);
    expect(config().sites[0].applications).toEqual([{ path: '/shop', physicalPath: './store', applicationPool: 'ShopPool' }]);
  });

  it.each([
    [['/', '--path', 'store'], /the root application \/ is the site itself: change it with usher site set 'Default Web Site'/],
    [['shop', '--path', 'store'], /application path 'shop' must start with \/ \(write '\/shop'\)/],
    [['/shop/', '--path', 'store'], /must not end with \//],
    [['/shop'], /an application needs --path DIR/],
    [['/shop', '--path', 'store', '--pool', 'Nope'], /no application pool named 'Nope': create it with usher pool add Nope/],
  ])('refuses %j with exit 2', (args, message) => {
    const before = text();
    const run = usher('app', 'add', SITE, ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(text()).toBe(before);
  });

  it('refuses a second application at the same path', () => {
    usher('app', 'add', SITE, '/shop', '--path', 'store');
    const run = usher('app', 'add', SITE, '/SHOP', '--path', 'store');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/site 'Default Web Site' already has application '\/shop'/);
  });
});

describe('usher app list', () => {
  beforeEach(() => {
    usher('app', 'add', SITE, '/shop', '--path', 'store');
    usher('vdir', 'add', SITE, '/shop', '/img', '--path', 'wwwroot/shop');
  });

  it('lists the root application first, then the others', () => {
    const lines = usher('app', 'list', SITE).stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^PATH\s+PHYSICAL PATH\s+POOL\s+VIRTUAL DIRECTORIES$/);
    expect(lines[1]).toMatch(/^\/\s+\.\/wwwroot\s+DefaultAppPool\s+\(the site root\)$/);
    expect(lines[2]).toMatch(/^\/shop\s+\.\/store\s+DefaultAppPool\s+\/img$/);
  });

  it('prints JSON with --json', () => {
    expect(JSON.parse(usher('app', 'list', SITE, '--json').stdout)).toEqual({
      site: SITE,
      applications: [
        { path: '/', physicalPath: './wwwroot', applicationPool: 'DefaultAppPool', root: true, virtualDirectories: [] },
        { path: '/shop', physicalPath: './store', applicationPool: 'DefaultAppPool', root: false, virtualDirectories: [{ path: '/img', physicalPath: './wwwroot/shop' }] },
      ],
    });
  });

  it('refuses an unknown site', () => {
    const run = usher('app', 'list', 'nope');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no site named 'nope' \(known: Default Web Site\)/);
  });
});

describe('usher app set and remove', () => {
  beforeEach(() => {
    usher('app', 'add', SITE, '/shop', '--path', 'store');
  });

  it("changes an application's folder and pool", () => {
    usher('pool', 'add', 'ShopPool');
    const run = usher('app', 'set', SITE, '/shop', '--path', 'wwwroot/shop', '--pool', 'ShopPool');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe("changed application '/shop' of site 'Default Web Site': path ./wwwroot/shop; pool ShopPool");
    expect(config().sites[0].applications).toEqual([{ path: '/shop', physicalPath: './wwwroot/shop', applicationPool: 'ShopPool' }]);
  });

  it.each([
    [['/nope', '--path', 'store'], /no application of site 'Default Web Site' named '\/nope' \(known: \/shop\)/],
    [['/shop'], /nothing to change: give --path or --pool/],
    [['/', '--pool', 'DefaultAppPool'], /the root application \/ is the site itself/],
  ])('refuses %j', (args, message) => {
    const run = usher('app', 'set', SITE, ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('removes an application, and the history records each edit', () => {
    const run = usher('app', 'remove', SITE, '/shop');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^removed application '\/shop' from site 'Default Web Site'/);
    expect(config().sites[0].applications).toBeUndefined();
    usher('pool', 'add', 'Later');
    expect(history().slice(0, 2)).toEqual(['app remove Default Web Site /shop', 'app add Default Web Site /shop']);
  });
});
