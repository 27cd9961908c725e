import { describe, expect, it } from 'vitest';
import { readSectionRegistry } from './config-sections.js';
import { createFragmentCollector, sectionsOf } from './fragments.js';
import { lockVerdict } from './locking.js';
import { createWarningSink } from './warnings.js';
import { parseXml } from './xml-tree.js';

const APPHOST = `<configuration>
  <configSections>
    <sectionGroup name="system.webServer">
      <sectionGroup name="security">
        <section name="requestFiltering" overrideModeDefault="Allow" />
        <section name="authorization" overrideModeDefault="Allow" />
        <sectionGroup name="authentication">
          <section name="anonymousAuthentication" overrideModeDefault="Deny" />
        </sectionGroup>
      </sectionGroup>
    </sectionGroup>
  </configSections>
  <system.webServer>
    <security>
      <requestFiltering lockAttributes="allowDoubleEscaping" />
      <authorization><add accessType="Allow" users="*" lockItem="true" /></authorization>
    </security>
  </system.webServer>
  <location path="Open" overrideMode="Allow">
    <system.webServer><security><authentication><anonymousAuthentication /></authentication></security></system.webServer>
  </location>
</configuration>`;

function verdicts(site: string, webConfig: string): Record<string, string> {
  const root = parseXml(APPHOST, 'applicationHost.config');
  const registry = readSectionRegistry(root);
  const collector = createFragmentCollector(createWarningSink());
  collector.addApplicationHost(root, (name) => name);
  collector.addWebConfig(parseXml(webConfig, 'web.config'), site, '/');
  const fragment = collector.fragments[collector.fragments.length - 1]!;
  return Object.fromEntries(sectionsOf(fragment.container, registry).map(({ path, element }) => {
    const verdict = lockVerdict(fragment, path, element, collector.fragments, registry);
    return [path.split('/').pop()!, verdict.locked ? verdict.reason : 'applied'];
  }));
}

describe('section locking for web.config files', () => {
  const webConfig = `<configuration><system.webServer><security>
    <authentication><anonymousAuthentication enabled="false" /></authentication>
    <requestFiltering allowHighBitCharacters="false" />
    <authorization><add accessType="Deny" users="?" /></authorization>
  </security></system.webServer></configuration>`;

  it('honours overrideModeDefault, and a location with overrideMode="Allow" for that site', () => {
    expect(verdicts('Locked', webConfig)).toEqual({
      anonymousAuthentication: expect.stringMatching(/locked by overrideModeDefault="Deny" \(applicationHost\.config:8\)/),
      requestFiltering: 'applied',
      authorization: 'applied',
    });
    expect(verdicts('Open', webConfig).anonymousAuthentication).toBe('applied');
  });

  it('honours lockAttributes and lockItem on the elements above', () => {
    const breaking = `<configuration><system.webServer><security>
      <requestFiltering allowDoubleEscaping="true" />
      <authorization><clear /></authorization>
    </security></system.webServer></configuration>`;
    expect(verdicts('Open', breaking)).toEqual({
      requestFiltering: 'attribute allowDoubleEscaping is locked (lockAttributes at applicationHost.config:15)',
      authorization: '<clear> would drop an item locked with lockItem at applicationHost.config:16',
    });
  });
});
