import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../pipeline/index.js';
import { contextFor, generationWith } from './fixtures/filtering-context.js';
import { createRequestFilteringStage } from './index.js';

/**
 * The shared hostile-path corpus (../shared/corpus/hostile-paths, README there), run through this
 * stage alone with the `usher init` defaults. The whole server is judged against it elsewhere; here
 * every `deny` case must be refused by filtering, or be on the list below of cases whose canonical
 * path is sound and that a later stage refuses. Every `allow` and `redirect` case must pass with
 * the canonical path the file or the redirect needs.
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const casesFile = join(repoRoot, '..', 'shared', 'corpus', 'hostile-paths', 'cases.tsv');
const present = existsSync(casesFile);
if (!present) console.log(`hostile-paths corpus skipped: ${casesFile} is not there (../shared is not checked out)`);

const MISSING = 'no such file or folder in the fixture: mapping answers 404.0';
const NO_INDEX = 'a folder without a default document, browsing off: the handler answers 403.14';
const FILE_AS_FOLDER = 'a file asked for as a folder: mapping answers 404.0';
const ESCAPE = 'public/escape is a symlink out of the docroot: mapping holds the real path to the content roots (404.0)';

/**
 * `deny` cases that filtering rightly lets through, with the canonical path it hands on and why a
 * later stage refuses it. None of these paths is a hidden name, a Windows name form or outside the
 * root; each names something that is not there, or not servable, in the fixture.
 */
const PASSES_FILTERING: Readonly<Record<string, readonly [path: string, why: string]>> = {
  'hp-0009': ['/public/missing.txt', MISSING],
  'hp-0035': ['/public/üï.txt', `valid UTF-8 for a name that does not exist; ${MISSING}`],
  'hp-0043': ['/public/space+file.txt', `'+' is a literal plus, never a space; ${MISSING}`],
  'hp-0065': ['/web.config?x=1', `%3F is path data: the name is 'web.config?x=1', not web.config; ${MISSING}`],
  'hp-0356': ['/web.config;', `';' is a literal character (no path parameters): 'web.config;' is another name; ${MISSING}`],
  'hp-0358': ['/bin;x=1/app.dll', `the folder is 'bin;x=1', not bin; ${MISSING}`],
  'hp-0359': ['/App_Data;foo/db.mdf', `the folder is 'App_Data;foo', not App_Data; ${MISSING}`],
  'hp-0365': ['/public;/a.txt', `the folder is 'public;', not public; ${MISSING}`],
  'hp-0372': [`/public/${'a'.repeat(300)}.txt`, 'a name longer than the file system allows: mapping answers 404.0 (name-too-long)'],
  'hp-0383': ['/public/escape', ESCAPE],
  'hp-0384': ['/public/escape', ESCAPE],
  'hp-0385': ['/public/escape', ESCAPE],
  'hp-0386': ['/public/escape', ESCAPE],
  'hp-0388': ['/public/ESCAPE', `names are case-sensitive on disk, and the link it would alias leaves the root anyway; ${MISSING}`],
  'hp-0390': ['/public/inner-link', `inner-link is a link to a file; ${FILE_AS_FOLDER}`],
  'hp-0393': ['/public', NO_INDEX],
  'hp-0394': ['/uploads', NO_INDEX],
  'hp-0395': ['/public', NO_INDEX],
  'hp-0398': ['/public', NO_INDEX],
  'hp-0399': ['/public', `${NO_INDEX}; the query is never a listing option`],
  'hp-0400': ['/uploads', `${NO_INDEX}; the query is never a listing option`],
  'hp-0401': ['/public', NO_INDEX],
  'hp-0403': ['/public/*', `'*' is no wildcard; ${MISSING}`],
  'hp-0418': ['/evil.example', `'//' merges: a local path, never a redirect off-site; ${MISSING}`],
  'hp-0419': ['/evil.example', `a decoded '%2F%2F' merges like any slash; ${MISSING}`],
  'hp-0449': ['/etc/passwd', `an absolute path is a path inside the docroot; ${MISSING}`],
  'hp-0450': ['/etc/passwd', `an absolute path is a path inside the docroot; ${MISSING}`],
  'hp-0451': ['/etc/passwd', `an absolute path is a path inside the docroot; ${MISSING}`],
  'hp-0457': ['/etc/passwd', `an absolute path is a path inside the docroot; ${MISSING}`],
  'hp-0458': ['/public/etc/passwd', MISSING],
  'hp-0481': ['/web.config#', `%23 is path data: the name is 'web.config#'; ${MISSING}`],
  'hp-0486': ['/index.html', FILE_AS_FOLDER],
  'hp-0487': ['/public/a.txt', FILE_AS_FOLDER],
  'hp-0488': ['/public/a.txt', FILE_AS_FOLDER],
  'hp-0489': ['/public/a.txt/x', FILE_AS_FOLDER],
};

interface CorpusCase { id: string; target: string; cls: string; expected: 'allow' | 'deny' | 'redirect'; file: string }

function readCases(): CorpusCase[] {
  if (!present) return [];
  return readFileSync(casesFile, 'utf8').split('\n').slice(1).filter((line) => line !== '' && !line.startsWith('#')).map((line) => {
    const [id, raw, cls, expected, file] = line.split('\t') as [string, string, string, CorpusCase['expected'], string | undefined];
    // `hex:` targets carry bytes a TSV cannot (NUL, control characters): one character per byte, as Node hands them on.
    const target = raw.startsWith('hex:') ? Buffer.from(raw.slice(4), 'hex').toString('latin1') : raw;
    return { id, target, cls, expected, file: file ?? '' };
  });
}

const cases = readCases();
const generation = generationWith();
const stage = createRequestFilteringStage();

function filter(target: string) {
  const context = contextFor(generation, target);
  const outcome = stage.run(context) as Outcome | undefined;
  return { context, outcome, trail: context.trail.map((decision) => decision.detail).join('; ') };
}

const short = (text: string) => (text.length > 70 ? `${text.slice(0, 67)}…` : text);
const table = (kind: CorpusCase['expected']) => cases.filter((c) => c.expected === kind).map((c) => [c.id, c.cls, short(JSON.stringify(c.target)), c] as const);

describe('hostile-paths corpus through request filtering', () => {
  it.skipIf(!present)('has the cases the README describes', () => {
    expect(cases.length).toBe(343);
  });

  it.skipIf(!present).each(table('deny'))('%s %s %s is refused, or its canonical path is refused later', (id, _cls, _shown, c) => {
    const { context, outcome, trail } = filter(c.target);
    const later = PASSES_FILTERING[id];
    if (later) {
      expect(outcome, `${id} is listed as passing filtering: ${trail}`).toBeUndefined();
      expect(context.url?.path).toBe(later[0]);
    } else {
      expect(outcome, `${id} passed filtering as ${context.url?.path}`).toBeDefined();
      expect([400, 404, 413]).toContain(outcome!.status);
    }
  });

  it.skipIf(!present).each(table('allow'))('%s %s %s passes with the path of its file', (_id, _cls, _shown, c) => {
    const { context, outcome, trail } = filter(c.target);
    expect(outcome, trail).toBeUndefined();
    const url = context.url!;
    // A folder form is served through its default document (index.html here).
    const served = url.trailingSlash ? `${url.path === '/' ? '' : url.path}/index.html` : url.path;
    expect(served).toBe(`/${c.file}`);
  });

  it.skipIf(!present).each(table('redirect'))('%s %s %s passes as the folder the redirect names', (_id, _cls, _shown, c) => {
    const { context, outcome, trail } = filter(c.target);
    expect(outcome, trail).toBeUndefined();
    expect(context.url!.trailingSlash).toBe(false);
    expect(context.url!.path).toBe(c.file.replace(/\/$/, ''));
  });

  it.skipIf(!present)('lists only deny cases that exist', () => {
    const denied = new Set(cases.filter((c) => c.expected === 'deny').map((c) => c.id));
    expect(Object.keys(PASSES_FILTERING).filter((id) => !denied.has(id))).toEqual([]);
  });
});
