import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSite } from './run-usher.js';

const site = useSite(() => {
  mkdirSync(join(site.dir, 'shop'));
});
const { usher, text, config, history } = site;
/** Messages of the saved versions, newest first (the live file's own message shows once it is replaced). */


describe('usher site add', () => {
  it('adds a site with the next free id, its folder relative to the config and the default pool', () => {
    const run = usher('site', 'add', 'shop', '--binding', 'http/*:8081:', '--path', 'shop');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe("added site 'shop' (id 2): http/*:8081:, path ./shop, pool DefaultAppPool");
    expect(run.stderr).toMatch(/no ACL covers \.\/shop yet, so nobody may read it: usher acl grant shop 'IUSR:\(OI\)\(CI\)\(RX\)'/);
    expect(config().sites[1]).toEqual({ name: 'shop', id: 2, bindings: ['http/*:8081:'], physicalPath: './shop', applicationPool: 'DefaultAppPool' });
  });

  it('keeps the comments of usher.yaml', () => {
    usher('site', 'add', 'shop', '--binding', 'http/*:8081:', '--path', 'shop');
    expect(text()).toContain('# Each pool runs its workers as its own identity');
    expect(text()).toContain('# protocol/address:port:host; loopback until you decide otherwise');
  });

  it('writes an https binding with its certificate and key, and takes --id', () => {
    mkdirSync(join(site.dir, 'tls'));
    writeFileSync(join(site.dir, 'tls/www.crt'), 'pem');
    writeFileSync(join(site.dir, 'tls/www.key'), 'pem');
    const run = usher('site', 'add', 'shop', '--binding', 'http/*:8081:www.x', '--binding', 'https/*:8443:www.x',
      '--certificate', 'tls/www.crt', '--key', 'tls/www.key', '--path', 'shop', '--id', '7');
    expect(run.status).toBe(0);
    expect(config().sites[1].id).toBe(7);
    expect(config().sites[1].bindings).toEqual(['http/*:8081:www.x', { binding: 'https/*:8443:www.x', certificate: './tls/www.crt', key: './tls/www.key' }]);
  });

  it.each([
    [['shop', '--binding', 'http/*:8081:', '--path', 'shop', '--pool', 'Nope'], /no application pool named 'Nope': create it with usher pool add Nope/],
    [['Default Web Site', '--binding', 'http/*:8081:', '--path', 'shop'], /site 'Default Web Site' already exists \(id 1\)/],
    [['shop', '--binding', 'http/127.0.0.1:8080:', '--path', 'shop'], /binding 'http\/127\.0\.0\.1:8080:' is already used by site 'Default Web Site'/],
    [['shop', '--binding', 'https/*:8443:www.x', '--path', 'shop'], /https binding 'https\/\*:8443:www\.x' needs --certificate FILE and --key FILE/],
    [['shop', '--binding', 'ftp/*:21:', '--path', 'shop'], /binding 'ftp\/\*:21:': expected http\/ or https\//],
    [['shop', '--binding', 'http/*:8081:', '--path', '.'], /holds usher\.yaml and its history, which would be served with it/],
    [['shop', '--path', 'shop'], /a site needs at least one --binding/],
    [['shop', '--binding', 'http/*:8081:'], /a site needs --path DIR/],
    [['shop', '--binding', 'http/*:8081:', '--path', 'shop', '--id', '1'], /site id 1 is taken by site 'Default Web Site'/],
    [['sh/op', '--binding', 'http/*:8081:', '--path', 'shop'], /a site name cannot contain \/ or \?/],
  ])('refuses %j with exit 2 and leaves the file alone', (args, message) => {
    const before = text();
    const run = usher('site', 'add', ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(text()).toBe(before);
  });
});

describe('usher site list', () => {
  it('prints a table', () => {
    usher('site', 'add', 'shop', '--binding', 'http/*:8081:', '--binding', 'http/*:8082:', '--path', 'shop');
    const lines = usher('site', 'list').stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+ID\s+BINDINGS\s+PATH\s+POOL$/);
    expect(lines[2]).toMatch(/^shop\s+2\s+http\/\*:8081:, http\/\*:8082:\s+\.\/shop\s+DefaultAppPool$/);
  });

  it('prints JSON with --json', () => {
    const run = usher('site', 'list', '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      sites: [{ name: 'Default Web Site', id: 1, bindings: [{ binding: 'http/127.0.0.1:8080:' }], physicalPath: './wwwroot', applicationPool: 'DefaultAppPool' }],
    });
  });

  it('prints a JSON error when the configuration is missing', () => {
    const run = usher('site', 'list', '--json', '-c', 'missing.yaml');
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({ error: { code: 'USHER_ERR_CFG_NOT_FOUND', message: expect.stringMatching(/missing\.yaml does not exist/) } });
  });
});

describe('usher site set', () => {
  beforeEach(() => {
    usher('site', 'add', 'shop', '--binding', 'http/*:8081:', '--path', 'shop');
  });

  it('adds and removes bindings', () => {
    const run = usher('site', 'set', 'shop', '--add-binding', 'http/*:8082:', '--remove-binding', 'http/*:8081:');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe("changed site 'shop': bindings http/*:8082:");
    expect(config().sites[1].bindings).toEqual(['http/*:8082:']);
  });

  it('replaces the bindings with --binding, and changes folder and pool', () => {
    mkdirSync(join(site.dir, 'shop2'));
    usher('pool', 'add', 'ShopPool');
    const run = usher('site', 'set', 'SHOP', '--binding', 'http/*:9000:', '--path', 'shop2', '--pool', 'shoppool');
    expect(run.status).toBe(0);
    expect(config().sites[1]).toMatchObject({ bindings: ['http/*:9000:'], physicalPath: './shop2', applicationPool: 'ShopPool' });
  });

  it('renames the site and its location keys', () => {
    usher('auth', 'set', 'shop', '--basic', 'on');
    usher('auth', 'set', 'shop/admin', '--anonymous', 'off');
    const run = usher('site', 'set', 'shop', '--name', 'store');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/renamed to 'store' \(with 2 location entries\)/);
    expect(config().sites[1].name).toBe('store');
    expect(Object.keys(config().locations)).toEqual(['Default Web Site', 'store', 'store/admin']);
  });

  it.each([
    [['nope', '--path', 'shop'], /no site named 'nope' \(known: Default Web Site, shop\)/],
    [['shop'], /nothing to change/],
    [['shop', '--remove-binding', 'http/*:9999:'], /site 'shop' has no binding 'http\/\*:9999:' \(bindings: http\/\*:8081:\)/],
    [['shop', '--binding', 'http/*:9000:', '--add-binding', 'http/*:9001:'], /--binding replaces every binding/],
    [['shop', '--name', 'Default Web Site'], /site 'Default Web Site' already exists/],
  ])('refuses %j', (args, message) => {
    const run = usher('site', 'set', ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('usher site remove', () => {
  it('removes the site and its locations, and says so', () => {
    usher('site', 'add', 'shop', '--binding', 'http/*:8081:', '--path', 'shop');
    usher('authz', 'add', 'shop/admin', '--deny', '--users', '?');
    const run = usher('site', 'remove', 'shop');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe("removed site 'shop' (id 2) and its location entry (shop/admin); its folder and ACL entries are kept");
    expect(config().sites).toHaveLength(1);
    expect(Object.keys(config().locations)).toEqual(['Default Web Site']);
  });

  it('refuses an unknown site', () => {
    const run = usher('site', 'remove', 'nope');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no site named 'nope'/);
  });
});

describe('usher config history', () => {
  it('records each site edit with its message', () => {
    usher('site', 'add', 'shop', '--binding', 'http/*:8081:', '--path', 'shop');
    usher('site', 'set', 'shop', '--add-binding', 'http/*:8082:');
    usher('site', 'remove', 'shop');
    usher('pool', 'add', 'Later');
    expect(history().slice(0, 3)).toEqual(['site remove shop', 'site set shop', 'site add shop']);
  });
});
