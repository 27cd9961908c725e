import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES, updateAuditDocs } from '../../src/audit/index.js';

describe('docs/audit.md', () => {
  const text = readFileSync('docs/audit.md', 'utf8');

  it('lists every rule with its severity and fix, as npm run docs:audit generates it', () => {
    expect(text, 'run npm run docs:audit').toBe(updateAuditDocs(text, RULES));
  });

  it('links every rule to its page', () => {
    for (const rule of RULES) {
      expect(text).toContain(`[\`${rule.meta.id}\`](rules/${rule.meta.id}.md) | ${rule.meta.severity} |`);
    }
  });
});
