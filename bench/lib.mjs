// Shared parts of the benchmark scripts: the files, the servers, wrk, and what /proc says.
// Plain Node ESM on purpose: the benchmark runs the built server (dist/) and needs no build step.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { cpuBusy, cpuTimes, processCpuSeconds } from './proc.mjs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(BENCH_DIR, '..');
export const USHER_CLI = join(REPO, 'dist', 'cli', 'main.js');

/** The server's core and the load generator's core: never the same one. */
export const SERVER_CPU = '0';
export const LOAD_CPU = '1';

export const SIZES = {
  '1k': { name: '1k.bin', bytes: 1024, label: '1 KiB' },
  '64k': { name: '64k.bin', bytes: 64 * 1024, label: '64 KiB' },
  '1m': { name: '1m.bin', bytes: 1024 * 1024, label: '1 MiB' },
};

// ---------------------------------------------------------------------------------------------
// Options

/** `--name value`, `--name=value` and bare `--flag`; unknown names are an error, not a silent default. */
export function parseArgs(argv, spec) {
  const out = {};
  for (const [name, def] of Object.entries(spec)) out[name] = def.default;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      out.help = true;
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const def = match && spec[match[1]];
    if (!def) throw new Error(`unknown option ${arg}`);
    if (def.type === 'flag') {
      out[match[1]] = true;
      continue;
    }
    const raw = match[2] ?? argv[++i];
    if (raw === undefined) throw new Error(`${arg} needs a value`);
    out[match[1]] = def.type === 'number' ? Number(raw) : raw;
    if (def.type === 'number' && !(Number(raw) >= 0)) throw new Error(`${arg} wants a number, not '${raw}'`);
  }
  return out;
}

export function usage(spec) {
  return Object.entries(spec).map(([name, def]) => `  --${name}${def.type === 'flag' ? '' : ` <${def.type}>`}  ${def.help}${def.default !== undefined && def.type !== 'flag' ? ` (default ${def.default})` : ''}`).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Files

/** Fixed pseudo-random bytes (xorshift32, seeded by the size): the same files on every run. */
export function pseudoRandomBytes(length, seed) {
  const bytes = Buffer.alloc(length);
  let x = (seed ^ 0x9e3779b9) >>> 0 || 1;
  for (let i = 0; i < length; i += 4) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    bytes[i] = x & 0xff;
    if (i + 1 < length) bytes[i + 1] = (x >>> 8) & 0xff;
    if (i + 2 < length) bytes[i + 2] = (x >>> 16) & 0xff;
    if (i + 3 < length) bytes[i + 3] = x >>> 24;
  }
  return bytes;
}

export const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/**
 * A temporary folder laid out as `usher init` leaves it (usher.yaml, wwwroot/ with IUSR:(OI)(CI)(RX),
 * anonymous as IUSR, W3C logging and request filtering on their defaults), the bench files in
 * wwwroot/, and the one binding moved to 127.0.0.1 on a free port. Every server serves wwwroot/.
 */
export function prepareSite() {
  if (!existsSync(USHER_CLI)) throw new Error(`${USHER_CLI} is missing: run 'npm run build' first`);
  const base = mkdtempSync(join(tmpdir(), 'usher-bench-'));
  const site = join(base, 'usher');
  execFileSync(process.execPath, [USHER_CLI, 'init', site], { stdio: 'pipe' });
  const config = join(site, 'usher.yaml');
  execFileSync(process.execPath, [USHER_CLI, 'site', 'set', 'Default Web Site', '--binding', 'http/127.0.0.1:0:', '-c', config], { stdio: 'pipe' });
  const root = join(site, 'wwwroot');
  const files = {};
  let seed = 1;
  for (const [key, size] of Object.entries(SIZES)) {
    const bytes = pseudoRandomBytes(size.bytes, seed++);
    writeFileSync(join(root, size.name), bytes);
    files[key] = { ...size, sha256: sha256(bytes), path: `/${size.name}` };
  }
  return { base, site, config, root, logs: join(site, 'logs'), files };
}

/** W3C lines written (directives excluded), over every file in the site's log folder. */
export function countW3cLines(logs) {
  let lines = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.log')) {
        const text = readFileSync(path, 'utf8');
        for (const line of text.split('\n')) if (line !== '' && !line.startsWith('#')) lines++;
      }
    }
  };
  if (existsSync(logs)) walk(logs);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Servers

/** A port nobody holds right now (for nginx, which cannot report the port it was given). */
export function freePort() {
  return new Promise((resolveP, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolveP(port));
    });
  });
}

const children = new Set();
const killAll = () => {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // gone already
    }
  }
};
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** Spawns `command` pinned to `cpu`; taskset execs it, so the child's pid is the server's. */
export function spawnPinned(cpu, command, args, options = {}) {
  const child = spawn('taskset', ['-c', cpu, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.stderrText = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text) => {
    if (child.stderrText.length < 20_000) child.stderrText += text;
  });
  return child;
}

/** Resolves with the port of the first `listening http://127.0.0.1:PORT` line on stdout. */
export function waitForListening(child, timeoutMs = 30_000) {
  return new Promise((resolveP, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no 'listening' line within ${timeoutMs} ms; stderr: ${child.stderrText}`)), timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text) => {
      seen += text;
      const match = /listening http:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolveP(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before listening; stderr: ${child.stderrText}`));
    });
  });
}

/** Resolves once something accepts connections on the port (nginx prints nothing). */
export async function waitForPort(port, child, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before listening; stderr: ${child.stderrText}`);
    try {
      await get(port, '/', 1000);
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`nothing listens on ${port} after ${timeoutMs} ms; stderr: ${child.stderrText}`);
}

/** SIGTERM, then SIGKILL if it has not gone after `graceMs`; resolves with how it ended. */
export function stop(child, graceMs = 20_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolveP) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolveP({ code, signal });
    });
    child.kill('SIGTERM');
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One GET with a fresh connection: status, headers and the whole body. */
export function get(port, path, timeoutMs = 10_000) {
  return new Promise((resolveP, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', agent: false, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolveP({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

/** A 200 with exactly the file's bytes for every size, or an error saying what came back instead. */
export async function verifyFiles(port, files) {
  for (const file of files) {
    const res = await get(port, file.path);
    if (res.status !== 200) throw new Error(`GET ${file.path} answered ${res.status}, not 200`);
    if (res.body.length !== file.bytes || sha256(res.body) !== file.sha256) {
      throw new Error(`GET ${file.path} answered ${res.body.length} bytes that are not the file's ${file.bytes}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// wrk

/** `1.23ms`, `456.00us`, `2.01s` → milliseconds. */
function toMs(text) {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  return { us: value / 1000, ms: value, s: value * 1000, m: value * 60_000 }[match[2]];
}

export function parseWrk(text) {
  const number = (re) => {
    const match = re.exec(text);
    return match ? Number(match[1]) : 0;
  };
  const latency = (pct) => {
    const match = new RegExp(`^\\s+${pct}%\\s+(\\S+)`, 'm').exec(text);
    return match ? toMs(match[1]) : Number.NaN;
  };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  return {
    rps: number(/Requests\/sec:\s+([\d.]+)/),
    requests: number(/(\d+) requests in/),
    non2xx: number(/Non-2xx or 3xx responses: (\d+)/),
    socketErrors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    socketDetail: socket ? socket[0] : '',
    p50: latency(50),
    p99: latency(99),
  };
}

/** The exact wrk command line (pinned to the load core) for the report. */
export function wrkArgs({ connections, seconds, url, script }) {
  return ['-c', LOAD_CPU, 'wrk', '-t1', `-c${connections}`, `-d${seconds}s`, '--latency', ...(script ? ['-s', script] : []), url];
}

/**
 * Runs wrk and resolves with its figures, plus `cpu`: the percent of a core wrk itself used,
 * from /proc samples taken while it ran (a zombie's times are gone once Node reaps it).
 */
export function runWrk(options) {
  return new Promise((resolveP, reject) => {
    const child = spawn('taskset', wrkArgs(options), { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    let err = '';
    let first;
    let last;
    const sample = () => {
      const cpu = processCpuSeconds(child.pid);
      const at = performance.now();
      if (cpu === 0 && first === undefined) return;
      first ??= { cpu, at };
      last = { cpu, at };
    };
    const sampler = setInterval(sample, 200);
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.once('error', reject);
    child.once('exit', (code) => {
      clearInterval(sampler);
      children.delete(child);
      const cpu = first && last && last.at - first.at > 500 ? (100 * (last.cpu - first.cpu) * 1000) / (last.at - first.at) : Number.NaN;
      if (code !== 0) reject(new Error(`wrk exited ${code}: ${err || out}`));
      else resolveP({ ...parseWrk(out), cpu, raw: out });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// /proc: in proc.mjs, re-exported so that every script imports from one place.

export * from './proc.mjs';

/**
 * Waits (up to `maxWaitS`) until both cores have been at most `maxBusy` percent busy for a second
 * while nothing of ours is loading them: another engineer's test suite would skew the figure.
 * Resolves with how long it waited and how busy the cores were at the last look.
 */
export async function waitForQuiet(maxBusy, maxWaitS) {
  const started = Date.now();
  for (;;) {
    const before = cpuTimes();
    await sleep(1000);
    const after = cpuTimes();
    const busy = Math.max(cpuBusy(before, after, SERVER_CPU), cpuBusy(before, after, LOAD_CPU));
    const waited = (Date.now() - started) / 1000;
    if (busy <= maxBusy || waited >= maxWaitS) return { waited, busy };
  }
}

// ---------------------------------------------------------------------------------------------
// The report

/** Replaces the text between `<!-- bench:NAME:start -->` and its end marker, creating the file or the block if needed. */
export function writeSection(file, name, body, skeleton) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : skeleton;
  if (text.includes(start) && text.includes(end)) {
    text = text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length);
  } else {
    text = `${text.trimEnd()}\n\n${block}\n`;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

export const DOC_SKELETON = `# Benchmarks

How Usher compares with other static file servers on one core. \`bench/README.md\` says how to run it.

<!-- bench:results:start -->
<!-- bench:results:end -->

<!-- bench:profile:start -->
<!-- bench:profile:end -->

<!-- bench:memory:start -->
<!-- bench:memory:end -->
`;

export function versions() {
  const pkg = (name) => {
    try {
      return JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      return '?';
    }
  };
  // stdout and stderr together: `nginx -v` answers on stderr, `wrk --version` exits 1.
  const cmd = (command, args) => {
    const run = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return `${run.stdout ?? ''}${run.stderr ?? ''}`.trim() || '?';
  };
  const nginx = /nginx\/([\d.]+)/.exec(cmd('/usr/sbin/nginx', ['-v']))?.[1] ?? '?';
  const wrk = /wrk (\S+)/.exec(cmd('wrk', ['--version']))?.[1] ?? '?';
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '?';
  return {
    node: process.version, nproc: cmd('nproc', []), kernel: cmd('uname', ['-r']), cpu,
    usher: JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version,
    commit: cmd('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD']),
    dirty: spawnSync('git', ['-C', REPO, 'status', '--porcelain', '--untracked-files=no', '--', 'src'], { encoding: 'utf8' }).stdout?.trim() !== '',
    sirv: pkg('sirv'), fastify: pkg('fastify'), fastifyStatic: pkg('@fastify/static'), express: pkg('express'), serveStatic: pkg('serve-static'),
    nginx, wrk,
  };
}

export const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
export const fmtMs = (n) => (Number.isFinite(n) ? (n < 1 ? n.toFixed(2) : n < 10 ? n.toFixed(1) : n.toFixed(0)) : '—');
export const fmtRatio = (n) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '—');
export const median = (values) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
