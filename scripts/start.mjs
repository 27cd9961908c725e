#!/usr/bin/env node
// `npm start`: until the serving pipeline lands, set up a scratch configuration with `usher init`
// and say what to try next. Idempotent: a second run reuses the scratch folder.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const scratch = join(root, '.usher-scratch', 'demo');
const usher = (...args) => spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit', cwd: scratch });

if (!existsSync(cli)) {
  console.error('usher is not built yet: run `npm run build` (or `npm ci`, which builds) first');
  process.exit(2);
}
if (!existsSync(join(scratch, 'usher.yaml'))) {
  const result = spawnSync(process.execPath, [cli, 'init', scratch], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 2);
} else {
  console.log(`reusing ${relative(process.cwd(), scratch) || '.'} (delete it for a fresh start)`);
}

console.log('\nThe configuration it made, and what IUSR (the anonymous identity) may do:\n');
usher('site', 'list');
usher('acl', 'show', 'wwwroot');
usher('acl', 'check', 'wwwroot/index.html', '--identity', 'IUSR', '--right', 'R');

const rel = relative(process.cwd(), scratch) || '.';
console.log(`
Serving arrives with the next milestone. Meanwhile, try:
  alias usher="node ${cli}"
  cd ${rel}
  usher token --identity IUSR
  usher acl deny wwwroot 'IUSR:(OI)(CI)(W)'       # a deny of Write also blocks reads: see why
  usher acl check wwwroot/index.html --identity IUSR --right R
  usher config history
See README.md and docs/acl.md.`);
