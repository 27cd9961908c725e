#!/usr/bin/env node
// Two or more builds of Usher compared on this noisy machine: all serve the same folder, pinned
// to core 0 (an idle server costs nothing), and wrk on core 1 loads them one at a time in rotating
// order, for short runs, many rounds. The host's speed drifts by ±25% from minute to minute, but
// barely within one round, so the median of the per-round ratios is what a change is worth. A
// peer server (the ceiling, sirv, …) can take part too, for a ratio that noise cannot fake.
// See bench/README.md.
import { join, resolve } from 'node:path';
import { BENCH_DIR, LOAD_CPU, SERVER_CPU, parseArgs, prepareSite, runWrk, spawnPinned, stop, usage, waitForListening } from './lib.mjs';

const SPEC = {
  builds: { type: 'string', default: undefined, help: 'NAME=PATH/dist/cli/main.js,NAME=… (two or more; ratios are to the first); a bare ceiling, sirv, fastify or express runs that server of bench/servers/' },
  rounds: { type: 'number', default: 20, help: 'rounds; each loads every build once' },
  seconds: { type: 'number', default: 2, help: 'seconds of wrk per build and round' },
  size: { type: 'string', default: '1k', help: 'the file: 1k, 64k or 1m' },
  connections: { type: 'number', default: 64, help: 'wrk connections' },
};

const options = parseArgs(process.argv.slice(2), SPEC);
const PEERS = new Set(['ceiling', 'sirv', 'fastify', 'express']);
const builds = (options.builds ?? '').split(',').filter(Boolean).map((spec) => {
  if (PEERS.has(spec)) return { name: spec, peer: join(BENCH_DIR, 'servers', `${spec}.mjs`) };
  const at = spec.indexOf('=');
  // Servers run in the site's folder: a relative path means one from here.
  return at > 0 ? { name: spec.slice(0, at), cli: resolve(spec.slice(at + 1)) } : { name: spec, cli: resolve(spec) };
});
if (options.help || builds.length < 2) {
  process.stdout.write(`node bench/ab.mjs --builds old=/tmp/old/dist/cli/main.js,new=dist/cli/main.js [options]\n${usage(SPEC)}\n`);
  process.exit(options.help ? 0 : 2);
}

const site = prepareSite();
const file = site.files[options.size];
if (!file) throw new Error(`--size must be one of ${Object.keys(site.files).join(', ')}`);
const servers = [];
for (const build of builds) {
  const args = build.peer ? [build.peer, site.root] : [build.cli, 'serve', '-c', site.config];
  const child = spawnPinned(SERVER_CPU, process.execPath, args, { cwd: site.site });
  servers.push({ ...build, child, url: `http://127.0.0.1:${await waitForListening(child)}${file.path}` });
}
process.stdout.write(`ab: ${servers.map((s) => s.name).join(', ')} on core ${SERVER_CPU}, wrk on core ${LOAD_CPU}, ${file.path}, ${options.rounds} × ${options.seconds} s each\n`);
const load = (server, seconds) => runWrk({ url: server.url, seconds, connections: options.connections });
for (const server of servers) await load(server, 3);

const ratios = servers.slice(1).map(() => []);
for (let round = 0; round < options.rounds; round++) {
  const rps = [];
  for (let k = 0; k < servers.length; k++) {
    const i = (k + round) % servers.length;
    rps[i] = (await load(servers[i], options.seconds)).rps;
  }
  rps.slice(1).forEach((value, i) => ratios[i].push(value / rps[0]));
  process.stdout.write(`round ${round + 1}: ${rps.map((value, i) => `${servers[i].name} ${Math.round(value)}`).join('  ')}\n`);
}
const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.round((values.length - 1) * q)];
for (const [i, values] of ratios.entries()) {
  process.stdout.write(`${servers[i + 1].name} / ${servers[0].name}: median ${quantile(values, 0.5).toFixed(3)} (interquartile ${quantile(values, 0.25).toFixed(3)}–${quantile(values, 0.75).toFixed(3)}) over ${values.length} rounds\n`);
}
for (const server of servers) await stop(server.child);
