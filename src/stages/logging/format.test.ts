import { describe, expect, it } from 'vitest';
import { hostname } from 'node:os';
import { DEFAULT_W3C_FIELDS, W3C_FIELDS, type W3cField } from '../../config/index.js';
import { fakeContext, type FakeRequest } from './fixtures/request.js';
import { canonicalFields, formatW3cLine, fromWire, periodStamp, w3cHeader, w3cValue, type LoggedStatus } from './index.js';

const OK: LoggedStatus = { status: 200, substatus: 0, win32: 0, bytesSent: 1234 };
const AT = { epochMs: Date.parse('2019-01-17T22:50:35.250Z'), monotonicMs: 468 };

/** The value of one field for a request. */
function field(name: W3cField, request: FakeRequest = {}, final: LoggedStatus = OK, at = AT): string {
  return formatW3cLine([name], fakeContext(request), final, at);
}

/** Bytes as Node hands header values over: one latin1 character per byte. */
const wire = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

describe('W3C line', () => {
  it('matches a real IIS line field for field', () => {
    const fields: W3cField[] = ['s-sitename', ...DEFAULT_W3C_FIELDS];
    const line = formatW3cLine(fields, fakeContext({
      target: '/health', localAddress: '::1', remoteAddress: '::1', localPort: 80, logName: '-',
      headers: { 'user-agent': 'Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.14393.2636' },
    }), OK, AT);
    expect(line).toBe(
      '2019-01-17 22:50:35 W3SVC1 ::1 GET /health - 80 - ::1 Mozilla/5.0+(Windows+NT;+Windows+NT+10.0;+en-US)+WindowsPowerShell/5.1.14393.2636 - 200 0 0 468',
    );
  });

  const cases: [W3cField, FakeRequest, string, LoggedStatus?][] = [
    ['date', {}, '2019-01-17'],
    ['time', {}, '22:50:35'],
    ['s-sitename', { siteId: 42 }, 'W3SVC42'],
    ['s-computername', {}, w3cValue(hostname())],
    ['s-ip', { localAddress: '10.0.0.5' }, '10.0.0.5'],
    ['s-ip', { localAddress: '::ffff:10.0.0.5' }, '10.0.0.5'],
    ['cs-method', { method: 'PROPFIND' }, 'PROPFIND'],
    ['cs-uri-stem', { target: '/a%20b/c.html?x=1' }, '/a%20b/c.html'],
    ['cs-uri-stem', { target: '/a?b', url: { rawPath: '/raw%2Fpath', path: '/raw/path' } }, '/raw%2Fpath'],
    ['cs-uri-stem', { target: '/bad%zz?q=1', url: null }, '/bad%zz'],
    ['cs-uri-stem', { target: 'http://evil.test/x/y?q', url: null }, '/x/y'],
    ['cs-uri-stem', { target: 'http://evil.test', url: null }, '/'],
    ['cs-uri-stem', { target: '*', url: null, method: 'OPTIONS' }, '*'],
    ['cs-uri-query', { target: '/p?a=1&b=two+words' }, 'a=1&b=two+words'],
    ['cs-uri-query', { target: '/p' }, '-'],
    ['cs-uri-query', { target: '/p?' }, '-'],
    ['cs-uri-query', { target: '/bad%zz?q=1', url: null }, 'q=1'],
    ['s-port', { localPort: 8443 }, '8443'],
    ['cs-username', {}, '-'],
    ['cs-username', { logName: '-' }, '-'],
    ['cs-username', { logName: 'alice' }, 'alice'],
    ['cs-username', { logName: 'Jo Doe' }, 'Jo+Doe'],
    ['c-ip', { remoteAddress: '2001:db8::7' }, '2001:db8::7'],
    ['c-ip', { remoteAddress: '::ffff:192.0.2.9' }, '192.0.2.9'],
    ['c-ip', { remoteAddress: '' }, '-'],
    ['cs-version', { httpVersion: '1.1' }, 'HTTP/1.1'],
    ['cs-version', { httpVersion: '1.0' }, 'HTTP/1.0'],
    ['cs-version', { httpVersion: '2.0' }, 'HTTP/2'],
    ['cs(User-Agent)', { headers: { 'user-agent': 'curl/8.5.0' } }, 'curl/8.5.0'],
    ['cs(User-Agent)', { headers: {} }, '-'],
    ['cs(User-Agent)', { headers: { 'user-agent': '' } }, '-'],
    ['cs(Cookie)', { headers: { cookie: 'a=1; b=2' } }, 'a=1;+b=2'],
    ['cs(Referer)', { headers: { referer: 'https://example.test/from?x=1' } }, 'https://example.test/from?x=1'],
    ['cs(Referer)', { headers: {} }, '-'],
    ['cs-host', { headers: { host: 'www.example.test:8080' } }, 'www.example.test:8080'],
    ['sc-status', {}, '401', { status: 401, substatus: 2, win32: 5, bytesSent: 0 }],
    ['sc-substatus', {}, '2', { status: 401, substatus: 2, win32: 5, bytesSent: 0 }],
    ['sc-win32-status', {}, '1326', { status: 401, substatus: 1, win32: 1326, bytesSent: 0 }],
    ['sc-win32-status', {}, '2148074254', { status: 401, substatus: 1, win32: 2148074254, bytesSent: 0 }],
    ['sc-bytes', {}, '1234'],
    ['cs-bytes', {}, '517', { ...OK, bytesReceived: 517 }],
    // Rebuilt when FinalStatus has no count: "GET /x HTTP/1.1\r\n" + "host: h\r\n" + "\r\n" + a 5-byte body.
    ['cs-bytes', { target: '/x', headers: { host: 'h', 'content-length': '5' } }, String(17 + 9 + 19 + 2 + 5)],
    ['time-taken', { startedAt: 100 }, '368'],
    ['time-taken', { startedAt: 467.6 }, '0'],
    ['time-taken', { startedAt: 900 }, '0'],
  ];
  it.each(cases)('%s of %j is %s', (name, request, expected, final) => {
    expect(field(name, request, final)).toBe(expected);
  });

  it('splits the status in three columns', () => {
    const line = formatW3cLine(['sc-status', 'sc-substatus', 'sc-win32-status'], fakeContext(), { status: 401, substatus: 2, win32: 5, bytesSent: 0 }, AT);
    expect(line).toBe('401 2 5');
  });

  it('writes fields in IIS canonical order, each once, whatever order they are configured in', () => {
    const shuffled: W3cField[] = ['time-taken', 'sc-status', 'date', 'cs-method', 'date', 'time'];
    expect(canonicalFields(shuffled)).toEqual(['date', 'time', 'cs-method', 'sc-status', 'time-taken']);
    expect(formatW3cLine(shuffled, fakeContext({ method: 'HEAD' }), OK, AT)).toBe('2019-01-17 22:50:35 HEAD 200 468');
  });

  it('never writes the Authorization header, whatever the fields', () => {
    const secret = Buffer.from('alice:hunter2-secret').toString('base64');
    const line = formatW3cLine(W3C_FIELDS, fakeContext({
      logName: 'alice', headers: { host: 'h', authorization: `Basic ${secret}`, 'user-agent': 'ua' },
    }), OK, AT);
    expect(line).not.toContain(secret);
    expect(line).not.toContain('hunter2');
    expect(line.split(' ')[W3C_FIELDS.indexOf('cs-username')]).toBe('alice');
  });

  it('stamps date and time in UTC around midnight, whatever the local time zone', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati'; // UTC+14: local date differs from UTC all day
    try {
      const at = (iso: string) => ({ epochMs: Date.parse(iso), monotonicMs: 0 });
      expect(formatW3cLine(['date', 'time'], fakeContext(), OK, at('2024-12-31T23:59:59.999Z'))).toBe('2024-12-31 23:59:59');
      expect(formatW3cLine(['date', 'time'], fakeContext(), OK, at('2025-01-01T00:00:00.000Z'))).toBe('2025-01-01 00:00:00');
      expect(formatW3cLine(['date', 'time'], fakeContext(), OK, at('2024-02-29T12:00:00.000Z'))).toBe('2024-02-29 12:00:00');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe('escaping hostile values', () => {
  const ALL = W3C_FIELDS.length;
  const hostile: [string, string, string][] = [
    ['space', 'a b  c', 'a+b++c'],
    ['CR LF', 'x\r\n2024-01-01 00:00:00 forged', 'x%0D%0A2024-01-01+00:00:00+forged'],
    ['lone LF', 'x\ny', 'x%0Ay'],
    ['TAB', 'a\tb', 'a%09b'],
    ['NUL and other C0', 'a\x00b\x1bc\x0bd\x0ce', 'a%00b%1Bc%0Bd%0Ce'],
    ['DEL', 'a\x7fb', 'a%7Fb'],
    ['double quotes', '"quoted value"', '"quoted+value"'],
    ['percent and plus kept', '100%+sure %0A', '100%+sure+%0A'],
    ['a lone dash', '-', '-'],
    ['UTF-8 text', wire('Mozilla/5.0 (Linux; Android) Gecko/é中文'), 'Mozilla/5.0+(Linux;+Android)+Gecko/é中文'],
    ['invalid UTF-8 bytes', 'caf\xe9 \xff', 'caf%E9+%FF'],
    ['C1 NEL', wire('a\u0085b'), 'a%C2%85b'],
    ['NBSP and ideographic space', wire('a\u00a0b\u3000c'), 'a%C2%A0b%E3%80%80c'],
    ['line and paragraph separators', wire('a\u2028b\u2029c'), 'a%E2%80%A8b%E2%80%A9c'],
    ['bidi override', wire('evil\u202egnp.exe'), 'evil%E2%80%AEgnp.exe'],
    ['zero-width and BOM', wire('a\u200bb\ufeffc'), 'a%E2%80%8Bb%EF%BB%BFc'],
  ];

  it.each(hostile)('%s in a user agent, referer, cookie and host stays one field', (_name, value, expected) => {
    const headers = { 'user-agent': value, referer: value, cookie: value, host: value };
    const line = formatW3cLine(W3C_FIELDS, fakeContext({ headers, logName: 'bob' }), OK, AT);
    const parts = line.split(' ');
    expect(line).not.toMatch(/[\r\n\t]/);
    expect(parts).toHaveLength(ALL);
    for (const name of ['cs(User-Agent)', 'cs(Referer)', 'cs(Cookie)', 'cs-host'] as const) {
      expect(parts[W3C_FIELDS.indexOf(name)]).toBe(expected);
    }
  });

  it.each(hostile)('%s in a URI stem and query stays one field each', (_name, value, expected) => {
    const context = fakeContext({ target: '/', url: { rawPath: `/p${value}`, query: `q=${value}` } });
    const line = formatW3cLine(DEFAULT_W3C_FIELDS, context, OK, AT);
    const parts = line.split(' ');
    expect(line).not.toMatch(/[\r\n\t]/);
    expect(parts).toHaveLength(DEFAULT_W3C_FIELDS.length);
    const stem = parts[DEFAULT_W3C_FIELDS.indexOf('cs-uri-stem')]!;
    const query = parts[DEFAULT_W3C_FIELDS.indexOf('cs-uri-query')]!;
    expect([stem, query]).toEqual([`/p${expected === '-' ? '-' : expected}`, `q=${expected === '-' ? '-' : expected}`]);
  });

  it('keeps a raw target refused before parsing on one line', () => {
    const line = formatW3cLine(DEFAULT_W3C_FIELDS, fakeContext({ target: '/a b\r\nc?d e', url: null }), OK, AT);
    expect(line.split(' ')).toHaveLength(DEFAULT_W3C_FIELDS.length);
    expect(line).toContain(' /a+b%0D%0Ac d+e ');
  });

  it('cannot start a line with a directive', () => {
    const line = formatW3cLine(['cs(User-Agent)', 'sc-status'], fakeContext({ headers: { 'user-agent': '#Fields: date' } }), OK, AT);
    expect(line).toBe('%23Fields:+date 200');
  });

  it('reads wire text as UTF-8 when it is, and leaves real text alone', () => {
    expect(fromWire(wire('naïve ☃'))).toBe('naïve ☃');
    expect(fromWire('plain')).toBe('plain');
    expect(fromWire('already ☃ text')).toBe('already ☃ text');
    expect(fromWire('\xc3')).toBe('%C3');
  });
});

describe('header block and file periods', () => {
  it('is the four IIS directives', () => {
    expect(w3cHeader('Usher 0.1.0', ['date', 'time', 'cs-method'], Date.parse('2024-05-01T00:00:09.900Z'))).toBe(
      '#Software: Usher 0.1.0\n#Version: 1.0\n#Date: 2024-05-01 00:00:09\n#Fields: date time cs-method\n',
    );
  });

  it('cannot be broken by the software name', () => {
    expect(w3cHeader('Usher\r\n#Fields: x', ['date'], 0).split('\n')).toHaveLength(5);
  });

  const stamps: [Parameters<typeof periodStamp>[0], string, string][] = [
    ['daily', '2024-12-31T23:59:59.999Z', '241231'],
    ['daily', '2025-01-01T00:00:00.000Z', '250101'],
    ['hourly', '2024-05-01T07:30:00Z', '24050107'],
    ['hourly', '2024-05-01T23:00:00Z', '24050123'],
    ['monthly', '2024-05-31T23:59:59Z', '2405'],
    // June 2024 begins on a Saturday: the 1st is week 01, Sunday the 2nd starts week 02.
    ['weekly', '2024-06-01T12:00:00Z', '240601'],
    ['weekly', '2024-06-02T00:00:00Z', '240602'],
    ['weekly', '2024-06-30T00:00:00Z', '240606'],
    // September 2024 begins on a Sunday.
    ['weekly', '2024-09-07T23:59:59Z', '240901'],
    ['weekly', '2024-09-08T00:00:00Z', '240902'],
  ];
  it.each(stamps)('%s at %s is %s', (period, iso, expected) => {
    expect(periodStamp(period, Date.parse(iso))).toBe(expected);
  });
});

