#!/usr/bin/env node
// Where a request's time goes: runs a server under `node --cpu-prof` (pinned to core 0) with wrk
// on one file (core 1), stops it cleanly so the profile is written, and summarises the profile:
// self time by file, the hottest functions, and every sample charged to the nearest Usher file on
// its stack (so the builtins and Node internals a stage calls count to that stage). Writes the
// summary to docs/benchmarks.md's profile section. See bench/README.md.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  BENCH_DIR, DOC_SKELETON, REPO, SERVER_CPU, SIZES, USHER_CLI, fmtInt, loadAverage, parseArgs, prepareSite, runWrk, spawnPinned,
  stop, usage, verifyFiles, versions, waitForListening, writeSection,
} from './lib.mjs';

const SPEC = {
  server: { type: 'string', default: 'usher', help: 'usher, or ceiling (the bare node:http server, for comparison)' },
  size: { type: 'string', default: '1k', help: 'which file to load: 1k, 64k or 1m' },
  duration: { type: 'number', default: 20, help: 'seconds of profiled load' },
  warmup: { type: 'number', default: 5, help: 'seconds of load before the profiled run (profiled too, but reported apart)' },
  connections: { type: 'number', default: 64, help: 'wrk connections' },
  interval: { type: 'number', default: 500, help: 'sampling interval in microseconds (--cpu-prof-interval)' },
  out: { type: 'string', default: join(REPO, 'docs', 'benchmarks.md'), help: 'the markdown file whose profile section is rewritten' },
  profile: { type: 'string', default: undefined, help: 'summarise this .cpuprofile instead of running anything' },
  requests: { type: 'number', default: undefined, help: 'with --profile: how many requests it covers (for µs per request)' },
  save: { type: 'string', default: undefined, help: 'keep the raw .cpuprofile here (open it in Chrome DevTools or speedscope)' },
  'no-write': { type: 'flag', help: 'print the summary only' },
};

// ---------------------------------------------------------------------------------------------
// Reading a .cpuprofile

const SRC_PREFIX = `file://${join(REPO, 'dist')}/`;

/** A frame's file as a reader knows it: src/… for Usher, node:… for Node, the package for a dependency. */
function fileOf(frame) {
  const url = frame.url;
  if (url === '') {
    if (frame.functionName.startsWith('(')) return frame.functionName; // (garbage collector), (program), (idle), (root)
    return '(native code)';
  }
  if (url.startsWith(SRC_PREFIX)) return `src/${url.slice(SRC_PREFIX.length).replace(/\.js$/, '.ts')}`;
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dep) return `dependency ${dep[1]}`;
  if (url.startsWith('node:')) return url;
  if (url.startsWith('file://')) return relative(REPO, url.slice(7));
  return url;
}

const isUsher = (file) => file.startsWith('src/');

/** Usher's files grouped as the pipeline's stages and parts. */
const GROUPS = [
  ['src/stages/request-filtering/', 'request filtering (BeginRequest)'],
  ['src/stages/mapping/', 'mapping (MapRequest)'],
  ['src/server/content/', 'content view (path and body caches)'],
  ['src/stages/authentication/', 'authentication (anonymous → IUSR token)'],
  ['src/stages/authorization/', 'authorization (URL rules, ACL check, trail)'],
  ['src/acl/', 'authorization (URL rules, ACL check, trail)'],
  ['src/pipeline/generation.ts', 'authorization (URL rules, ACL check, trail)'],
  ['src/stages/handler/', 'handler (headers, writeHead/end, socket write)'],
  ['src/stages/logging/', 'W3C logging (format, batch, write)'],
  ['src/pipeline/', 'pipeline (context, runPipeline, promises)'],
  ['src/server/request-handler.ts', 'request handler (site, context, close listener)'],
  ['src/server/', 'server (listener, other)'],
  ['src/', 'other Usher code'],
];
const groupOf = (file) => GROUPS.find(([prefix]) => file.startsWith(prefix))?.[1] ?? 'other Usher code';

export function summariseProfile(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  // timeDeltas[i] is the time before sample i: the time spent in sample i is the next delta.
  const self = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const dt = timeDeltas[i + 1] ?? 0;
    if (dt > 0) self.set(samples[i], (self.get(samples[i]) ?? 0) + dt);
  }
  const byFile = new Map();
  const byFunction = new Map();
  const byGroup = new Map();
  const groupCache = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, us] of self) {
    const node = byId.get(id);
    const file = fileOf(node.callFrame);
    total += us;
    if (file === '(idle)') {
      idle += us;
      continue;
    }
    byFile.set(file, (byFile.get(file) ?? 0) + us);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${file}${node.callFrame.url ? `:${node.callFrame.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    // Charge the sample to the nearest Usher frame above it, else to what it is.
    let group = groupCache.get(id);
    if (group === undefined) {
      group = undefined;
      for (let at = id; at !== undefined; at = parent.get(at)) {
        const f = fileOf(byId.get(at).callFrame);
        if (isUsher(f)) {
          group = groupOf(f);
          break;
        }
      }
      if (group === undefined) {
        if (file === '(garbage collector)') group = 'garbage collection';
        else if (file === '(program)') group = 'V8/libuv outside JavaScript ((program))';
        else group = 'Node outside Usher\'s code (HTTP parser, socket reads, timers)';
      }
      groupCache.set(id, group);
    }
    byGroup.set(group, (byGroup.get(group) ?? 0) + us);
  }
  const sorted = (map) => [...map.entries()].sort((a, b) => b[1] - a[1]);
  return { totalUs: total, idleUs: idle, busyUs: total - idle, files: sorted(byFile), functions: sorted(byFunction), groups: sorted(byGroup) };
}

function renderSummary(summary, { requests, title, top = 20 }) {
  const busy = summary.busyUs;
  const pct = (us) => `${((100 * us) / busy).toFixed(1)}%`;
  const perReq = (us) => (requests ? (us / requests).toFixed(2) : '—');
  const lines = [title, ''];
  lines.push(`Profile of ${(summary.totalUs / 1e6).toFixed(1)} s, ${(summary.busyUs / 1e6).toFixed(1)} s busy (${((100 * summary.busyUs) / summary.totalUs).toFixed(0)}%), ${requests ? `${fmtInt(requests)} requests: ${(busy / requests).toFixed(2)} µs of CPU per request` : 'request count unknown'}.`);
  lines.push('');
  lines.push('Every sample charged to the nearest Usher file on its stack (the builtins and Node internals a stage calls count to the stage):');
  lines.push('');
  lines.push('| part | share of busy time | µs per request |');
  lines.push('| --- | ---: | ---: |');
  for (const [group, us] of summary.groups) lines.push(`| ${group} | ${pct(us)} | ${perReq(us)} |`);
  lines.push('');
  lines.push('Self time by file:');
  lines.push('');
  lines.push('| file | self time | µs per request |');
  lines.push('| --- | ---: | ---: |');
  for (const [file, us] of summary.files.slice(0, top)) lines.push(`| \`${file}\` | ${pct(us)} | ${perReq(us)} |`);
  lines.push('');
  lines.push('Hottest functions (self time):');
  lines.push('');
  lines.push('| function | self time |');
  lines.push('| --- | ---: |');
  for (const [fn, us] of summary.functions.slice(0, top)) lines.push(`| \`${fn}\` | ${pct(us)} |`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2), SPEC);
  if (options.help) {
    process.stdout.write(`node bench/profile.mjs [options]\n${usage(SPEC)}\n`);
    return;
  }
  if (options.profile) {
    const summary = summariseProfile(JSON.parse(readFileSync(options.profile, 'utf8')));
    process.stdout.write(`${renderSummary(summary, { requests: options.requests, title: `Profile ${options.profile}` })}\n`);
    return;
  }
  const size = SIZES[options.size];
  if (!size) throw new Error(`unknown size '${options.size}'`);
  if (!['usher', 'ceiling'].includes(options.server)) throw new Error('--server is usher or ceiling');
  const site = prepareSite();
  const profDir = join(site.base, 'cpu-profile');
  mkdirSync(profDir);
  const nodeFlags = ['--cpu-prof', `--cpu-prof-dir=${profDir}`, `--cpu-prof-interval=${options.interval}`];
  const child = options.server === 'usher'
    ? spawnPinned(SERVER_CPU, process.execPath, [...nodeFlags, USHER_CLI, 'serve', '-c', site.config], { cwd: site.site })
    : spawnPinned(SERVER_CPU, process.execPath, [...nodeFlags, join(BENCH_DIR, 'servers', 'ceiling.mjs'), site.root], { cwd: REPO });
  const port = await waitForListening(child);
  const file = site.files[options.size];
  await verifyFiles(port, [file]);
  const url = `http://127.0.0.1:${port}${file.path}`;
  const loadBefore = loadAverage();
  const warm = await runWrk({ connections: options.connections, seconds: options.warmup, url });
  const run = await runWrk({ connections: options.connections, seconds: options.duration, url });
  const ended = await stop(child);
  const written = existsSync(profDir) ? readdirSync(profDir).filter((name) => name.endsWith('.cpuprofile')) : [];
  if (written.length === 0) throw new Error(`no profile was written (the server ended with ${JSON.stringify(ended)})`);
  const summary = summariseProfile(JSON.parse(readFileSync(join(profDir, written[0]), 'utf8')));
  if (options.save) copyFileSync(join(profDir, written[0]), options.save);
  const requests = warm.requests + run.requests + 1;
  const info = versions();
  const title = `${options.server === 'usher' ? 'Usher' : 'The node:http ceiling'} under \`node --cpu-prof --cpu-prof-interval=${options.interval}\`, ${size.label} file, ` +
    `${options.warmup} s + ${options.duration} s of \`wrk -t1 -c${options.connections}\` (${fmtInt(run.rps)} req/s while profiled; the profiler costs some), ` +
    `Node ${info.node}, commit ${info.commit}${info.dirty ? ' (tracked src/ files modified)' : ''}, load average ${loadBefore}. Command: \`node bench/profile.mjs ${process.argv.slice(2).join(' ')}\`.`;
  const markdown = renderSummary(summary, { requests, title });
  process.stdout.write(`${markdown}\n`);
  if (!options['no-write']) {
    writeSection(options.out, options.server === 'usher' ? 'profile' : 'profile-ceiling', markdown, DOC_SKELETON);
    process.stderr.write(`bench: wrote the profile summary to ${relative(process.cwd(), options.out)}\n`);
  }
  const { rmSync } = await import('node:fs');
  rmSync(site.base, { recursive: true, force: true });
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack ?? error}\n`);
  process.exit(1);
});
