import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_W3C_FIELDS, type W3cField } from '../../config/index.js';
import { fakeContext, fakeSite, manualClock, tempDir } from './fixtures/request.js';
import { createSiteLogs, type LoggingGeneration, type ServerLogging } from './index.js';

const FINAL = { status: 200, substatus: 0, win32: 0, bytesSent: 10 };
const FILE = 'u_ex240501.log';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const serverLogging = (fields: readonly W3cField[] = DEFAULT_W3C_FIELDS): ServerLogging =>
  ({ directory: dir.path, rollover: 'daily', truncateSize: 20_971_520, fields });

function generation(sites: [number, { enabled: boolean; directory: string }][], logging = serverLogging()): LoggingGeneration {
  return { resolved: { server: { logging } }, sites: sites.map(([id, site]) => fakeSite(id, site)) };
}

const site = (id: number, enabled = true, folder = `W3SVC${id}`) => ({ enabled, directory: join(dir.path, folder) });
const request = (id: number, target: string, logging = site(id)) =>
  fakeContext({ siteId: id, target, logDirectory: logging.directory, logEnabled: logging.enabled });

const read = (folder: string): string => readFileSync(join(dir.path, folder, FILE), 'utf8');
const stems = (text: string): string[] => text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(' ')[4]!);
const headerCount = (text: string): number => text.split('\n').filter((l) => l.startsWith('#Fields:')).length;

function setup() {
  const clock = manualClock('2024-05-01T10:00:00Z');
  return createSiteLogs({ software: 'Usher 9.9.9', clock, intervalMs: 60_000, report: () => undefined });
}

describe('site logs', () => {
  it('writes each site to its own W3SVC folder and skips sites with logging disabled', async () => {
    const logs = setup();
    logs.update(generation([[1, site(1)], [2, site(2)], [3, site(3, false)]]));
    logs.record(request(1, '/one'), FINAL);
    logs.record(request(2, '/two'), FINAL);
    logs.record(request(3, '/three', site(3, false)), FINAL);
    await logs.closeAll();
    expect(stems(read('W3SVC1'))).toEqual(['/one']);
    expect(stems(read('W3SVC2'))).toEqual(['/two']);
    expect(existsSync(join(dir.path, 'W3SVC3'))).toBe(false);
  });

  it('logs before the first update with IIS defaults', async () => {
    const logs = setup();
    logs.record(request(1, '/early'), FINAL);
    await logs.closeAll();
    expect(read('W3SVC1')).toContain(`#Fields: ${DEFAULT_W3C_FIELDS.join(' ')}\n`);
  });

  it('keeps the same writer across a reload that changes nothing for the site', async () => {
    const logs = setup();
    logs.update(generation([[1, site(1)]]));
    logs.record(request(1, '/before'), FINAL);
    logs.update(generation([[1, site(1)], [2, site(2)]]));
    logs.record(request(1, '/after'), FINAL);
    await logs.closeAll();
    const text = read('W3SVC1');
    expect(headerCount(text)).toBe(1);
    expect(stems(text)).toEqual(['/before', '/after']);
  });

  it('closes the old writer and opens a new one when the folder changes; older requests follow the new one', async () => {
    const logs = setup();
    logs.update(generation([[1, site(1)]]));
    logs.record(request(1, '/before'), FINAL);
    const moved = site(1, true, 'moved');
    logs.update(generation([[1, moved]]));
    // The reload closed (and so flushed) the old writer.
    await logs.flush();
    expect(stems(read('W3SVC1'))).toEqual(['/before']);
    logs.record(request(1, '/in-flight', site(1)), FINAL);
    logs.record(request(1, '/after', moved), FINAL);
    await logs.closeAll();
    expect(stems(read('W3SVC1'))).toEqual(['/before']);
    expect(stems(read('moved'))).toEqual(['/in-flight', '/after']);
  });

  it('starts a new header block when the field list changes', async () => {
    const logs = setup();
    logs.update(generation([[1, site(1)]]));
    logs.record(request(1, '/before'), FINAL);
    logs.update(generation([[1, site(1)]], serverLogging(['date', 'time', 'cs-uri-stem', 'sc-status'])));
    logs.record(request(1, '/after'), FINAL);
    await logs.closeAll();
    const text = read('W3SVC1');
    expect(text.split('\n').filter((l) => l.startsWith('#Fields:'))).toEqual([
      `#Fields: ${DEFAULT_W3C_FIELDS.join(' ')}`, '#Fields: date time cs-uri-stem sc-status',
    ]);
    expect(text).toMatch(/\n2024-05-01 10:00:00 \/after 200\n$/);
  });

  it('stops logging a site when a reload disables it', async () => {
    const logs = setup();
    logs.update(generation([[1, site(1)]]));
    logs.record(request(1, '/before'), FINAL);
    logs.update(generation([[1, site(1, false)]]));
    logs.record(request(1, '/in-flight', site(1)), FINAL);
    await logs.closeAll();
    expect(stems(read('W3SVC1'))).toEqual(['/before']);
  });

  it('loses no line on closeAll (the SIGTERM path)', async () => {
    const logs = setup();
    logs.update(generation([[1, site(1)], [2, site(2)]]));
    for (let i = 0; i < 500; i++) logs.record(request(1 + (i % 2), `/${i}`), FINAL);
    await logs.closeAll();
    expect(stems(read('W3SVC1'))).toHaveLength(250);
    expect(stems(read('W3SVC2'))).toHaveLength(250);
  });
});
