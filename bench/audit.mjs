#!/usr/bin/env node
// Times `usher audit` on a generated configuration: 50 sites, each with its own pool, content
// folder, ACLs and 200 files (10,000 in all), a few of them backups and keys the exposure scan must
// probe through the real stages. Issue 4's target: under 5 s on this machine.
//
//   npm run build && node bench/audit.mjs [--sites 50] [--files 200] [--runs 3] [--keep]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('node bench/audit.mjs [--sites 50] [--files 200] [--runs 3] [--keep]\n' +
    '  times `usher audit` on a generated configuration of SITES sites with FILES files each (needs npm run build)\n');
  process.exit(0);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const SITES = arg('sites', 50);
const FILES = arg('files', 200);
const RUNS = arg('runs', 3);
const keep = process.argv.includes('--keep');

function generate(dir) {
  const pools = [];
  const sites = [];
  const locations = {};
  const acl = {};
  for (let s = 1; s <= SITES; s++) {
    const name = `site${String(s).padStart(2, '0')}`;
    pools.push(`  - { name: ${name}, identity: ApplicationPoolIdentity }`);
    sites.push(`  - { name: ${name}, id: ${s}, bindings: ["http/*:80:${name}.example.test"], physicalPath: ./www/${name}, applicationPool: ${name} }`);
    locations[name] = '{ authentication: { anonymous: { enabled: true, identity: IUSR } } }';
    locations[`${name}/downloads`] = '{ directoryBrowse: { enabled: true } }';
    acl[`./www/${name}`] = `{ inheritance: disabled, aces: ["SYSTEM:(OI)(CI)(F)", "Administrators:(OI)(CI)(F)", "IUSR:(OI)(CI)(RX)", "IIS AppPool\\\\${name}:(OI)(CI)(RX)"] }`;
    acl[`./www/${name}/uploads`] = `{ aces: ["IIS AppPool\\\\${name}:(OI)(CI)(M)"] }`;
    // 200 files in 10 folders of 20, with one backup and one key among them.
    for (let f = 0; f < FILES; f++) {
      const folder = ['assets', 'css', 'js', 'img', 'docs', 'uploads', 'downloads', 'blog', 'shop', 'about'][f % 10];
      const file = f === 7 ? 'index.html.bak' : f === 13 ? 'server.key' : `page-${f}.html`;
      const path = join(dir, 'www', name, folder, file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `<p>${name} ${f}</p>\n`);
    }
  }
  const yaml = [
    'server:',
    '  logging: { directory: ./logs }',
    'applicationPools:',
    ...pools,
    'sites:',
    ...sites,
    'locations:',
    ...Object.entries(locations).map(([key, value]) => `  ${key}: ${value}`),
    'acl:',
    ...Object.entries(acl).map(([key, value]) => `  ${key}: ${value}`),
    'identities:',
    '  machineSid: S-1-5-21-1000000001-1000000002-1000000003',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'usher.yaml'), yaml, { mode: 0o600 });
}

const dir = mkdtempSync(join(tmpdir(), 'usher-bench-audit-'));
try {
  generate(dir);
  const times = [];
  let summary;
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [cli, '-c', join(dir, 'usher.yaml'), 'audit', '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`usher audit exited ${result.status}: ${result.stderr}`);
    summary = JSON.parse(result.stdout).summary;
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`usher audit: ${SITES} sites, ${SITES * FILES} files: median ${(median / 1000).toFixed(2)} s over ${RUNS} runs ` +
    `(min ${(times[0] / 1000).toFixed(2)} s, max ${(times[times.length - 1] / 1000).toFixed(2)} s), whole process including start-up`);
  console.log(`findings: ${summary.high} high, ${summary.medium} medium, ${summary.low} low; target: under 5 s ${median < 5000 ? '(met)' : '(MISSED)'}`);
  if (keep) console.log(`configuration kept in ${dir}`);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
