import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/audit/index.js';

// ESLint's checkRuleFiles: every rule has its file, its test, its docs page and its registry entry,
// and the registry has nothing else.
const RULES_DIR = 'src/audit/rules';
const ruleFiles = readdirSync(RULES_DIR)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'index.ts')
  .map((name) => name.slice(0, -'.ts'.length))
  .sort();
const registered = RULES.map((rule) => rule.meta.id);
const HEADINGS = ['## What it checks', '## Example', '## How to fix', '## Does not fire'];

describe('the rule registry', () => {
  it('lists every rule file, and nothing else', () => {
    expect([...registered].sort()).toEqual(ruleFiles);
  });

  it('is sorted by id, without duplicates', () => {
    expect(registered).toEqual([...new Set(registered)].sort());
  });

  it('registers each rule under the name of its file (its default export)', async () => {
    for (const id of ruleFiles) {
      const url = pathToFileURL(resolve(RULES_DIR, `${id}.ts`)).href;
      const module = (await import(/* @vite-ignore */ url)) as { default: { meta: { id: string } } };
      expect(module.default.meta.id, `${id}.ts`).toBe(id);
      expect(RULES).toContain(module.default);
    }
  });
});

describe.each(registered)('rule %s', (id) => {
  const rule = RULES.find((candidate) => candidate.meta.id === id)!;

  it('has its test file beside it', () => {
    expect(existsSync(`${RULES_DIR}/${id}.test.ts`)).toBe(true);
    expect(readFileSync(`${RULES_DIR}/${id}.test.ts`, 'utf8')).toMatch(/testRule\(rule, \{[\s\S]*fires: \[[\s\S]*passes: \[/);
  });

  it('has a docs page with the required headings and its severity', () => {
    const page = `docs/rules/${id}.md`;
    expect(existsSync(page), page).toBe(true);
    const text = readFileSync(page, 'utf8');
    expect(text.startsWith(`# \`${id}\`\n`)).toBe(true);
    expect(text).toContain(`**Severity:** ${rule.meta.severity}`);
    for (const heading of HEADINGS) expect(text, `${page}: ${heading}`).toContain(`\n${heading}\n`);
  });

  it('has a meta a sysadmin can act on', () => {
    const { meta } = rule;
    expect(meta.title).not.toMatch(/\.$/);
    expect(meta.docs.length).toBeGreaterThan(120);
    expect(meta.sources.length).toBeGreaterThan(0);
  });
});
