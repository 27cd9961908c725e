import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runUsher } from '../cli/run-usher.js';
import { useScratch, type ImportReport } from './import-harness.js';

/**
 * An IIS site whose ACLs grant IUSR Read & execute on the site and deny it a subfolder, saved with
 * `icacls C:\inetpub\shop /save acl.save /t` (run in C:\inetpub), imported and then asked the
 * questions Windows answers. The expected answers come from the ACL semantics, worked out below,
 * not from running Usher.
 */
// DefaultAppPool's SID as Windows computes it (a vector from real servers, iis-reference §7).
const POOL = 'S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415';
const APPHOST = `<?xml version="1.0" encoding="UTF-8"?>
<configuration>
    <system.applicationHost>
        <applicationPools>
            <add name="DefaultAppPool" />
        </applicationPools>
        <sites>
            <site name="Shop" id="1">
                <application path="/" applicationPool="DefaultAppPool">
                    <virtualDirectory path="/" physicalPath="C:\\inetpub\\shop" />
                </application>
                <bindings>
                    <binding protocol="http" bindingInformation="*:8080:" />
                </bindings>
            </site>
        </sites>
    </system.applicationHost>
    <system.webServer>
        <security>
            <authentication>
                <anonymousAuthentication enabled="true" userName="IUSR" />
            </authentication>
        </security>
    </system.webServer>
</configuration>
`;

// What Windows holds after propagation: the site root is protected and grants SYSTEM and
// Administrators full control, IUSR and the pool Read & execute (0x1200a9), to everything below;
// private/ adds an explicit deny of Read & execute for IUSR, which its file inherits.
const SAVED: readonly (readonly [string, string])[] = [
  ['shop', `D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;S-1-5-17)(A;OICI;0x1200a9;;;${POOL})`],
  ['shop\\index.html', `D:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)(A;ID;0x1200a9;;;S-1-5-17)(A;ID;0x1200a9;;;${POOL})`],
  ['shop\\private', `D:AI(D;OICI;0x1200a9;;;S-1-5-17)(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIID;0x1200a9;;;S-1-5-17)(A;OICIID;0x1200a9;;;${POOL})`],
  ['shop\\private\\secret.txt', `D:AI(D;ID;0x1200a9;;;S-1-5-17)(A;ID;FA;;;SY)(A;ID;FA;;;BA)(A;ID;0x1200a9;;;S-1-5-17)(A;ID;0x1200a9;;;${POOL})`],
];

/** The bytes icacls writes: UTF-16LE with a byte-order mark, CRLF, two lines per object. */
function icaclsSaveBytes(): Buffer {
  const text = SAVED.map(([name, sddl]) => `${name}\r\n${sddl}\r\n`).join('');
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

interface Check {
  readonly status: number;
  readonly grantedMask: string;
  readonly allowed: boolean;
}

describe('usher import iis: a real round trip of ACLs', () => {
  const scratch = useScratch();

  it('answers acl check for IUSR and the pool identity as Windows would', () => {
    const dir = scratch.make();
    mkdirSync(join(dir, 'content', 'shop', 'private'), { recursive: true });
    writeFileSync(join(dir, 'content', 'shop', 'index.html'), '<p>shop</p>\n');
    writeFileSync(join(dir, 'content', 'shop', 'private', 'secret.txt'), 'secret\n');
    writeFileSync(join(dir, 'applicationHost.config'), APPHOST);
    writeFileSync(join(dir, 'acl.save'), icaclsSaveBytes());

    const imported = runUsher(['import', 'iis', 'applicationHost.config', '--map-path', 'C:\\inetpub=content', '--acl', 'C:\\inetpub=acl.save', '--json'], { cwd: dir });
    expect(imported.status, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as ImportReport;
    expect(report.sites).toEqual(['Shop']);
    // The inherited ACEs in the file are exactly what Usher recomputes, so nothing is reported about them.
    expect(report.warnings.filter((warning) => warning.file === 'acl.save')).toEqual([]);
    expect(runUsher(['config', 'check'], { cwd: dir }).status).toBe(0);

    const check = (path: string, identity: string, right?: string): Check => {
      const result = runUsher(['acl', 'check', path, '--identity', identity, '--json', ...(right ? ['--right', right] : [])], { cwd: dir });
      const json = JSON.parse(result.stdout) as { grantedMask: string; allowed: boolean };
      return { status: result.status, grantedMask: json.grantedMask, allowed: json.allowed };
    };
    const POOL_IDENTITY = 'IIS AppPool\\DefaultAppPool';

    // index.html inherits IUSR's Read & execute from shop/: reading is granted, and RX is the most it gets.
    expect(check('content/shop/index.html', 'IUSR', 'R')).toEqual({ status: 0, grantedMask: '0x001200a9', allowed: true });
    // Writing is not: nothing grants IUSR a write bit.
    expect(check('content/shop/index.html', 'IUSR', 'W')).toEqual({ status: 1, grantedMask: '0x001200a9', allowed: false });
    // secret.txt: the deny inherited from private/ (one level up) comes before the allow inherited from
    // shop/ (two levels up), and it covers every bit of Read & execute, so IUSR gets nothing at all.
    expect(check('content/shop/private/secret.txt', 'IUSR', 'R')).toEqual({ status: 1, grantedMask: '0x00000000', allowed: false });
    // The deny names IUSR only; the pool identity's token does not hold IUSR, so its inherited allow stands.
    expect(check('content/shop/private/secret.txt', POOL_IDENTITY, 'R')).toEqual({ status: 0, grantedMask: '0x001200a9', allowed: true });
    // The folder itself: IUSR may not list it (no right at all); the pool may (RX covers List folder).
    expect(check('content/shop/private', 'IUSR')).toEqual({ status: 1, grantedMask: '0x00000000', allowed: false });
    expect(check('content/shop/private', POOL_IDENTITY, 'RX')).toEqual({ status: 0, grantedMask: '0x001200a9', allowed: true });
    // IUSR is not in IIS_IUSRS and not the pool, so the root's grants to SYSTEM and Administrators give it nothing more.
    expect(check('content/shop', 'IUSR', 'F')).toEqual({ status: 1, grantedMask: '0x001200a9', allowed: false });
  });
});
