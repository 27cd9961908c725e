import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../pipeline/index.js';
import { contextFor, generationWith, SITE } from './fixtures/filtering-context.js';
import { createRequestFilteringStage } from './index.js';

// Locations exercise the real settings merge: each changes one rule below its path.
const generation = generationWith({
  [`${SITE}/tools`]: { requestFiltering: { hiddenSegments: { remove: ['bin'] } } },
  [`${SITE}/archive`]: { requestFiltering: { fileExtensions: { deny: ['.bak'] } } },
  [`${SITE}/api`]: { requestFiltering: { verbs: { deny: ['TRACE'] } } },
  [`${SITE}/strict`]: {
    requestFiltering: { fileExtensions: { allowUnlisted: false, allow: ['.html', '.'] }, verbs: { allowUnlisted: false, allow: ['get', 'HEAD'] } },
  },
  [`${SITE}/seq`]: { requestFiltering: { denyUrlSequences: ['..', 'Secret'] } },
  [`${SITE}/ascii`]: { requestFiltering: { allowHighBitCharacters: false } },
  [`${SITE}/legacy`]: { requestFiltering: { allowDoubleEscaping: true } },
  [`${SITE}/linux`]: { requestFiltering: { windowsNames: false } },
  [`${SITE}/small`]: { requestFiltering: { requestLimits: { maxUrl: 40, maxQueryString: 10, maxAllowedContentLength: 100 } } },
  [`${SITE}/big`]: { requestFiltering: { requestLimits: { maxUrl: 8192, maxQueryString: 4096 } } },
  [`${SITE}/dots`]: { requestFiltering: { hiddenSegments: { remove: ['.git'] } } },
  [`${SITE}/custom`]: { requestFiltering: { hiddenSegments: { add: ['Secrets'] } } },
  [`${SITE}/raw`]: { requestFiltering: { hiddenSegments: { clear: true } } },
});
const stage = createRequestFilteringStage();

interface Options { method?: string; headers?: Record<string, string> }

function run(target: string, options: Options = {}) {
  const context = contextFor(generation, target, options);
  const outcome = stage.run(context) as Outcome | undefined;
  return { context, outcome };
}

/** `'/canonical'` (a trailing `/` means trailingSlash) for a pass, `'404.8'` for a refusal (404.0 always with win32 2). */
type Expected = string;

const CASES: readonly (readonly [string, Expected, Options?])[] = [
  // The fast path: already canonical, nothing to decode.
  ['/', '/'],
  ['/index.html', '/index.html'],
  ['/public/a.txt', '/public/a.txt'],
  ['/public/', '/public/'],
  ['/a/b/c/d.e.f', '/a/b/c/d.e.f'],
  ['/public/a~b.txt', '/public/a~b.txt'],
  ["/public/@!$&'()*+,;=x.txt", "/public/@!$&'()*+,;=x.txt"],
  ['/public/do..ts.txt', '/public/do..ts.txt'],
  ['/.well-known/acme-challenge/token', '/.well-known/acme-challenge/token'],
  ['/.WELL-KNOWN/security.txt', '/.WELL-KNOWN/security.txt'],
  ['/~user/', '/~user/'],
  // `+` is a literal plus; `;` is an ordinary character (no path parameters).
  ['/public/a+b.txt', '/public/a+b.txt'],
  ['/public/a%2Bb.txt', '/public/a+b.txt'],
  ['/public/space+file.txt', '/public/space+file.txt'],
  ['/public;/a.txt', '/public;/a.txt'],
  ['/public/a.txt;v=1', '/public/a.txt;v=1'],
  ['/bin;x/app.dll', '/bin;x/app.dll'],
  // The query string is passed on untouched; `%3F` and `%23` in the path are path data.
  ['/public/a.txt?x=1', '/public/a.txt'],
  ['/public/a.txt?%00%c0%ae../\\%zz%u002e', '/public/a.txt'],
  ['/public/a.txt?', '/public/a.txt'],
  ['/public/a%3Fb.txt', '/public/a?b.txt'],
  ['/a%23b', '/a#b'],
  // Slashes merge, a decoded %2F with them.
  ['//public//a.txt', '/public/a.txt'],
  ['/public%2Fa.txt', '/public/a.txt'],
  ['/public%2F%2Fa.txt', '/public/a.txt'],
  ['//', '/'],
  ['/%2F', '/'],
  // Dot-segments that stay inside the root resolve, encoded or not.
  ['/public/./a.txt', '/public/a.txt'],
  ['/a/../public/a.txt', '/public/a.txt'],
  ['/public/.', '/public/'],
  ['/public/..', '/'],
  ['/public/%2e/a.txt', '/public/a.txt'],
  ['/public/%2E%2E/index.html', '/index.html'],
  ['/bin/../public/a.txt', '/public/a.txt'],
  ['/.git/../index.html', '/index.html'],
  ['/public/a.txt/.', '/public/a.txt/'],
  // ...and `..` above the root is refused, not clamped.
  ['/..', '400.0'],
  ['/../a', '400.0'],
  ['/a/../../b', '400.0'],
  ['/%2e%2e/a', '400.0'],
  ['/a%2F..%2F..%2Fb', '400.0'],
  ['/a/.../b', '404.8'],
  // Percent-encoding decoded once, as UTF-8.
  ['/public/%61.txt', '/public/a.txt'],
  ['/public/%C3%BCn%C3%AF.txt', '/public/ünï.txt'],
  ['/public/%c3%bcn%c3%af.txt', '/public/ünï.txt'],
  ['/%E2%82%AC.txt', '/€.txt'],
  ['/%F0%9F%98%80.txt', '/😀.txt'],
  ['/public/100%25.txt', '/public/100%.txt'],
  ['/public/%25zz.txt', '/public/%zz.txt'],
  ['/\u00fc.txt', '/ü.txt'],
  // Malformed: bad escapes, control characters, backslashes, invalid UTF-8, %u.
  ['/%', '400.0'],
  ['/%4', '400.0'],
  ['/%zz', '400.0'],
  ['/a%2', '400.0'],
  ['/%g0', '400.0'],
  ['/%%32%65', '400.0'],
  ['/%00', '400.0'],
  ['/a%0d%0a', '400.0'],
  ['/%7F', '400.0'],
  ['/%1b[31m', '400.0'],
  ['/%C2%85', '400.0'],
  ['/a\\b', '400.0'],
  ['/a%5Cb', '400.0'],
  ['/a%5cb', '400.0'],
  ['/%c0%ae', '400.0'],
  ['/%c0%af', '400.0'],
  ['/%ED%A0%80', '400.0'],
  ['/%C3', '400.0'],
  ['/%E2%82', '400.0'],
  ['/%80', '400.0'],
  ['/%F8%88%80%80%80', '400.0'],
  ['/%FF', '400.0'],
  ['/%u002e', '400.0'],
  ['/%U002E', '400.0'],
  ['/a b', '400.0'],
  ['/a\tb', '400.0'],
  ['/a\u0000b', '400.0'],
  ['/a\u007fb', '400.0'],
  ['/a\ud800b', '400.0'],
  ['/a#b', '400.0'],
  ['/a.txt?x#y', '400.0'],
  // Request-target forms.
  ['*', '400.0'],
  ['localhost:80', '400.0'],
  ['public/a.txt', '400.0'],
  ['', '400.0'],
  ['http://localhost/public/a.txt', '/public/a.txt'],
  ['HTTPS://example.com/x', '/x'],
  ['http://localhost', '/'],
  ['http://localhost?x=1', '/'],
  ['http://user@localhost/', '400.0'],
  ['http:///x', '400.0'],
  ['ftp://localhost/x', '400.0'],
  ['http://localhost/../x', '400.0'],
  ['http://localhost//bin/a', '404.8'],
  // Lengths, on the raw target, before decoding; a location may raise or lower them.
  [`/${'a'.repeat(4095)}`, `/${'a'.repeat(4095)}`],
  [`/${'a'.repeat(4096)}`, '404.14'],
  [`/x?${'q'.repeat(2048)}`, '/x'],
  [`/x?${'q'.repeat(2049)}`, '404.15'],
  [`/big/${'a'.repeat(5000)}`, `/big/${'a'.repeat(5000)}`],
  [`/big/x?${'q'.repeat(3000)}`, '/big/x'],
  [`/small/${'a'.repeat(40)}`, '404.14'],
  [`/small/x?${'q'.repeat(11)}`, '404.15'],
  // Held to the loosest limit of any location (8192, at /big) before decoding, so this is never decoded.
  ['/%2e%2e/'.repeat(1100), '404.14'],
  ['/small/x', '413.1', { method: 'POST', headers: { 'content-length': '101' } }],
  ['/small/x', '/small/x', { method: 'POST', headers: { 'content-length': '100' } }],
  ['/x', '413.1', { method: 'POST', headers: { 'content-length': '30000001' } }],
  ['/x', '/x', { method: 'POST', headers: { 'content-length': '30000000' } }],
  // Double escaping: a second decode would change the path.
  ['/%252e%252e/x', '404.11'],
  ['/web%252econfig', '404.11'],
  ['/a%2500', '404.11'],
  ['/a%25u002e', '404.11'],
  ['/legacy/a%252e.txt', '/legacy/a%2e.txt'],
  // High-bit characters where allowHighBitCharacters is false: 404.12.
  ['/ascii/%C3%BC.txt', '404.12'],
  ['/ascii/\u00fc.txt', '404.12'],
  ['/ascii/%C3%BC/../a.txt', '404.12'],
  ['/ascii/a.txt', '/ascii/a.txt'],
  // Verbs, case-insensitively.
  ['/api/x', '404.6', { method: 'TRACE' }],
  ['/api/x', '/api/x', { method: 'GET' }],
  ['/x', '/x', { method: 'TRACE' }],
  ['/strict/page.html', '404.6', { method: 'POST' }],
  ['/strict/page.html', '/strict/page.html', { method: 'HEAD' }],
  ['/strict/page.html', '/strict/page.html', { method: 'GET' }],
  // File extensions of the last segment.
  ['/archive/x.bak', '404.7'],
  ['/archive/X.BAK', '404.7'],
  ['/archive/x.%EF%BD%82%EF%BD%81%EF%BD%8B', '404.7'],
  ['/archive/x.bak/', '/archive/x.bak/'],
  ['/archive/x.bak.txt', '/archive/x.bak.txt'],
  ['/x.bak', '/x.bak'],
  ['/strict/x.txt', '404.7'],
  ['/strict/readme', '/strict/readme'],
  ['/strict/', '/strict/'],
  // Hidden segments, whatever spelling leads to them; never a 301 for the slash-less form.
  ['/web.config', '404.8'],
  ['/WEB.CONFIG', '404.8'],
  ['/bin', '404.8'],
  ['/bin/', '404.8'],
  ['/b%69n/app.dll', '404.8'],
  ['//bin', '404.8'],
  ['/public/../bin/app.dll', '404.8'],
  ['/bin%2Fapp.dll', '404.8'],
  ['/App_Data/db.mdf', '404.8'],
  ['/app_code/x.cs', '404.8'],
  ['/App_GlobalResources/x', '404.8'],
  ['/deep/path/App_Browsers/x', '404.8'],
  ['/.env', '404.8'],
  ['/.git/config', '404.8'],
  ['/public/.htaccess', '404.8'],
  ['/%2egit/config', '404.8'],
  ['/.well-known/.env', '404.8'],
  ['/.well-knownx', '404.8'],
  ['/binary/x', '/binary/x'],
  ['/x.bin', '/x.bin'],
  ['/mybin', '/mybin'],
  ['/tools/bin/app.dll', '/tools/bin/app.dll'],
  ['/tools/App_Data/x', '404.8'],
  ['/dots/.git/config', '/dots/.git/config'],
  ['/dots/.env', '404.8'],
  ['/custom/SECRETS/x', '404.8'],
  ['/secrets', '/secrets'],
  ['/raw/bin/x', '/raw/bin/x'],
  ['/raw/.env', '/raw/.env'],
  // ...including Unicode spellings that fold to a hidden name (independent of windowsNames).
  ['/%EF%BC%B7%EF%BC%A5%EF%BC%A2.config', '404.8'],
  ['/b%C4%B1n/app.dll', '404.8'],
  ['/web%E2%80%8B.config', '404.8'],
  ['/%EF%BC%8Eenv', '404.8'],
  ['/linux/%EF%BC%B7eb.config', '404.8'],
  // Denied URL sequences, in the raw, decoded and canonical forms.
  ['/seq/a/../b.txt', '404.5'],
  ['/seq/a/%2e%2e/b.txt', '404.5'],
  ['/seq/do..ts.txt', '404.5'],
  ['/seq/SECRET.txt', '404.5'],
  ['/seq/%53ecret.txt', '404.5'],
  ['/seq/ok.txt', '/seq/ok.txt'],
  // Windows name forms: 404.0 with win32 2.
  ['/web.config.', '404.0'],
  ['/public/a.txt%20', '404.0'],
  ['/public./a.txt', '404.0'],
  ['/bin./', '404.0'],
  ['/web.config::$DATA', '404.0'],
  ['/a.txt:stream', '404.0'],
  ['/c:/x', '404.0'],
  ['/public:$i30:$INDEX_ALLOCATION/a.txt', '404.0'],
  ['/CON', '404.0'],
  ['/con', '404.0'],
  ['/NUL', '404.0'],
  ['/aux.txt', '404.0'],
  ['/LPT1.txt', '404.0'],
  ['/COM9', '404.0'],
  ['/com0.log', '404.0'],
  ['/COM%C2%B9', '404.0'],
  ['/lpt%C2%B3.txt', '404.0'],
  ['/CONIN$', '404.0'],
  ['/conout$.txt', '404.0'],
  ['/nul.tar.gz', '404.0'],
  ['/CON%20.txt', '404.0'],
  ['/console', '/console'],
  ['/com10', '/com10'],
  ['/auxiliary.txt', '/auxiliary.txt'],
  ['/WEB~1.CON', '404.0'],
  ['/APP_DA~1/', '404.0'],
  ['/progra~1/x', '404.0'],
  ['/*~1*/x.aspx', '404.0'],
  ['/a~b', '/a~b'],
  // Unicode that folds to path syntax (best-fit / NFKC) is a Windows name form too.
  ['/%EF%BC%8E%EF%BC%8E/secret.txt', '404.0'],
  ['/a%EF%BC%8Fb', '404.0'],
  ['/a%EF%BC%BCb', '404.0'],
  ['/a%E2%88%95b', '404.0'],
  ['/x/%E2%80%A4%E2%80%A4/y', '404.0'],
  ['/x%EF%BC%9A%24DATA', '404.0'],
  ['/%EF%BC%A3%EF%BC%AF%EF%BC%AE', '404.0'],
  // ...while ordinary non-ASCII names stay servable.
  ['/%EF%AC%81le.txt', '/ﬁle.txt'],
  ['/%C2%BD.txt', '/½.txt'],
  ['/%D9%85%DB%8C%E2%80%8C%D8%AE%D9%88%D8%A7%D9%87%D9%85.txt', '/می‌خواهم.txt'],
  // windowsNames: false turns the Windows forms off (but never the hidden-segment rule).
  ['/linux/%EF%BC%8E%EF%BC%8E/x', '/linux/．．/x'],
  ['/linux/web.config.', '/linux/web.config.'],
  ['/linux/CON', '/linux/CON'],
  ['/linux/a:b', '/linux/a:b'],
  ['/linux/WEB~1.CON', '/linux/WEB~1.CON'],
];

const label = (target: string) => (target.length > 60 ? `${target.slice(0, 57)}…` : target);

describe('request filtering: the project\'s own cases', () => {
  it('has a table of at least 120 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(120);
  });

  it.each(CASES.map(([target, expected, options]) => [label(JSON.stringify(target)), label(expected), options?.method ?? '', target, expected, options] as const))(
    '%s → %s %s', (_name, _shown, _method, target, expected, options) => {
      const { context, outcome } = run(target, options);
      if (expected.startsWith('/')) {
        expect(outcome, context.trail.map((decision) => decision.detail).join('; ')).toBeUndefined();
        const folder = expected.length > 1 && expected.endsWith('/');
        expect(context.url?.path).toBe(expected === '/' || !folder ? expected : expected.slice(0, -1));
        expect(context.url?.trailingSlash).toBe(expected === '/' || folder);
      } else {
        const [status, substatus] = expected.split('.').map(Number);
        expect(outcome, context.trail.map((decision) => decision.detail).join('; ')).toMatchObject({
          status, substatus, win32: expected === '404.0' ? 2 : 0,
        });
      }
    });
});

describe('request filtering: slots and the decision trail', () => {
  it('sets url and location on a pass and records one pass decision', () => {
    const { context } = run('/public/./%61.txt?b=%20+1');
    expect(context.url).toEqual({ path: '/public/a.txt', query: 'b=%20+1', rawPath: '/public/./%61.txt', trailingSlash: false });
    expect(context.location).toBe(context.site.settingsAt('/public/a.txt'));
    expect(context.trail).toEqual([{ layer: 'filtering', verdict: 'pass', detail: '/public/a.txt (canonical)' }]);
  });

  it('takes the path of the absolute-form and leaves its query alone', () => {
    const { context } = run('http://localhost/public/a.txt?x=%2e%2e');
    expect(context.url).toEqual({ path: '/public/a.txt', query: 'x=%2e%2e', rawPath: '/public/a.txt', trailingSlash: false });
  });

  it('uses the location of the canonical path, not of the spelling', () => {
    expect(run('/tools/../bin/app.dll').outcome?.substatus).toBe(8);
    expect(run('/x/../tools/bin/app.dll').outcome).toBeUndefined();
    expect(run('/TOOLS/bin/app.dll').outcome).toBeUndefined();
  });

  it.each([
    ['/bin/app.dll', "hidden segment 'bin'", "add 'bin' to requestFiltering.hiddenSegments.remove"],
    ['/.git/config', "hidden segment '.git' (segments beginning with a dot are hidden)", "add '.git' to requestFiltering.hiddenSegments.remove"],
    ['/b%C4%B1n/x', "hidden segment 'bin' (spelled 'bın')", 'hiddenSegments.remove'],
    ['/archive/x.bak', "file extension '.bak' is denied", 'requestFiltering.fileExtensions'],
    [`/${'a'.repeat(4096)}`, 'URL of 4097 bytes exceeds maxUrl 4096', 'requestLimits.maxUrl'],
    ['/%252e', "double escaping: '/%2e' would change if decoded again", 'allowDoubleEscaping'],
    ['/WEB~1.CON', "Windows name form: 8.3 short-name form '~N' in 'WEB~1.CON'", 'windowsNames: false'],
  ])('a refusal of %s records one deny decision naming the rule, with a fix', (target, detail, fix) => {
    const { context, outcome } = run(target);
    expect(context.trail).toHaveLength(1);
    expect(context.trail[0]).toMatchObject({ layer: 'filtering', verdict: 'deny', detail });
    expect(context.trail[0]!.fix).toContain(fix);
    expect(context.trail[0]!.fix).toContain(SITE);
    expect(outcome?.reason).toBe(detail);
  });

  it.each([
    ['/%00', 'NUL (%00) in the path'],
    ['/a%5Cb', 'encoded backslash (%5C) in the path'],
    ['/a\\b', "backslash in the path '/a\\\\b'"],
    ['/%zz', "bad percent-escape '%zz'"],
    ['/%u002e', "IIS %u escape '%u002e' is not percent-encoding"],
    ['*', "asterisk-form request-target '*'"],
    ['/../x', "'..' leaves the root: '/../x'"],
  ])('a malformed %s is a 400 with no fix to offer', (target, detail) => {
    const { context } = run(target);
    expect(context.trail).toEqual([{ layer: 'filtering', verdict: 'deny', detail }]);
  });

  it.each([
    '/a%0d%0aX-Injected:%20yes', '/web%E2%80%8B.config', '/a\u0001b', '/%E2%80%AEtxt.exe%E2%80%AC/.env', '/x%1b[2J/../.git',
    `/bin/${'%e2%80%8b'.repeat(400)}`, '/%C2%9B31m/.env', '/ok%E2%80%A8/.env',
  ])('never echoes raw control or invisible characters in a trail line (%s)', (target) => {
    const { context } = run(target);
    for (const decision of context.trail) {
      expect(decision.detail).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
      expect(decision.detail.length).toBeLessThan(400);
    }
  });

  it('leaves url unset when the target cannot be read, and sets it when a rule refuses a readable one', () => {
    expect(run('/%zz').context.url).toBeUndefined();
    expect(run('/bin/x').context.url?.path).toBe('/bin/x');
    expect(run('/bin/x').context.location).toBeDefined();
  });

  // Bounds loose enough for a shared, loaded 2-core machine: they catch a quadratic path or work per
  // character gone wrong, not a micro-regression (the common case measures about half a microsecond).
  it('keeps the common case cheap: 200k plain requests in a few seconds at most', () => {
    const context = contextFor(generation, '/public/assets/app.min.js');
    const started = performance.now();
    for (let index = 0; index < 200_000; index++) {
      context.trail.length = 0;
      stage.run(context);
    }
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it.each([
    ['/big/' + 'a/'.repeat(4000), '/big/a'],
    ['/big/' + '%2e/'.repeat(2000), '/big/'],
    ['/big/' + '%C3%BC'.repeat(1300), '/big/' + 'ü'.repeat(1300)],
    ['/big/' + '/'.repeat(8000), '/big/'],
  ])('judges a long hostile target in linear time (%#)', (target, prefix) => {
    const started = performance.now();
    for (let index = 0; index < 20; index++) run(target);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(run(target).context.url?.path.startsWith(prefix.replace(/\/$/, ''))).toBe(true);
  });
});
