import { describe, expect, it } from 'vitest';
import { effectiveLocation } from '../../config/index.js';
import { rulesFor } from './compiled-rules.js';
import { generationWith, SITE } from './fixtures/filtering-context.js';

describe('rulesFor: compiled once per location settings object', () => {
  it('returns the same compiled rules for the same settings, new ones for new settings', () => {
    const locations = { [SITE]: { requestFiltering: { denyUrlSequences: ['x'] } } };
    const site = generationWith(locations).sites[0]!;
    const settings = site.settingsAt('/a');
    expect(rulesFor(settings)).toBe(rulesFor(site.settingsAt('/b')));
    // A reload compiles a new generation, with new settings objects: its rules are compiled afresh.
    expect(rulesFor(settings)).not.toBe(rulesFor(generationWith(locations).sites[0]!.settingsAt('/a')));
  });

  it('builds one hidden-segment pattern from the names and the dot rule', () => {
    const config = { applicationPools: [], sites: [], locations: { [SITE]: { requestFiltering: { hiddenSegments: { add: ['a.b'], remove: ['.git'] } } } } };
    const hidden = rulesFor(effectiveLocation(config, SITE, '/')).hidden!;
    expect(hidden.exec('/x/A.B/y')?.[1]).toBe('A.B');
    expect(hidden.test('/x/aab')).toBe(false);
    expect(hidden.test('/.git/config')).toBe(false);
    expect(hidden.test('/.well-known/x')).toBe(false);
    expect(hidden.exec('/.gitignore')?.[1]).toBe('.gitignore');
  });

  it('has no pattern at all when nothing is hidden', () => {
    const config = { applicationPools: [], sites: [], locations: { [SITE]: { requestFiltering: { hiddenSegments: { clear: true } } } } };
    expect(rulesFor(effectiveLocation(config, SITE, '/')).hidden).toBeUndefined();
  });
});
