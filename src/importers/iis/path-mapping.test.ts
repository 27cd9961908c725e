import { describe, expect, it } from 'vitest';
import { createPathMapper, expandVariables, parseMapPath } from './path-mapping.js';
import { createWarningSink } from './warnings.js';

const place = { file: 'applicationHost.config', line: 7 };

describe('path mapping', () => {
  it('expands the variables IIS expands, and leaves unknown ones', () => {
    expect(expandVariables('%SystemDrive%\\inetpub\\wwwroot')).toBe('C:\\inetpub\\wwwroot');
    expect(expandVariables('%windir%\\System32')).toBe('C:\\Windows\\System32');
    expect(expandVariables('%IIS_SITES_HOME%\\App')).toBe('%IIS_SITES_HOME%\\App');
  });

  it('maps by the longest matching prefix, case-insensitively, keeping the rest as written', () => {
    const sink = createWarningSink();
    const mapper = createPathMapper([parseMapPath('C:\\inetpub=/srv/iis', '/'), parseMapPath('c:\\INETPUB\\wwwroot\\=www', '/work')], '/work', sink);
    expect(mapper.map('%SystemDrive%\\inetpub\\wwwroot\\Images', place, 'x')).toEqual({ mapped: true, local: '/work/www/Images', written: './www/Images' });
    expect(mapper.map('C:/inetpub/logs', place, 'x')).toEqual({ mapped: true, local: '/srv/iis/logs', written: '/srv/iis/logs' });
    expect(mapper.lookup('C:\\inetpubX')).toBeUndefined();
    expect(sink.list()).toEqual([]);
  });

  it('keeps an unmapped path as written and reports it; parks a relative one where nothing is', () => {
    const sink = createWarningSink();
    const mapper = createPathMapper([], '/work', sink);
    expect(mapper.map('D:\\sites\\a', place, 'physical path')).toEqual({ mapped: false, written: 'D:\\sites\\a' });
    expect(mapper.map('.', place, 'physical path')).toEqual({ mapped: false, written: './iis-relative-path/.' });
    expect(sink.list().map((warning) => warning.message)).toEqual([
      expect.stringMatching(/^physical path D:\\sites\\a has no --map-path: kept as written.*--map-path 'D:\\sites\\a=DIR'$/),
      expect.stringMatching(/^physical path \. is relative to IIS's own folder/),
    ]);
  });

  it('refuses a --map-path without WINDIR=DIR', () => {
    expect(() => parseMapPath('C:\\inetpub', '/')).toThrow(/expected WINDIR=DIR/);
    expect(() => parseMapPath('=/srv', '/')).toThrow(/expected WINDIR=DIR/);
  });
});
