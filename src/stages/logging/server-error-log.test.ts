import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock, tempDir } from './fixtures/request.js';
import { createServerErrorLog, formatServerErrorLine, SERVER_ERROR_FIELDS, type ServerErrorEntry } from './index.js';

const AT = Date.parse('2011-07-12T21:05:21.400Z');
const ENTRY: ServerErrorEntry = {
  clientAddress: '192.168.1.2', clientPort: 55743, localAddress: '192.168.1.10', localPort: 80,
  version: 'HTTP/1.1', method: 'GET', uri: '/favicon.ico', status: 400, reason: 'Hostname',
};

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

describe('server error log line', () => {
  it('has HTTP.sys’s shape', () => {
    expect(formatServerErrorLine(ENTRY, AT)).toBe('2011-07-12 21:05:21 192.168.1.2 55743 192.168.1.10 80 HTTP/1.1 GET /favicon.ico 400 - Hostname -');
  });

  it('writes - for what the parser never got, and HTTP/ before a bare version', () => {
    const entry = { clientAddress: '::ffff:10.1.1.1', clientPort: 1, localAddress: '::1', localPort: 8080, status: 400, reason: 'BadRequest' };
    expect(formatServerErrorLine(entry, AT)).toBe('2011-07-12 21:05:21 10.1.1.1 1 ::1 8080 - - - 400 - BadRequest -');
    expect(formatServerErrorLine({ ...entry, version: '1.0', siteId: 3 }, AT)).toBe('2011-07-12 21:05:21 10.1.1.1 1 ::1 8080 HTTP/1.0 - - 400 3 BadRequest -');
  });

  it.each([
    ['/a b', '/a+b'],
    ['/x\r\n2011-07-12 00:00:00 forged', '/x%0D%0A2011-07-12+00:00:00+forged'],
    ['/\t\x00\x7f', '/%09%00%7F'],
    ['/caf\xe9', '/caf%E9'],
    ['', '-'],
  ])('escapes the attacker’s URI %j as %s', (uri, expected) => {
    const parts = formatServerErrorLine({ ...ENTRY, uri, method: 'G E\nT' }, AT).split(' ');
    expect(parts).toHaveLength(SERVER_ERROR_FIELDS.length);
    expect(parts[8]).toBe(expected);
    expect(parts[7]).toBe('G+E%0AT');
  });
});

describe('server error log file', () => {
  it('goes to HTTPERR/httperrYYMMDD.log under the server log folder with the HTTP.sys header', async () => {
    const clock = manualClock('2011-07-12T23:59:59.500Z');
    const log = createServerErrorLog({ directory: dir.path, software: 'Usher 9.9.9', clock, intervalMs: 60_000, report: () => undefined });
    log.record(ENTRY);
    clock.advance(1000);
    log.record({ ...ENTRY, reason: 'Timer_HeaderWait', uri: undefined, method: undefined, version: undefined });
    await log.close();
    expect(readdirSync(join(dir.path, 'HTTPERR')).sort()).toEqual(['httperr110712.log', 'httperr110713.log']);
    expect(readFileSync(join(dir.path, 'HTTPERR', 'httperr110712.log'), 'utf8')).toBe([
      '#Software: Usher 9.9.9', '#Version: 1.0', '#Date: 2011-07-12 23:59:59',
      '#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename',
      '2011-07-12 23:59:59 192.168.1.2 55743 192.168.1.10 80 HTTP/1.1 GET /favicon.ico 400 - Hostname -', '',
    ].join('\n'));
    expect(readFileSync(join(dir.path, 'HTTPERR', 'httperr110713.log'), 'utf8'))
      .toMatch(/\n2011-07-13 00:00:00 192\.168\.1\.2 55743 192\.168\.1\.10 80 - - - 400 - Timer_HeaderWait -\n$/);
  });
});
