import { describe, expect, it } from 'vitest';
import { effectiveLocation, locationLevels } from './location-settings.js';
import type { UsherConfig } from './schema/usher-config.js';

const config = (locations: UsherConfig['locations']): UsherConfig => ({
  applicationPools: [{ name: 'DefaultAppPool' }],
  sites: [{ name: 'Default Web Site', id: 1, physicalPath: './w' }, { name: 'Other', id: 2, physicalPath: './o' }],
  locations,
});

describe('effectiveLocation: IIS defaults, then each location from the site root down', () => {
  it('gives IIS defaults with no location at all', () => {
    const at = effectiveLocation(config({}), 'Default Web Site', '/a/b');
    expect(at.authentication).toEqual({ anonymous: { enabled: true, identity: 'IUSR' }, basic: { enabled: false, realm: 'Usher' } });
    expect(at.authorization).toEqual([{ access: 'allow', users: '*' }]);
    expect(at.requestFiltering.hiddenSegments).toContain('app_data');
    expect(at.requestFiltering.hideDotSegments).toBe(true);
    expect(at.requestFiltering.dotSegmentsVisible).toEqual(['.well-known']);
    expect(at.directoryBrowse.enabled).toBe(false);
  });

  it.each([
    ['the nearest level wins for a scalar', '/private/x', (at: ReturnType<typeof effectiveLocation>) => at.authentication.anonymous.enabled, false],
    ['a level further down overrides again', '/private/open', (at: ReturnType<typeof effectiveLocation>) => at.authentication.anonymous.enabled, true],
    ['a sibling path is not covered', '/privateer', (at: ReturnType<typeof effectiveLocation>) => at.authentication.anonymous.enabled, true],
    ['paths compare case-insensitively', '/PRIVATE', (at: ReturnType<typeof effectiveLocation>) => at.authentication.anonymous.enabled, false],
    ['unset fields keep the parent value', '/private/x', (at: ReturnType<typeof effectiveLocation>) => at.authentication.basic.realm, 'Corp'],
    ["another site's settings do not leak", '/private', (at: ReturnType<typeof effectiveLocation>) => at.directoryBrowse.enabled, false],
  ])('%s', (_title, path, read, expected) => {
    const c = config({
      'Default Web Site': { authentication: { basic: { realm: 'Corp' } } },
      'Default Web Site/private': { authentication: { anonymous: { enabled: false }, basic: { enabled: true } } },
      'Default Web Site/private/open': { authentication: { anonymous: { enabled: true } } },
      Other: { directoryBrowse: { enabled: true } },
    });
    expect(read(effectiveLocation(c, 'Default Web Site', path))).toEqual(expected);
  });

  it('accumulates URL rules parent first, and clear starts over (dropping the default allow *)', () => {
    const c = config({
      'Default Web Site': { authorization: [{ access: 'deny', users: 'mallory' }] },
      'Default Web Site/private': { authorization: [{ access: 'deny', users: '?' }, { access: 'allow', roles: 'Editors' }] },
      'Default Web Site/staff': { authorization: [{ clear: true }, { access: 'allow', roles: 'Staff' }] },
    });
    expect(effectiveLocation(c, 'Default Web Site', '/private/doc').authorization).toEqual([
      { access: 'allow', users: '*' }, { access: 'deny', users: 'mallory' }, { access: 'deny', users: '?' }, { access: 'allow', roles: 'Editors' },
    ]);
    expect(effectiveLocation(c, 'Default Web Site', '/staff').authorization).toEqual([{ access: 'allow', roles: 'Staff' }]);
  });

  it('adds, removes and clears hidden segments; removing a dot segment makes it visible', () => {
    const c = config({
      'Default Web Site': { requestFiltering: { hiddenSegments: { add: ['Secrets'], remove: ['bin', '.git'] } } },
      'Default Web Site/raw': { requestFiltering: { hiddenSegments: { clear: true, add: ['private'] } } },
    });
    const root = effectiveLocation(c, 'Default Web Site', '/');
    expect(root.requestFiltering.hiddenSegments).toContain('secrets');
    expect(root.requestFiltering.hiddenSegments).not.toContain('bin');
    expect(root.requestFiltering.dotSegmentsVisible).toEqual(['.well-known', '.git']);
    const raw = effectiveLocation(c, 'Default Web Site', '/raw/x');
    expect(raw.requestFiltering).toMatchObject({ hiddenSegments: ['private'], hideDotSegments: false, dotSegmentsVisible: [] });
  });

  it('merges request limits per field and accumulates denied extensions and verbs', () => {
    const c = config({
      'Default Web Site': { requestFiltering: { requestLimits: { maxUrl: 1000 }, fileExtensions: { deny: ['.BAK'] }, verbs: { deny: ['TRACE'] } } },
      'Default Web Site/up': { requestFiltering: { requestLimits: { maxQueryString: 10 }, fileExtensions: { deny: ['.exe'] }, verbs: { deny: ['PUT'] } } },
    });
    const up = effectiveLocation(c, 'Default Web Site', '/up').requestFiltering;
    expect(up.requestLimits).toEqual({ maxAllowedContentLength: 30_000_000, maxUrl: 1000, maxQueryString: 10 });
    expect(up.fileExtensions.deny).toEqual(['.bak', '.exe']);
    expect(up.verbs.deny).toEqual(['TRACE', 'PUT']);
  });

  it('orders levels by depth whatever the file order', () => {
    const c = config({ 'Default Web Site/a/b': {}, 'Default Web Site': {}, 'Default Web Site/a': {} });
    expect(locationLevels(c, 'Default Web Site', '/a/b/c').map((level) => level.path)).toEqual(['/', '/a', '/a/b']);
  });
});
