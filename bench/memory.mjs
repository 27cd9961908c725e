#!/usr/bin/env node
// Does Usher's memory stay flat under load? One wrk run (core 1) alternating the 1 KiB and 64 KiB
// files against `usher serve` as `usher init` sets it up (core 0), for a warm-up and then the
// measured period; resident memory (VmRSS from /proc/PID/status) is sampled every second. Prints
// the RSS after the warm-up and at the end, and exits 1 if the end is more than --tolerance above
// the warm-up figure. Writes the result to docs/benchmarks.md's memory section. See bench/README.md.
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  DOC_SKELETON, LOAD_CPU, REPO, SERVER_CPU, USHER_CLI, countW3cLines, fmtInt, loadAverage, parseArgs, prepareSite, rssKiB, runWrk,
  sleep, spawnPinned, stop, usage, verifyFiles, versions, waitForListening, wrkArgs, writeSection,
} from './lib.mjs';

const SPEC = {
  duration: { type: 'number', default: 60, help: 'seconds of measured load after the warm-up' },
  warmup: { type: 'number', default: 10, help: 'seconds of load before the first RSS figure' },
  connections: { type: 'number', default: 64, help: 'wrk connections' },
  tolerance: { type: 'number', default: 10, help: 'percent the end may be above the warm-up figure' },
  out: { type: 'string', default: join(REPO, 'docs', 'benchmarks.md'), help: 'the markdown file whose memory section is rewritten' },
  'no-write': { type: 'flag', help: 'print the result only' },
};

const MiB = (kib) => (kib / 1024).toFixed(1);

async function main() {
  const options = parseArgs(process.argv.slice(2), SPEC);
  if (options.help) {
    process.stdout.write(`node bench/memory.mjs [options]\n${usage(SPEC)}\n`);
    return;
  }
  const info = versions();
  const site = prepareSite();
  const script = join(site.base, 'alternate.lua');
  // One connection's requests alternate between the two files, so both stay hot all along.
  writeFileSync(script, `local paths = { "${site.files['1k'].path}", "${site.files['64k'].path}" }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % 2) + 1])
end
`);
  const child = spawnPinned(SERVER_CPU, process.execPath, [USHER_CLI, 'serve', '-c', site.config], { cwd: site.site });
  const port = await waitForListening(child);
  await verifyFiles(port, [site.files['1k'], site.files['64k']]);
  const startRss = rssKiB(child.pid);
  const loadBefore = loadAverage();
  const total = options.warmup + options.duration;
  const url = `http://127.0.0.1:${port}/`;
  process.stderr.write(`memory: usher pid ${child.pid} on core ${SERVER_CPU}, RSS ${MiB(startRss)} MiB at start; ${total} s of wrk on core ${LOAD_CPU} (${options.warmup} s warm-up)\n`);

  const wrk = runWrk({ connections: options.connections, seconds: total, url, script });
  const samples = [];
  const t0 = Date.now();
  let done = false;
  void wrk.finally(() => (done = true)).catch(() => undefined);
  // Sample once a second while wrk runs; the last sample is the end of the load.
  while (!done) {
    await sleep(1000);
    if (done) break;
    const t = (Date.now() - t0) / 1000;
    const rss = rssKiB(child.pid);
    samples.push({ t, rss });
    if (Math.round(t) % 10 === 0) process.stderr.write(`  t=${t.toFixed(0)}s RSS ${MiB(rss)} MiB\n`);
  }
  const result = await wrk;
  const afterWarmup = samples.find((s) => s.t >= options.warmup) ?? samples[0];
  const end = samples.filter((s) => s.t <= total).at(-1) ?? samples.at(-1);
  const peak = samples.reduce((max, s) => Math.max(max, s.rss), 0);
  await sleep(2000);
  const idle = rssKiB(child.pid);
  const ended = await stop(child);
  const lines = countW3cLines(site.logs);
  const ratio = end.rss / afterWarmup.rss;
  // The trend over the measured period (least squares), which two samples of a sawtooth can hide.
  const steady = samples.filter((x) => x.t >= afterWarmup.t);
  const mean = (f) => steady.reduce((sum, x) => sum + f(x), 0) / steady.length;
  const mt = mean((x) => x.t);
  const mr = mean((x) => x.rss);
  const slope = steady.reduce((sum, x) => sum + (x.t - mt) * (x.rss - mr), 0) / (steady.reduce((sum, x) => sum + (x.t - mt) ** 2, 0) || 1);
  const pass = ratio <= 1 + options.tolerance / 100;

  const series = samples.filter((s) => Math.round(s.t) % 10 === 0 || s === afterWarmup || s === end)
    .map((s) => `${s.t.toFixed(0)} s: ${MiB(s.rss)}`).join(', ');
  const command = `node bench/memory.mjs ${process.argv.slice(2).join(' ')}`.trim();
  const markdown = [
    `Run of ${new Date(t0).toISOString().replace('T', ' ').slice(0, 16)} UTC, Usher ${info.usher} at commit ${info.commit}${info.dirty ? ' (tracked src/ files modified)' : ''}, Node ${info.node}, load average ${loadBefore}:`,
    '',
    '```',
    command,
    '```',
    '',
    `\`usher serve\` on core ${SERVER_CPU} (\`usher init\` defaults, W3C logging on), \`taskset ${wrkArgs({ connections: options.connections, seconds: total, url: 'URL', script: 'alternate.lua' }).join(' ')}\` alternating the 1 KiB and 64 KiB files on core ${LOAD_CPU}: ` +
      `${fmtInt(result.requests)} requests (${fmtInt(result.rps)} req/s, ${fmtInt(result.non2xx)} not 2xx), ${fmtInt(lines)} W3C lines written.`,
    '',
    '| RSS (VmRSS) | MiB |',
    '| --- | ---: |',
    `| at start, before any request | ${MiB(startRss)} |`,
    `| after the ${options.warmup} s warm-up (t = ${afterWarmup.t.toFixed(0)} s) | ${MiB(afterWarmup.rss)} |`,
    `| at the end of the ${options.duration} s load (t = ${end.t.toFixed(0)} s) | ${MiB(end.rss)} |`,
    `| peak while loaded | ${MiB(peak)} |`,
    `| 2 s after the load stopped | ${MiB(idle)} |`,
    '',
    `Trend over the measured period (least squares over ${steady.length} one-second samples): ${((slope * 60) / 1024).toFixed(1)} MiB per minute, around a mean of ${MiB(mr)} MiB (the sawtooth is V8's heap growing and being collected).`,
    '',
    `End / after warm-up: **${ratio.toFixed(3)}** (${((ratio - 1) * 100).toFixed(1)}%; the limit is +${options.tolerance}%): ${pass ? '**flat**, passed' : '**grew**, FAILED'}.`,
    '',
    `Every sample (s: MiB): ${series}.`,
  ].join('\n');
  process.stdout.write(`${markdown}\n`);
  process.stdout.write(`RSS after warm-up ${MiB(afterWarmup.rss)} MiB, at the end ${MiB(end.rss)} MiB, ratio ${ratio.toFixed(3)}: ${pass ? 'PASS' : 'FAIL'}\n`);
  if (ended.code !== 0) process.stderr.write(`memory: usher ended with ${JSON.stringify(ended)}\n`);
  if (!options['no-write']) {
    writeSection(options.out, 'memory', markdown, DOC_SKELETON);
    process.stderr.write(`memory: wrote the result to ${relative(process.cwd(), options.out)}\n`);
  }
  const { rmSync } = await import('node:fs');
  rmSync(site.base, { recursive: true, force: true });
  if (!pass || result.non2xx > 0) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`memory: ${error.stack ?? error}\n`);
  process.exit(1);
});
