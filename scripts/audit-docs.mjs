#!/usr/bin/env node
// `npm run docs:audit`: rewrites the generated rule table in docs/audit.md from the rules' meta
// (dist/, so run after a build; the npm script builds first). test/audit/docs.test.ts fails when
// the committed table differs from what this would write.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { RULES, updateAuditDocs } = await import(pathToFileURL(join(root, 'dist', 'audit', 'index.js')).href);
const file = join(root, 'docs', 'audit.md');
const before = readFileSync(file, 'utf8');
const after = updateAuditDocs(before, RULES);
if (after === before) {
  console.log('docs/audit.md is up to date');
} else {
  writeFileSync(file, after);
  console.log(`docs/audit.md: rule table rewritten (${RULES.length} rules)`);
}
