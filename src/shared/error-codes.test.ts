import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './error-codes.js';

const registered = Object.keys(ERROR_CODES).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the error code registry', () => {
  it('is documented in docs/errors.md, both ways', () => {
    const documented = [...readFileSync('docs/errors.md', 'utf8').matchAll(/^\| `(USHER_ERR_[A-Z_]+)` \|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(registered);
  });

  it('holds every code the sources use', () => {
    const used = new Set(sourceFiles('src').flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/USHER_ERR_[A-Z_]+[A-Z]/g)].map((m) => m[0])));
    expect([...used].filter((code) => !registered.includes(code))).toEqual([]);
  });

  it('names every code <PREFIX>_<AREA>_<WHAT> with the area it declares', () => {
    for (const [code, info] of Object.entries(ERROR_CODES)) expect(code.startsWith(`USHER_ERR_${info.area}_`)).toBe(true);
  });
});
