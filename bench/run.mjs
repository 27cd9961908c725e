#!/usr/bin/env node
// Usher against other static servers, side by side in one run: the same files (1 KiB, 64 KiB,
// 1 MiB of fixed pseudo-random bytes) from the same folder, each server one process (or one
// nginx worker) pinned to core 0, wrk pinned to core 1, on 127.0.0.1. Each server must return the
// right bytes before it is measured. Prints the table and writes it to docs/benchmarks.md.
// See bench/README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  BENCH_DIR, DOC_SKELETON, LOAD_CPU, REPO, SERVER_CPU, SIZES, USHER_CLI, countW3cLines, cpuBusy, cpuTimes, fmtInt, fmtMs,
  fmtRatio, freePort, loadAverage, median, parseArgs, prepareSite, processCpuSeconds, rssKiB, runWrk, spawnPinned, stop,
  usage, verifyFiles, versions, waitForListening, waitForPort, waitForQuiet, wrkArgs, writeSection,
} from './lib.mjs';

const SPEC = {
  duration: { type: 'number', default: 10, help: 'seconds of measured load per server and size' },
  warmup: { type: 'number', default: 3, help: 'seconds of unmeasured load before each measurement' },
  connections: { type: 'number', default: 64, help: 'wrk connections (-c)' },
  rounds: { type: 'number', default: 1, help: 'measure every server this many times, interleaved; the table shows the median' },
  only: { type: 'string', default: undefined, help: 'comma-separated servers: ceiling,usher,sirv,fastify,express,nginx' },
  sizes: { type: 'string', default: '1k,64k,1m', help: 'comma-separated sizes: 1k,64k,1m' },
  out: { type: 'string', default: join(REPO, 'docs', 'benchmarks.md'), help: 'the markdown file whose results section is rewritten' },
  retries: { type: 'number', default: 2, help: 'measure again (up to this many times) when other processes used either core' },
  'quiet-wait': { type: 'number', default: 60, help: 'seconds to wait, before each measurement, for other processes to leave both cores (0: do not wait)' },
  'max-foreign': { type: 'number', default: 8, help: 'percent of a core other processes may use before a figure counts as contended' },
  json: { type: 'string', default: undefined, help: 'also write every measurement as JSON here' },
  'no-write': { type: 'flag', help: 'print the table only; leave docs/benchmarks.md alone' },
  'from-json': { type: 'string', default: undefined, help: 'measure nothing: render the run saved with --json FILE' },
};
const SPEC_DEFAULTS = () => Object.fromEntries(Object.entries(SPEC).map(([name, def]) => [name, def.default]));

// ---------------------------------------------------------------------------------------------
// The servers, in table order.

const nodeScript = (file) => async (site) => {
  const child = spawnPinned(SERVER_CPU, process.execPath, [join(BENCH_DIR, 'servers', file), site.root], { cwd: REPO });
  return { child, port: await waitForListening(child) };
};

const SERVERS = {
  ceiling: {
    label: 'node:http, bytes from memory (ceiling)',
    how: 'node:http answering the bytes from a Map; no checks, no validators, no log (bench/servers/ceiling.mjs)',
    start: nodeScript('ceiling.mjs'),
  },
  usher: {
    label: 'Usher',
    how: '`usher serve -c usher.yaml` as `usher init` writes it: anonymous as IUSR, ACL IUSR:(OI)(CI)(RX), request filtering and W3C logging on (IIS\'s 15 default fields, one line per request); only the binding moved to 127.0.0.1:0',
    async start(site) {
      const child = spawnPinned(SERVER_CPU, process.execPath, [USHER_CLI, 'serve', '-c', site.config], { cwd: site.site });
      return { child, port: await waitForListening(child) };
    },
  },
  sirv: {
    label: 'sirv',
    how: 'sirv on node:http, production mode, `etag: true` (bench/servers/sirv.mjs); no log',
    start: nodeScript('sirv.mjs'),
  },
  fastify: {
    label: '@fastify/static',
    how: 'fastify + @fastify/static on their defaults, logger off (bench/servers/fastify.mjs)',
    start: nodeScript('fastify.mjs'),
  },
  express: {
    label: 'express + serve-static',
    how: 'express + serve-static on their defaults, no logging middleware (bench/servers/express.mjs)',
    start: nodeScript('express.mjs'),
  },
  nginx: {
    label: 'nginx',
    how: 'Debian\'s nginx, one worker (`worker_processes 1`), `sendfile on`, `keepalive_requests 1000000`, access_log on in the combined format, buffered (64k, flushed every 500 ms, as Usher batches its W3C lines)',
    async start(site) {
      const port = await freePort();
      const prefix = join(site.base, 'nginx');
      const { mkdirSync } = await import('node:fs');
      mkdirSync(join(prefix, 'temp'), { recursive: true });
      const conf = join(prefix, 'nginx.conf');
      writeFileSync(conf, nginxConfig({ prefix, root: site.root, port }));
      const child = spawnPinned(SERVER_CPU, '/usr/sbin/nginx', ['-p', prefix, '-e', join(prefix, 'error.log'), '-c', conf, '-g', 'daemon off;']);
      await waitForPort(port, child);
      return { child, port };
    },
  },
};

function nginxConfig({ prefix, root, port }) {
  // Run as root (CI and this machine), nginx's workers would drop to nobody, who cannot enter the
  // private temporary folder: keep them as the invoking user.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `${user}worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${prefix}/access.log combined buffer=64k flush=500ms;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 120s;
  keepalive_requests 1000000;
  client_body_temp_path ${prefix}/temp/body;
  proxy_temp_path ${prefix}/temp/proxy;
  fastcgi_temp_path ${prefix}/temp/fastcgi;
  uwsgi_temp_path ${prefix}/temp/uwsgi;
  scgi_temp_path ${prefix}/temp/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${root};
  }
}
`;
}

// ---------------------------------------------------------------------------------------------

async function measureServer(key, site, sizes, options, round) {
  const server = SERVERS[key];
  const logLinesBefore = key === 'usher' ? countW3cLines(site.logs) : 0;
  const { child, port } = await server.start(site);
  const result = { server: key, round, sizes: {}, error: undefined };
  let counted = sizes.length; // verification requests
  try {
    await verifyFiles(port, sizes.map((size) => site.files[size]));
    for (const size of sizes) {
      const url = `http://127.0.0.1:${port}${site.files[size].path}`;
      for (let attempt = 0; ; attempt++) {
        // The server idles while we look: what the cores do now is someone else's work.
        const quiet = await waitForQuiet(options['max-foreign'], options['quiet-wait']);
        if (quiet.waited > 1.5) process.stderr.write(`  (waited ${quiet.waited.toFixed(0)} s for the cores to go quiet; last look ${quiet.busy.toFixed(0)}% busy)\n`);
        const warm = await runWrk({ connections: options.connections, seconds: options.warmup, url });
        counted += warm.requests;
        const cpuBefore = cpuTimes();
        const procBefore = processCpuSeconds(child.pid);
        const started = process.hrtime.bigint();
        const run = await runWrk({ connections: options.connections, seconds: options.duration, url });
        const wall = Number(process.hrtime.bigint() - started) / 1e9;
        const cpuAfter = cpuTimes();
        counted += run.requests;
        const entry = {
          rps: run.rps, p50: run.p50, p99: run.p99, requests: run.requests, non2xx: run.non2xx, socketErrors: run.socketErrors,
          serverCpu: (100 * (processCpuSeconds(child.pid) - procBefore)) / wall,
          serverCore: cpuBusy(cpuBefore, cpuAfter, SERVER_CPU),
          wrkCpu: run.cpu,
          loadCore: cpuBusy(cpuBefore, cpuAfter, LOAD_CPU),
          attempt,
        };
        // Busy time on either core that neither the server nor wrk accounts for is someone else's
        // (other tests on a shared machine): such a figure understates the server.
        entry.foreign = Math.max(entry.serverCore - entry.serverCpu, entry.loadCore - entry.wrkCpu);
        entry.contended = entry.foreign > options['max-foreign'];
        if (run.non2xx > 0) entry.invalid = `${run.non2xx} responses were not 2xx/3xx`;
        process.stderr.write(`  ${key.padEnd(8)} ${size.padEnd(4)} ${fmtInt(run.rps).padStart(8)} req/s  p50 ${fmtMs(run.p50)} ms  p99 ${fmtMs(run.p99)} ms  server ${entry.serverCpu.toFixed(0)}% of core ${SERVER_CPU} (busy ${entry.serverCore.toFixed(0)}%), wrk ${entry.wrkCpu.toFixed(0)}% of core ${LOAD_CPU} (busy ${entry.loadCore.toFixed(0)}%)${entry.contended ? `  CONTENDED: ${entry.foreign.toFixed(0)}% of a core used by other processes` : ''}${entry.invalid ? `  INVALID: ${entry.invalid}` : ''}${run.socketErrors ? `  (${run.socketDetail})` : ''}\n`);
        const previous = result.sizes[size];
        // Keep the cleanest attempt: uncontended first, then the least foreign load.
        if (!previous || (previous.contended && (!entry.contended || entry.foreign < previous.foreign))) result.sizes[size] = entry;
        if (!entry.contended || entry.invalid || attempt >= options.retries) break;
        process.stderr.write(`  (load average ${loadAverage()}; measuring again)\n`);
      }
    }
    result.rssMiB = rssKiB(child.pid) / 1024;
  } catch (error) {
    result.error = error.message;
    process.stderr.write(`  ${key}: ${error.message}\n`);
  } finally {
    await stop(child);
  }
  if (key === 'usher') {
    result.w3cLines = countW3cLines(site.logs) - logLinesBefore;
    result.requestsCounted = counted;
    process.stderr.write(`  usher wrote ${fmtInt(result.w3cLines)} W3C lines for ${fmtInt(counted)} requests wrk and the check counted\n`);
  }
  return result;
}

function summarise(results, keys, sizes) {
  const table = {};
  for (const key of keys) {
    table[key] = {};
    for (const size of sizes) {
      const valid = results.filter((r) => r.server === key && r.sizes[size] && !r.sizes[size].invalid).map((r) => r.sizes[size]);
      // Figures taken while other processes used the cores are kept only when there is nothing else.
      const clean = valid.filter((r) => !r.contended);
      const runs = clean.length > 0 ? clean : valid;
      const rps = runs.map((r) => r.rps);
      table[key][size] = runs.length === 0 ? undefined : {
        rps: median(rps), min: Math.min(...rps), max: Math.max(...rps), n: runs.length, contended: clean.length === 0,
        dropped: valid.length - runs.length, foreign: Math.max(...runs.map((r) => r.foreign)),
        p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)),
        serverCpu: median(runs.map((r) => r.serverCpu)), loadCore: median(runs.map((r) => r.loadCore)),
      };
    }
  }
  return table;
}

function render({ table, results, keys, sizes, options, info, started, finished, loadBefore, loadAfter, command }) {
  const label = (size) => SIZES[size].label;
  const cell = (key, size, f) => (table[key]?.[size] ? f(table[key][size]) : '—');
  const rounds = options.rounds;
  const lines = [];
  lines.push(`Run of ${started.toISOString().replace('T', ' ').slice(0, 16)} UTC (${Math.round((finished - started) / 60000)} min), Usher ${info.usher} at commit ${info.commit}${info.dirty ? ' (tracked src/ files modified)' : ''}.`);
  lines.push('');
  lines.push('```');
  lines.push(command);
  lines.push('```');
  lines.push('');
  lines.push(`Node ${info.node}, \`nproc\` ${info.nproc} (${info.cpu}), Linux ${info.kernel}; wrk ${info.wrk}, nginx ${info.nginx}, sirv ${info.sirv}, fastify ${info.fastify} + @fastify/static ${info.fastifyStatic}, express ${info.express} + serve-static ${info.serveStatic}. ` +
    `Each server: one process (nginx: one worker) on core ${SERVER_CPU}; \`taskset -c ${LOAD_CPU} wrk -t1 -c${options.connections} -d${options.duration}s --latency URL\` on core ${LOAD_CPU}, after ${options.warmup} s of unmeasured load on the same URL; ` +
    `${rounds > 1 ? `${rounds} rounds, servers interleaved, the median shown (range in brackets)` : 'one round'}. Load average before/after: ${loadBefore} / ${loadAfter}.`);
  lines.push('');
  lines.push('Requests per second:');
  lines.push('');
  lines.push(`| server | ${sizes.map(label).join(' | ')} |`);
  lines.push(`| --- | ${sizes.map(() => '---:').join(' | ')} |`);
  for (const key of keys) {
    lines.push(`| ${SERVERS[key].label} | ${sizes.map((size) => cell(key, size, (c) => `${fmtInt(c.rps)}${c.contended ? ' †' : ''}${c.n > 1 ? ` (${fmtInt(c.min)}–${fmtInt(c.max)})` : ''}`)).join(' | ')} |`);
  }
  const all = keys.flatMap((key) => sizes.map((size) => table[key]?.[size]).filter(Boolean));
  const retried = results.reduce((n, r) => n + Object.values(r.sizes).filter((e) => e.attempt > 0).length, 0);
  const dropped = all.reduce((n, c) => n + c.dropped, 0);
  lines.push('');
  lines.push(`Other processes' share of the two cores during the figures shown: at most ${Math.max(...all.map((c) => c.foreign)).toFixed(0)}% of a core` +
    `${all.some((c) => c.contended) ? '; † marks a figure for which every attempt was contended (it understates the server)' : ''}. ` +
    `${retried} measurement(s) were repeated because another process used a core, and ${dropped} contended round(s) left out of the medians (limit: ${options['max-foreign']}% of a core).`);
  lines.push('');
  lines.push('Latency, p50 / p99 in ms, and the server\'s CPU (percent of its one core) / the load core\'s busy time:');
  lines.push('');
  lines.push(`| server | ${sizes.map((s) => `${label(s)} p50 / p99`).join(' | ')} | ${sizes.map((s) => `${label(s)} CPU server / wrk core`).join(' | ')} |`);
  lines.push(`| --- | ${sizes.map(() => '---:').join(' | ')} | ${sizes.map(() => '---:').join(' | ')} |`);
  for (const key of keys) {
    lines.push(`| ${SERVERS[key].label} | ${sizes.map((size) => cell(key, size, (c) => `${fmtMs(c.p50)} / ${fmtMs(c.p99)}`)).join(' | ')} | ${sizes.map((size) => cell(key, size, (c) => `${c.serverCpu.toFixed(0)}% / ${c.loadCore.toFixed(0)}%`)).join(' | ')} |`);
  }
  const rps = (key, size) => table[key]?.[size]?.rps ?? Number.NaN;
  if (keys.includes('usher')) {
    lines.push('');
    lines.push('Usher\'s ratios (of the medians; the range is the ratio within each round), against the targets of issue 3 (ACL check, request filtering and W3C logging all on):');
    lines.push('');
    lines.push(`| ratio | ${sizes.map(label).join(' | ')} |`);
    lines.push(`| --- | ${sizes.map(() => '---:').join(' | ')} |`);
    const target = (value, want) => (Number.isFinite(value) && want !== undefined ? (value >= want ? ` ✅ ≥ ${want}` : ` ❌ < ${want}`) : '');
    const targets = {
      ceiling: { '1k': 0.6, '64k': 0.6 },
      sirv: { '1k': 2, '64k': 1, '1m': 1 },
    };
    for (const other of ['ceiling', 'sirv', 'fastify', 'express', 'nginx']) {
      if (!keys.includes(other)) continue;
      lines.push(`| Usher / ${SERVERS[other].label} | ${sizes.map((size) => {
        const ratio = rps('usher', size) / rps(other, size);
        // The same ratio round by round (each pair measured minutes apart rather than a run apart).
        const byRound = [];
        for (let round = 1; round <= rounds; round++) {
          const mine = results.find((r) => r.server === 'usher' && r.round === round)?.sizes[size];
          const theirs = results.find((r) => r.server === other && r.round === round)?.sizes[size];
          if (mine && theirs && !mine.invalid && !theirs.invalid) byRound.push(mine.rps / theirs.rps);
        }
        const spread = byRound.length > 1 ? ` (${Math.min(...byRound).toFixed(2)}–${Math.max(...byRound).toFixed(2)} by round)` : '';
        return `${fmtRatio(ratio)}${target(ratio, targets[other]?.[size])}${spread}`;
      }).join(' | ')} |`);
    }
    const usherRuns = results.filter((r) => r.server === 'usher' && r.w3cLines !== undefined);
    if (usherRuns.length > 0) {
      const lines_ = usherRuns.reduce((s, r) => s + r.w3cLines, 0);
      const counted = usherRuns.reduce((s, r) => s + r.requestsCounted, 0);
      lines.push('');
      lines.push(`Usher wrote ${fmtInt(lines_)} W3C log lines for the ${fmtInt(counted)} requests wrk and the byte check counted (wrk does not count the requests in flight when it stops).`);
    }
  }
  const failed = results.filter((r) => r.error);
  if (failed.length > 0) {
    lines.push('');
    for (const r of failed) lines.push(`- ${SERVERS[r.server].label} (round ${r.round}) failed: ${r.error.replace(/\s+/g, ' ').slice(0, 300)}`);
  }
  const invalid = results.flatMap((r) => Object.entries(r.sizes).filter(([, e]) => e.invalid).map(([size, e]) => `${SERVERS[r.server].label} ${label(size)} (round ${r.round}): ${e.invalid}, not counted`));
  if (invalid.length > 0) {
    lines.push('');
    for (const line of invalid) lines.push(`- ${line}`);
  }
  lines.push('');
  lines.push('How each server ran:');
  lines.push('');
  for (const key of keys) lines.push(`- **${SERVERS[key].label}**: ${SERVERS[key].how}.`);
  return lines.join('\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2), SPEC);
  if (options.help) {
    process.stdout.write(`node bench/run.mjs [options]\n${usage(SPEC)}\n`);
    return;
  }
  if (options['from-json']) {
    // Re-render a saved run (after a change to the report's format), without measuring anything.
    const saved = JSON.parse(readFileSync(options['from-json'], 'utf8'));
    // Runs saved before wrk's own CPU was sampled: judge contention by the server's core alone.
    for (const result of saved.results) {
      for (const entry of Object.values(result.sizes)) {
        entry.foreign ??= entry.serverCore - entry.serverCpu;
        entry.contended ??= entry.foreign > (saved.options['max-foreign'] ?? SPEC['max-foreign'].default);
      }
    }
    const keysSaved = saved.keys ?? Object.keys(saved.table);
    const sizesSaved = saved.sizes ?? Object.keys(saved.table[keysSaved[0]]);
    const markdown = render({
      ...saved, keys: keysSaved, sizes: sizesSaved, options: { ...SPEC_DEFAULTS(), ...saved.options },
      table: summarise(saved.results, keysSaved, sizesSaved, { ...SPEC_DEFAULTS(), ...saved.options }),
      started: new Date(saved.started), finished: new Date(saved.finished),
      command: saved.command ?? 'node bench/run.mjs (command not recorded)',
    });
    process.stdout.write(`${markdown}\n`);
    if (!options['no-write']) writeSection(options.out, 'results', markdown, DOC_SKELETON);
    return;
  }
  const keys = options.only ? options.only.split(',').map((s) => s.trim()) : Object.keys(SERVERS);
  for (const key of keys) if (!SERVERS[key]) throw new Error(`unknown server '${key}' (know ${Object.keys(SERVERS).join(', ')})`);
  const sizes = options.sizes.split(',').map((s) => s.trim().toLowerCase());
  for (const size of sizes) if (!SIZES[size]) throw new Error(`unknown size '${size}' (know ${Object.keys(SIZES).join(', ')})`);
  const command = `node ${relative(process.cwd(), join(BENCH_DIR, 'run.mjs')) || 'bench/run.mjs'} ${process.argv.slice(2).join(' ')}`.trim();

  const info = versions();
  const site = prepareSite();
  const started = new Date();
  const loadBefore = loadAverage();
  process.stderr.write(`bench: files in ${site.root}; servers on core ${SERVER_CPU}, wrk on core ${LOAD_CPU}; load average ${loadBefore}\n`);
  process.stderr.write(`bench: wrk command: taskset ${wrkArgs({ connections: options.connections, seconds: options.duration, url: 'URL' }).join(' ')}\n`);
  const results = [];
  for (let round = 1; round <= options.rounds; round++) {
    if (options.rounds > 1) process.stderr.write(`round ${round} of ${options.rounds} (load average ${loadAverage()})\n`);
    for (const key of keys) results.push(await measureServer(key, site, sizes, options, round));
  }
  const finished = new Date();
  const loadAfter = loadAverage();
  const table = summarise(results, keys, sizes);
  const markdown = render({ table, results, keys, sizes, options, info, started, finished, loadBefore, loadAfter, command });
  process.stdout.write(`\n${markdown}\n`);
  if (options.json) writeFileSync(options.json, JSON.stringify({ command, keys, sizes, info, options, started, finished, loadBefore, loadAfter, results, table }, null, 2));
  if (!options['no-write']) {
    writeSection(options.out, 'results', markdown, DOC_SKELETON);
    process.stderr.write(`bench: wrote the results to ${relative(process.cwd(), options.out)}\n`);
  }
  const { rmSync } = await import('node:fs');
  rmSync(site.base, { recursive: true, force: true });
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack ?? error}\n`);
  process.exit(1);
});
