import { describe, expect, it } from 'vitest';
import { classifyAnonymousUser } from './legacy-accounts.js';
import { describeSecret } from './secrets.js';

describe('anonymous user names', () => {
  it('tells an absent userName (IUSR) from an empty one (the pool identity)', () => {
    expect(classifyAnonymousUser(undefined)).toEqual({ kind: 'iusr' });
    expect(classifyAnonymousUser('')).toEqual({ kind: 'pool' });
    expect(classifyAnonymousUser('IUSR')).toEqual({ kind: 'iusr' });
    expect(classifyAnonymousUser('NT AUTHORITY\\IUSR')).toEqual({ kind: 'iusr' });
  });
  it('recognises the IIS 5/6 IUSR_<MACHINE> account, and specific users', () => {
    expect(classifyAnonymousUser('IUSR_WEB01')).toEqual({ kind: 'legacy', name: 'IUSR_WEB01' });
    expect(classifyAnonymousUser('WEB01\\IUSR_WEB01')).toEqual({ kind: 'legacy', name: 'WEB01\\IUSR_WEB01' });
    expect(classifyAnonymousUser('CONTOSO\\portal')).toEqual({ kind: 'user', name: 'CONTOSO\\portal', localName: 'portal' });
  });
});

describe('describeSecret', () => {
  it('says what kind of secret a value is, and treats an empty ciphertext as none', () => {
    expect(describeSecret('[enc:AesProvider:57686f:enc]')).toMatch(/^encrypted with AesProvider/);
    expect(describeSecret('[enc:57686f61:enc]')).toMatch(/^encrypted, which only the source server can decrypt$/);
    expect(describeSecret('[enc:AesProvider::enc]')).toBeUndefined();
    expect(describeSecret('hunter2')).toBe('written in plain text in the source');
    expect(describeSecret('')).toBeUndefined();
  });
});

describe('scanSecrets', () => {
  it('reports passwords and encrypted values, not settings that merely mention passwords', async () => {
    const { parseXml } = await import('./xml-tree.js');
    const { scanSecrets } = await import('./secrets.js');
    const { createWarningSink } = await import('./warnings.js');
    const sink = createWarningSink();
    const root = parseXml(`<configuration>
  <system.web><authentication><forms><credentials passwordFormat="SHA1"><user name="bob" password="5BAA61E4" /></credentials></forms></authentication></system.web>
  <appSettings><add key="token" value="[enc:AesProvider:00ff:enc]" /></appSettings>
</configuration>`, 'web.config');
    scanSecrets(root, new Set(), sink);
    expect(sink.list().map((warning) => `${warning.line}: ${warning.message}`)).toEqual([
      "2: <user> password is written in plain text in the source: not copied; re-enter it in whatever needs it; Usher keeps no passwords in usher.yaml",
      '3: <add> value is encrypted with AesProvider, which only the source server can decrypt: not copied; re-enter it in whatever needs it; Usher keeps no passwords in usher.yaml',
    ]);
  });
});
