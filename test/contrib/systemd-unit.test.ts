import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** `Key=value` lines of one section, repeated keys kept in order. */
function section(text: string, name: string): [string, string][] {
  const body = text.split(/^\[/m).find((part) => part.startsWith(`${name}]`)) ?? '';
  return body.split('\n').slice(1).filter((line) => /^[A-Za-z]+=/.test(line)).map((line) => {
    const at = line.indexOf('=');
    return [line.slice(0, at), line.slice(at + 1)];
  });
}

const unit = readFileSync('contrib/usher.service', 'utf8');
const service = new Map(section(unit, 'Service'));

describe('contrib/usher.service', () => {
  it('runs Usher as a dedicated unprivileged user', () => {
    expect(service.get('User')).toBe('usher');
    expect(service.get('Group')).toBe('usher');
    expect(readFileSync('contrib/usher.sysusers.conf', 'utf8')).toMatch(/^u usher - .* \/usr\/sbin\/nologin$/m);
  });

  it('grants only the capability to bind ports below 1024, and no way to gain more', () => {
    expect(service.get('AmbientCapabilities')).toBe('CAP_NET_BIND_SERVICE');
    expect(service.get('CapabilityBoundingSet')).toBe('CAP_NET_BIND_SERVICE');
    expect(service.get('NoNewPrivileges')).toBe('yes');
  });

  it('serves the config in the foreground and stops with SIGTERM, which drains and flushes', () => {
    expect(service.get('ExecStart')).toMatch(/ serve -c \/etc\/usher\/usher\.yaml$/);
    expect(service.get('KillSignal')).toBe('SIGTERM');
    expect(service.get('Type')).toBe('simple');
  });

  it('writes only its config, logs and state', () => {
    expect(service.get('ProtectSystem')).toBe('strict');
    expect(service.get('ConfigurationDirectory')).toBe('usher');
    expect(service.get('LogsDirectory')).toBe('usher');
  });
});
