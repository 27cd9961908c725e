import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runUsher } from '../cli/run-usher.js';
import { useScratch, type ImportReport } from './import-harness.js';

const APPHOST = `<?xml version="1.0" encoding="UTF-8"?>
<configuration>
    <system.applicationHost>
        <applicationPools>
            <add name="DefaultAppPool" managedRuntimeVersion="v4.0" />
        </applicationPools>
        <sites>
            <site name="Default Web Site" id="1">
                <application path="/">
                    <virtualDirectory path="/" physicalPath="C:\\inetpub\\wwwroot" />
                </application>
                <bindings>
                    <binding protocol="http" bindingInformation="*:80:" />
                </bindings>
            </site>
        </sites>
    </system.applicationHost>
</configuration>
`;

describe('usher import iis on the command line', () => {
  const scratch = useScratch();
  const setup = (files: Record<string, string> = {}) => {
    const dir = scratch.make();
    writeFileSync(join(dir, 'applicationHost.config'), APPHOST);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };

  it('writes an owner-only usher.yaml, lists the warnings on stderr and says what to do next', () => {
    const dir = setup();
    const result = runUsher(['import', 'iis', 'applicationHost.config'], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('usher: warning: applicationHost.config:5: pool \'DefaultAppPool\': not carried over: managedRuntimeVersion="v4.0" (Usher runs no .NET)');
    expect(result.stderr).toMatch(/usher: warning: applicationHost\.config:10: .*C:\\inetpub\\wwwroot has no --map-path/);
    expect(result.stdout).toMatch(/^imported 1 site and 1 pool from applicationHost\.config into usher\.yaml \(2 warnings above/);
    expect(result.stdout).toContain('usher -c usher.yaml config check');
    expect(statSync(join(dir, 'usher.yaml')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'usher.yaml'), 'utf8')).toMatch(/^# Imported from IIS by 'usher import iis': applicationHost\.config\./);
    const history = JSON.parse(runUsher(['config', 'history', '--json'], { cwd: dir }).stdout) as { versions: unknown[] };
    expect(history.versions).toEqual([]);
  });

  it('prints DESIGN §7 JSON with --json, and writes to -c when -o is not given', () => {
    const dir = setup();
    const result = runUsher(['-c', 'iis.yaml', 'import', 'iis', 'applicationHost.config', '--json'], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as ImportReport;
    expect(Object.keys(report)).toEqual(['output', 'sites', 'pools', 'warnings']);
    expect(report).toMatchObject({ output: join(dir, 'iis.yaml'), sites: ['Default Web Site'], pools: ['DefaultAppPool'] });
    expect(report.warnings[0]).toEqual({ file: 'applicationHost.config', line: 5, message: expect.stringContaining('managedRuntimeVersion') });
    expect(statSync(join(dir, 'iis.yaml')).isFile()).toBe(true);
  });

  it('never replaces an existing configuration', () => {
    const dir = setup({ 'usher.yaml': '# mine\n' });
    const result = runUsher(['import', 'iis', 'applicationHost.config', '-o', 'usher.yaml'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('usher: usher.yaml already exists: the import never replaces a configuration; write elsewhere with -o FILE, or move it away first\n');
    expect(readFileSync(join(dir, 'usher.yaml'), 'utf8')).toBe('# mine\n');
  });

  it('refuses a web.config with what it is and how to pass it', () => {
    const dir = setup({ 'web.config': '<configuration><system.webServer><directoryBrowse enabled="true" /></system.webServer></configuration>' });
    const result = runUsher(['import', 'iis', 'web.config', '--json'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^usher: web\.config is a web\.config \(site or application settings\), not an applicationHost\.config: pass its folder with --web-config DIR/);
    expect(JSON.parse(result.stdout).error.code).toBe('USHER_ERR_IMPORT_NOT_APPHOST');
  });

  it('names the line of malformed XML, without a stack trace', () => {
    const dir = setup({ 'broken.config': '<configuration>\n  <system.applicationHost>\n    <sites>\n  </system.applicationHost>\n</configuration>\n' });
    const result = runUsher(['import', 'iis', 'broken.config'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^usher: broken\.config:4: not well-formed XML: expected closing tag 'sites'/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the line of a broken icacls /save file, and reports malformed options and missing files', () => {
    const dir = setup({ 'acl.save': 'wwwroot\r\nnot sddl\r\n' });
    const broken = runUsher(['import', 'iis', 'applicationHost.config', '--acl', 'C:\\inetpub=acl.save', '-o', 'a.yaml'], { cwd: dir });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^usher: acl\.save:2: expected the SDDL line \(D:…\) of 'wwwroot', found 'not sddl'/);
    const option = runUsher(['import', 'iis', 'applicationHost.config', '--map-path', 'C:\\inetpub', '-o', 'b.yaml', '--json'], { cwd: dir });
    expect(option.status).toBe(2);
    expect(JSON.parse(option.stdout).error.code).toBe('USHER_ERR_IMPORT_ARGUMENT');
    const missing = runUsher(['import', 'iis', 'nothing.config', '-o', 'c.yaml'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/applicationHost\.config .*nothing\.config does not exist/);
  });
});
