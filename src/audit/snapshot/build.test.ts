import { describe, expect, it } from 'vitest';
import { SID } from '../../identity/index.js';
import { withCase } from '../rule-tester.js';

describe('the snapshot: locations', () => {
  it('holds the site root, every location key and every application and virtual directory path', async () => {
    const paths = await withCase({
      name: 'x',
      config: `
sites: [{ name: Web, virtualDirectories: [{ path: /img, physicalPath: ./img }], applications: [{ path: /shop, physicalPath: ./shop, applicationPool: WebPool }] }]
locations: { Web/private: { directoryBrowse: { enabled: true } } }`,
      files: { 'img/a.png': 'x', 'shop/index.html': 'x' },
    }, (snapshot) => snapshot.locations.map((location) => `${location.scope} ${location.application.path}`));
    expect(paths).toEqual(['site:Web /', 'location:Web/img /', 'location:Web/private /', 'location:Web/shop /shop']);
  });

  it('says where each value in force was set: the default (server), the site key or a deeper key', async () => {
    const origins = await withCase({
      name: 'x',
      config: `locations: { Web: { directoryBrowse: { enabled: true } }, Web/a: { httpErrors: { errorMode: Custom } }, Web/a/b: { directoryBrowse: { enabled: false } } }`,
    }, (snapshot) => Object.fromEntries(snapshot.locations.map((location) => [location.path, {
      browse: location.origins['directoryBrowse.enabled'], errors: location.origins['httpErrors.errorMode'], limits: location.origins['requestFiltering.requestLimits.maxUrl'],
    }])));
    expect(origins).toEqual({
      '/': { browse: 'site:Web', errors: 'server', limits: 'server' },
      '/a': { browse: 'site:Web', errors: 'location:Web/a', limits: 'server' },
      '/a/b': { browse: 'location:Web/a/b', errors: 'location:Web/a', limits: 'server' },
    });
  });

  it('maps each location to its real path and resolves its anonymous identity with the server\'s URL rules', async () => {
    const found = await withCase({
      name: 'x',
      config: 'locations: { Web/private: { authorization: [{ access: deny, users: "?" }] }, Web/none: { authentication: { anonymous: { enabled: false } } } }',
      files: { 'wwwroot/private/index.html': 'x' },
    }, (snapshot, dir) => snapshot.locations.map((location) => [
      location.path, location.realPath?.replace(dir, '{{DIR}}'), location.isDirectory, location.anonymous?.principal.shortName, location.anonymous?.allowedByUrlRules,
    ]));
    expect(found).toEqual([
      ['/', '{{DIR}}/wwwroot', true, 'IUSR', true],
      ['/none', undefined, false, undefined, undefined],
      ['/private', '{{DIR}}/wwwroot/private', true, 'IUSR', false],
    ]);
  });
});

describe('the snapshot: identities', () => {
  it('knows credential states, admins, privileged groups and the web identities', async () => {
    const identities = await withCase({
      name: 'x',
      config: `
identities:
  users: [{ name: ann, rid: 1001, password: "{{HASH}}", groups: [Ops] }, { name: bob, rid: 1002, password: "{{EMPTY_HASH}}" }]
  groups: [{ name: Ops, rid: 1003, members: [] }, { name: Administrators, members: [Ops] }]`,
    }, (snapshot) => snapshot.identities);
    expect(identities.users.map((user) => [user.name, user.credential, user.admin])).toEqual([['ann', 'hash', true], ['bob', 'empty', false]]);
    const pool = identities.directory.resolve('IIS AppPool\\WebPool').sid;
    expect([...identities.webIdentities]).toEqual(expect.arrayContaining([SID.iusr, SID.everyone, SID.iisIusrs, pool]));
    expect(identities.webIdentities.has(SID.administrators)).toBe(false);
    expect(identities.admins.has(identities.directory.resolve('ann').sid)).toBe(true);
  });
});

describe('the snapshot: files', () => {
  it('walks content without following symlinks, and says which links leave the site', async () => {
    const objects = await withCase({
      name: 'x',
      files: {
        'wwwroot/inside/a.txt': 'a', 'outside/secret.txt': 's',
        'wwwroot/out': { symlink: '../outside' }, 'wwwroot/in': { symlink: './inside' }, 'wwwroot/dangling': { symlink: '/nonexistent/x' },
      },
    }, (snapshot, dir) => snapshot.files.objects.filter((object) => object.roles.includes('content'))
      .map((object) => `${object.path.replace(dir, '')} ${object.kind}${object.link ? ` escapes=${object.link.escapesRoots}` : ''}`).sort());
    expect(objects).toEqual([
      '/wwwroot directory', '/wwwroot/dangling symlink escapes=true', '/wwwroot/in symlink escapes=false', '/wwwroot/index.html file',
      '/wwwroot/inside directory', '/wwwroot/inside/a.txt file', '/wwwroot/out symlink escapes=true',
    ]);
  });

  it('stops at the cap per root and says so', async () => {
    const { roots, notes } = await withCase({
      name: 'x', files: { 'wwwroot/a': 'a', 'wwwroot/b': 'b', 'wwwroot/c': 'c', 'wwwroot/d': 'd' }, options: { maxObjectsPerRoot: 3 },
    }, (snapshot) => ({ roots: snapshot.files.roots, notes: snapshot.notes }));
    expect(roots[0]).toMatchObject({ objects: 3, truncated: true });
    expect(notes[0]).toMatch(/^stopped walking .*\/wwwroot after 3 objects/);
  });

  it('indexes each explicit ACE with the objects it applies to, at the path where it is set', async () => {
    const applied = await withCase({
      name: 'x', config: 'acl: { ./logs: { aces: ["Users:(OI)(CI)(IO)(R)"] } }', files: { 'wwwroot/a/b.txt': 'b', 'logs/W3SVC1/u_ex250101.log': '' },
    }, (snapshot, dir) => snapshot.files.applied.map((ace) => `${ace.from.replace(dir, '')} ${ace.principal.shortName} ${ace.roles.join(',')} ${ace.objects}`).sort());
    // wwwroot, index.html, a, a/b.txt; the inherit-only Users ACE applies to W3SVC1 and the log file, not to ./logs itself.
    expect(applied).toEqual([
      '/logs Users log 2',
      '/wwwroot Administrators content 4', '/wwwroot IIS AppPool\\WebPool content 4', '/wwwroot IUSR content 4', '/wwwroot SYSTEM content 4',
    ]);
  });

  it('records the config file and its folder, its history, certificates and keys as server files', async () => {
    const roles = await withCase({
      name: 'x',
      config: 'sites: [{ name: Web, bindings: [{ binding: "https/127.0.0.1:8443:", certificate: ./tls/c.pem, key: ./tls/k.pem }] }]',
      files: { 'tls/c.pem': 'c', 'tls/k.pem': 'k', '.usher-history/1-x.yaml': 'old' },
    }, (snapshot, dir) => snapshot.files.objects.filter((object) => !object.roles.includes('content'))
      .map((object) => `${object.path.replace(dir, '')} ${object.roles.join(',')}`).sort());
    expect(roles).toEqual([' config', '/.usher-history history', '/.usher-history/1-x.yaml history', '/tls/c.pem certificate', '/tls/k.pem private-key', '/usher.yaml config']);
  });
});

describe('the snapshot: exposure scan', () => {
  it('asks the server\'s stages as an anonymous visitor, and keeps the answer and the URL', async () => {
    const results = await withCase({
      name: 'x', files: { 'wwwroot/.env': 'X=1', 'wwwroot/db/app.sqlite': 'x', 'wwwroot/notes.bak': 'x' },
      config: 'acl: { ./wwwroot/notes.bak: { inheritance: disabled, aces: ["Administrators:(F)"] } }',
    }, (snapshot) => snapshot.exposure.map((result) => [result.url, result.categories.join(','), result.reachable, result.answer, result.decidedBy, result.href]));
    expect(results.sort()).toEqual([
      ['/.env', 'secret', false, '404.8', 'filtering', 'http://127.0.0.1:8080/.env'],
      ['/db/app.sqlite', 'database', true, '200', 'handler', 'http://127.0.0.1:8080/db/app.sqlite'],
      ['/notes.bak', 'backup', false, '401.3', 'acl', 'http://127.0.0.1:8080/notes.bak'],
    ]);
  });
});

describe('the snapshot: evidence', () => {
  it('reads W3C records inside the window, per site, with the days they cover', async () => {
    const now = Date.parse('2025-03-31T00:00:00Z');
    const log = '#Software: Usher\n#Version: 1.0\n#Date: 2025-02-01 00:00:00\n#Fields: date time cs-method cs-uri-stem cs-username c-ip sc-status sc-substatus\n' +
      '2025-02-01 10:00:00 GET /old.html - 10.0.0.1 200 0\n2025-03-21 08:00:00 GET /private/a.pdf ann+smith 10.0.0.2 401 3\n';
    const evidence = await withCase({ name: 'x', options: { evidenceDays: 30, now }, files: { 'logs/W3SVC1/u_ex250321.log': log } }, (snapshot) => snapshot.evidence);
    expect(evidence.windowDays).toBe(30);
    expect(evidence.sites).toHaveLength(1);
    expect(evidence.sites[0]!.records).toEqual([{
      time: Date.parse('2025-03-21T08:00:00Z'), method: 'GET', uriStem: '/private/a.pdf', uriQuery: undefined, username: 'ann smith',
      clientIp: '10.0.0.2', status: 401, substatus: 3, win32: undefined,
    }]);
    expect(evidence.sites[0]!.coveredDays).toBeCloseTo(10 - 8 / 24);
  });
});
