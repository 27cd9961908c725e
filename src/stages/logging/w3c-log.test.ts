import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_W3C_FIELDS } from '../../config/index.js';
import { fakeContext, manualClock, tempDir } from './fixtures/request.js';
import { createW3cLog, LOG_FILE_MODE, type W3cLogOptions } from './index.js';

const FINAL = { status: 200, substatus: 0, win32: 0, bytesSent: 10 };
const HEADER_FIELDS = `#Fields: ${DEFAULT_W3C_FIELDS.join(' ')}`;

let dir: ReturnType<typeof tempDir>;
let reports: string[];
beforeEach(() => {
  dir = tempDir();
  reports = [];
});
afterEach(() => dir.remove());

function writer(clock: ReturnType<typeof manualClock>, options: Partial<W3cLogOptions> = {}) {
  return createW3cLog({
    directory: join(dir.path, 'W3SVC1'), fields: DEFAULT_W3C_FIELDS, rollover: 'daily', truncateSize: 20_971_520,
    software: 'Usher 9.9.9', clock, report: (message) => reports.push(message), intervalMs: 60_000, ...options,
  });
}

const read = (name: string): string => readFileSync(join(dir.path, 'W3SVC1', name), 'utf8');
const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
const headers = (text: string): string[] => text.split('\n').filter((line) => line.startsWith('#Fields:'));

describe('W3C log writer', () => {
  it('opens a file named for the UTC day with the header block, then the lines', async () => {
    const clock = manualClock('2024-05-01T10:00:00.000Z');
    const log = writer(clock);
    log.record(fakeContext({ target: '/a' }), FINAL);
    clock.advance(1500);
    log.record(fakeContext({ target: '/b?x=1' }), { status: 404, substatus: 0, win32: 2, bytesSent: 0 });
    await log.close();
    expect(readFileSync(join(dir.path, 'W3SVC1', 'u_ex240501.log'), 'utf8').split('\n')).toEqual([
      '#Software: Usher 9.9.9', '#Version: 1.0', '#Date: 2024-05-01 10:00:00', HEADER_FIELDS,
      expect.stringMatching(/^2024-05-01 10:00:00 127\.0\.0\.1 GET \/a - 80 - 127\.0\.0\.1 - - 200 0 0 \d+$/),
      expect.stringMatching(/^2024-05-01 10:00:01 127\.0\.0\.1 GET \/b x=1 80 - 127\.0\.0\.1 - - 404 0 2 \d+$/),
      '',
    ]);
    expect(reports).toEqual([]);
  });

  it('creates files readable by owner and group only', async () => {
    const clock = manualClock('2024-05-01T10:00:00Z');
    const log = writer(clock);
    log.record(fakeContext(), FINAL);
    await log.close();
    const mode = statSync(join(dir.path, 'W3SVC1', 'u_ex240501.log')).mode & 0o777;
    expect(mode & ~LOG_FILE_MODE).toBe(0); // the umask may narrow it further, never widen it
    expect(mode & 0o007).toBe(0);
  });

  it('buffers: nothing reaches the disk before the interval or a flush', async () => {
    const clock = manualClock('2024-05-01T10:00:00Z');
    const log = writer(clock);
    for (let i = 0; i < 200; i++) log.record(fakeContext({ target: `/${i}` }), FINAL);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(join(dir.path, 'W3SVC1'))).toBe(false);
    await log.flush();
    expect(lines(read('u_ex240501.log'))).toHaveLength(200);
    await log.close();
  });

  it('writes on its own when the interval passes', async () => {
    const clock = manualClock('2024-05-01T10:00:00Z');
    const log = writer(clock, { intervalMs: 30 });
    log.record(fakeContext(), FINAL);
    await vi.waitFor(() => expect(lines(read('u_ex240501.log'))).toHaveLength(1), { timeout: 10_000, interval: 20 });
    await log.close();
  });

  it('writes at once when a batch fills, without waiting for the interval', async () => {
    const clock = manualClock('2024-05-01T10:00:00Z');
    const log = writer(clock, { batchChars: 1000 });
    for (let i = 0; i < 30; i++) log.record(fakeContext({ target: `/${'x'.repeat(40)}` }), FINAL);
    await vi.waitFor(() => expect(lines(read('u_ex240501.log')).length).toBeGreaterThanOrEqual(10), { timeout: 10_000, interval: 20 });
    await log.close();
    expect(lines(read('u_ex240501.log'))).toHaveLength(30);
  });

  it('writes a new header block when it reopens a file after a restart', async () => {
    const clock = manualClock('2024-05-01T10:00:00Z');
    const first = writer(clock);
    first.record(fakeContext({ target: '/before' }), FINAL);
    await first.close();
    clock.advance(60_000);
    const second = writer(clock);
    second.record(fakeContext({ target: '/after' }), FINAL);
    await second.flush();
    second.record(fakeContext({ target: '/after-again' }), FINAL);
    await second.close();
    const text = read('u_ex240501.log');
    expect(headers(text)).toHaveLength(2);
    expect(text).toContain('#Date: 2024-05-01 10:01:00');
    expect(lines(text).map((line) => line.split(' ')[4])).toEqual(['/before', '/after', '/after-again']);
  });

  it('puts each line in the file of its own UTC day, even when written after midnight', async () => {
    const clock = manualClock('2024-12-31T23:59:59.400Z');
    const log = writer(clock);
    log.record(fakeContext({ target: '/old-year' }), FINAL);
    clock.set('2025-01-01T00:00:00.300Z');
    log.record(fakeContext({ target: '/new-year' }), FINAL);
    await log.close();
    expect(readdirSync(join(dir.path, 'W3SVC1')).sort()).toEqual(['u_ex241231.log', 'u_ex250101.log']);
    expect(lines(read('u_ex241231.log'))).toEqual([expect.stringMatching(/^2024-12-31 23:59:59 .* \/old-year /)]);
    const next = read('u_ex250101.log');
    expect(next).toContain('#Date: 2025-01-01 00:00:00');
    expect(lines(next)).toEqual([expect.stringMatching(/^2025-01-01 00:00:00 .* \/new-year /)]);
  });

  it.each([
    ['hourly', ['u_ex24050109.log', 'u_ex24050110.log']],
    ['monthly', ['u_ex2405.log']],
    ['weekly', ['u_ex240501.log']],
  ] as const)('names %s files as IIS does', async (rollover, expected) => {
    const clock = manualClock('2024-05-01T09:59:59Z');
    const log = writer(clock, { rollover });
    log.record(fakeContext(), FINAL);
    clock.advance(2000);
    log.record(fakeContext(), FINAL);
    await log.close();
    expect(readdirSync(join(dir.path, 'W3SVC1')).sort()).toEqual(expected);
  });

  it('rolls over by size into u_extend<N>.log, each file under truncateSize, and goes on after a restart', async () => {
    const clock = manualClock('2024-05-01T10:00:00Z');
    const truncateSize = 1024;
    const log = writer(clock, { rollover: 'size', truncateSize });
    for (let i = 0; i < 40; i++) log.record(fakeContext({ target: `/page-${i}` }), FINAL);
    await log.close();
    const names = readdirSync(join(dir.path, 'W3SVC1')).sort((a, b) => a.length - b.length || a.localeCompare(b));
    expect(names.length).toBeGreaterThan(2);
    expect(names).toEqual(names.map((_name, i) => `u_extend${i + 1}.log`));
    for (const name of names) {
      expect(statSync(join(dir.path, 'W3SVC1', name)).size).toBeLessThanOrEqual(truncateSize);
      expect(read(name).startsWith('#Software: Usher 9.9.9\n')).toBe(true);
    }
    const all = names.flatMap((name) => lines(read(name)).map((line) => line.split(' ')[4]));
    expect(all).toEqual(Array.from({ length: 40 }, (_v, i) => `/page-${i}`));

    const last = names[names.length - 1]!;
    const sizeBefore = statSync(join(dir.path, 'W3SVC1', last)).size;
    const again = writer(clock, { rollover: 'size', truncateSize });
    again.record(fakeContext({ target: '/after-restart' }), FINAL);
    await again.close();
    const after = readdirSync(join(dir.path, 'W3SVC1'));
    if (after.length === names.length) {
      expect(statSync(join(dir.path, 'W3SVC1', last)).size).toBeGreaterThan(sizeBefore);
      expect(headers(read(last))).toHaveLength(2);
    } else {
      expect(after).toContain(`u_extend${names.length + 1}.log`);
    }
  });

  it('survives its folder being deleted while running: the folder and a fresh header come back', async () => {
    const clock = manualClock('2024-05-01T10:00:00Z');
    const log = writer(clock);
    log.record(fakeContext({ target: '/one' }), FINAL);
    await log.flush();
    rmSync(join(dir.path, 'W3SVC1'), { recursive: true });
    log.record(fakeContext({ target: '/two' }), FINAL);
    await log.close();
    const text = read('u_ex240501.log');
    expect(headers(text)).toHaveLength(1);
    expect(lines(text).map((line) => line.split(' ')[4])).toEqual(['/two']);
    expect(reports).toEqual([]);
  });

  it('keeps lines through write failures, reports once, and writes them when it can again', async () => {
    const clock = manualClock('2024-05-01T10:00:00Z');
    const blocked = join(dir.path, 'W3SVC1');
    writeFileSync(blocked, 'a file where the log folder should be');
    const log = writer(clock);
    log.record(fakeContext({ target: '/one' }), FINAL);
    await log.flush();
    log.record(fakeContext({ target: '/two' }), FINAL);
    await log.flush();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/cannot write the W3C log in .*W3SVC1: (ENOTDIR|EEXIST)/);
    rmSync(blocked);
    log.record(fakeContext({ target: '/three' }), FINAL);
    await log.close();
    expect(lines(read('u_ex240501.log')).map((line) => line.split(' ')[4])).toEqual(['/one', '/two', '/three']);
    expect(reports).toHaveLength(2);
    expect(reports[1]).toMatch(/being written again/);
  });

  it('drops lines past its cap while failing, counts them, and says so in the file', async () => {
    const clock = manualClock('2024-05-01T10:00:00Z');
    const blocked = join(dir.path, 'W3SVC1');
    writeFileSync(blocked, '');
    const log = writer(clock, { maxPendingChars: 1000 });
    for (let i = 0; i < 40; i++) log.record(fakeContext({ target: `/${i}` }), FINAL);
    await log.flush();
    expect(reports.some((message) => /being dropped/.test(message))).toBe(true);
    rmSync(blocked);
    await log.close();
    const text = read('u_ex240501.log');
    const kept = lines(text).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(40);
    expect(text).toContain(`#Remark: ${40 - kept} lines were dropped while the log could not be written`);
  });

  it('does not throw when a file cannot be opened, and says what is lost on close', async () => {
    const clock = manualClock('2024-05-01T10:00:00Z');
    const log = writer(clock);
    log.record(fakeContext(), FINAL);
    await log.flush();
    // Tomorrow's file name is taken by a folder: opening it fails even for root (CI runs as root).
    mkdirSync(join(dir.path, 'W3SVC1', 'u_ex240502.log'));
    clock.advance(86_400_000);
    log.record(fakeContext(), FINAL);
    await expect(log.close()).resolves.toBeUndefined();
    expect(reports).toEqual([expect.stringMatching(/cannot write the W3C log in .*W3SVC1: EISDIR; 1 lines are lost \(the log is closing\)/)]);
  });
});
