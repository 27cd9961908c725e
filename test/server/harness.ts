import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { USHER, runUsher } from '../cli/run-usher.js';

/** A real `usher serve` process, as an administrator starts it. */
export interface RunningUsher {
  readonly process: ChildProcess;
  /** `http://127.0.0.1:PORT` for each `listening` line, in order. */
  readonly urls: string[];
  stderr(): string;
  /** Sends the signal and resolves with the exit code once the process has gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startUsher(args: readonly string[], options: { cwd?: string; listeners?: number; env?: NodeJS.ProcessEnv } = {}): Promise<RunningUsher> {
  const child = spawn(process.execPath, [USHER, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const wanted = options.listeners ?? 1;
  const urls = await new Promise<string[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`usher serve did not listen within 15 s:\n${stderr}`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = [...stdout.matchAll(/^listening (\S+)$/gm)].map((m) => m[1]!);
      if (found.length >= wanted) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`usher serve exited with ${code} before listening:\n${stderr}`));
    });
  });
  return {
    process: child,
    urls,
    stderr: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** A folder with `usher init` done and the given extra configuration text appended or replaced. */
export function initFolder(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'usher-serve-'));
  const init = runUsher(['init', dir]);
  if (init.status !== 0) throw new Error(init.stderr);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeConfig(dir: string, text: string): void {
  writeFileSync(join(dir, 'usher.yaml'), text, { mode: 0o600 });
}

/** Every W3C line (not the # header lines) the site wrote, in order. */
export function logLines(logDir: string): string[] {
  let files: string[];
  try {
    files = readdirSync(logDir).filter((name) => name.endsWith('.log')).sort();
  } catch {
    return [];
  }
  return files.flatMap((name) => readFileSync(join(logDir, name), 'utf8').split('\n')).filter((line) => line !== '' && !line.startsWith('#'));
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Sends bytes exactly as given (no client normalises the target) and reads one response. */
export function rawRequest(url: string, request: string | Buffer): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port) });
    const chunks: Buffer[] = [];
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
  });
}

/** `GET target` over a raw socket with `Connection: close`. */
export function rawGet(url: string, target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  const host = new URL(url).host;
  const lines = [`${method} ${target} HTTP/1.1`, `Host: ${headers.Host ?? host}`, 'Connection: close',
    ...Object.entries(headers).filter(([name]) => name !== 'Host').map(([name, value]) => `${name}: ${value}`)];
  return rawRequest(url, `${lines.join('\r\n')}\r\n\r\n`);
}

export const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
