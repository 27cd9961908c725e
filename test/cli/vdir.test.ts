import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSite } from './run-usher.js';

const SITE = 'Default Web Site';
const site = useSite(() => {
  mkdirSync(join(site.dir, 'wwwroot/shop'));
  mkdirSync(join(site.dir, 'wwwroot/images'));
  usher('app', 'add', SITE, '/shop', '--path', 'wwwroot/shop');
});
const { usher, text, config, history } = site;


describe('usher vdir', () => {
  it('adds, lists, changes and removes a virtual directory', () => {
    const add = usher('vdir', 'add', SITE, '/shop', '/images', '--path', 'wwwroot/images');
    expect(add.status).toBe(0);
    expect(add.stdout.trim()).toBe("added virtual directory '/images' to application '/shop' of site 'Default Web Site': /shop/images serves ./wwwroot/images");
    expect(config().sites[0].applications[0].virtualDirectories).toEqual([{ path: '/images', physicalPath: './wwwroot/images' }]);

    const lines = usher('vdir', 'list', SITE, '/shop').stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^PATH\s+PHYSICAL PATH\s+URL$/);
    expect(lines[1]).toMatch(/^\/\s+\.\/wwwroot\/shop\s+\/shop \(the application root\)$/);
    expect(lines[2]).toMatch(/^\/images\s+\.\/wwwroot\/images\s+\/shop\/images$/);

    const set = usher('vdir', 'set', SITE, '/shop', '/IMAGES', '--path', 'wwwroot');
    expect(set.status).toBe(0);
    expect(config().sites[0].applications[0].virtualDirectories).toEqual([{ path: '/images', physicalPath: './wwwroot' }]);

    const remove = usher('vdir', 'remove', SITE, '/shop', '/images');
    expect(remove.status).toBe(0);
    expect(config().sites[0].applications[0].virtualDirectories).toBeUndefined();
    expect(text()).toContain('# Windows-style ACLs, keyed by path');

    usher('pool', 'add', 'Later');
    expect(history().slice(0, 3)).toEqual([
      'vdir remove Default Web Site /shop /images', 'vdir set Default Web Site /shop /IMAGES', 'vdir add Default Web Site /shop /images',
    ]);
  });

  it("adds, lists and removes the root application's virtual directories on the site itself", () => {
    expect(usher('vdir', 'add', SITE, '/', '/images', '--path', 'wwwroot/images').status).toBe(0);
    expect(config().sites[0].virtualDirectories).toEqual([{ path: '/images', physicalPath: './wwwroot/images' }]);
    expect(usher('vdir', 'list', SITE, '/').stdout).toMatch(/\/images +\.\/wwwroot\/images +\/images/);
    expect(usher('config', 'check').status).toBe(0);
    expect(usher('vdir', 'remove', SITE, '/', '/images').status).toBe(0);
    expect(config().sites[0].virtualDirectories).toBeUndefined();
  });

  it('prints JSON with --json, the root application included', () => {
    expect(JSON.parse(usher('vdir', 'list', SITE, '/', '--json').stdout)).toEqual({
      site: SITE, application: '/', virtualDirectories: [{ path: '/', physicalPath: './wwwroot', root: true }],
    });
  });

  it.each([
    [['add', SITE, '/shop', '/', '--path', 'wwwroot/images'], /the root directory of application '\/shop' is its own folder: change it with usher app set/],
    [['add', SITE, '/nope', '/images', '--path', 'wwwroot/images'], /no application of site 'Default Web Site' named '\/nope'/],
    [['add', SITE, '/shop', 'images', '--path', 'wwwroot/images'], /virtual directory path 'images' must start with \//],
    [['add', SITE, '/shop', '/images'], /a virtual directory needs --path DIR/],
    [['set', SITE, '/shop', '/nope', '--path', 'wwwroot'], /application '\/shop' of site 'Default Web Site' has no virtual directory '\/nope' \(it has: none\)/],
    [['remove', SITE, '/', '/images'], /application '\/' of site 'Default Web Site' has no virtual directory '\/images'/],
  ])('refuses %j with exit 2', (args, message) => {
    const before = text();
    const run = usher('vdir', ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(text()).toBe(before);
  });

  it('refuses a second directory at the same path', () => {
    usher('vdir', 'add', SITE, '/shop', '/images', '--path', 'wwwroot/images');
    const run = usher('vdir', 'add', SITE, '/shop', '/images', '--path', 'wwwroot');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/application '\/shop' already has virtual directory '\/images'/);
  });
});
