import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compiledConfigModule } from './fixtures/compiled-config.js';
import { SAMPLE_CONFIG, makeTempDir } from './fixtures/sample-config.js';
import { createConfig, historyDir, parseConfig } from './index.js';

const WRITER = fileURLToPath(new URL('./fixtures/writer.mjs', import.meta.url));
const COUNTER_LINE = '    recycling: { time: 29h, requests: 0, memory: 0 }';

let moduleUrl: string;
let removeBuild: () => void;
beforeAll(() => ({ url: moduleUrl, cleanup: removeBuild } = compiledConfigModule()), 60_000);
afterAll(() => removeBuild());

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeTempDir()));
afterEach(() => cleanup());

function writer(file: string, ...args: string[]): ChildProcess {
  return spawn(process.execPath, [WRITER, moduleUrl, file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function exited(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

const counterOf = (text: string): number => Number(/requests: (\d+),/.exec(text)?.[1]);

describe('the store across processes', () => {
  it('concurrent writers (three processes, 20 edits each) never lose an edit', async () => {
    const file = join(dir, 'usher.yaml');
    await createConfig(file, SAMPLE_CONFIG);
    const results = await Promise.all([0, 1, 2].map(() => exited(writer(file, 'increment', '20'))));
    for (const result of results) expect(result).toEqual({ code: 0, stderr: '' });
    const text = readFileSync(file, 'utf8');
    expect(counterOf(text)).toBe(60);
    expect(text).toBe(SAMPLE_CONFIG.replace(COUNTER_LINE, COUNTER_LINE.replace('requests: 0', 'requests: 60')));
    expect(readdirSync(dir).filter((name) => name.endsWith('.lock') || name.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  it('a writer killed with SIGKILL while saving leaves the old file or the new one, never a torn one', async () => {
    // A big file makes each save long enough for kills to land inside it.
    const sites = Array.from({ length: 300 }, (_, i) => [
      `  - name: site ${i}   # generated`,
      `    id: ${i + 2}`,
      `    bindings: ["http/*:${10_000 + i}:", "http/127.0.0.1:${10_000 + i}:www${i}.example.test"]`,
      '    physicalPath: ./wwwroot',
    ].join('\n')).join('\n');
    const initial = SAMPLE_CONFIG.replace('sites:\n', `sites:\n${sites}\n`);
    const versionOf = (n: number): string => initial.replace(COUNTER_LINE, COUNTER_LINE.replace('requests: 0', `requests: ${n}`));
    const file = join(dir, 'usher.yaml');
    await createConfig(file, initial);

    let saves = 0;
    let killedHoldingLock = 0;
    for (let round = 0; round < 15; round += 1) {
      const child = writer(file, 'loop');
      const done = exited(child);
      // Wait for the first save, so the writer is inside its loop, then kill it at a random moment.
      await new Promise<void>((resolve, reject) => {
        child.stdout!.once('data', () => resolve());
        void done.then(({ stderr }) => reject(new Error(`writer exited early: ${stderr}`)));
      });
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 250));
      child.kill('SIGKILL');
      expect((await done).code).toBeNull();
      // The next writer must break this lock itself: its owner's pid is dead.
      if (readdirSync(dir).includes('usher.yaml.lock')) killedHoldingLock += 1;

      const text = readFileSync(file, 'utf8');
      const counter = counterOf(text);
      expect(counter).toBeGreaterThan(saves);
      expect(text).toBe(versionOf(counter));
      expect(() => parseConfig(text, file)).not.toThrow();
      saves = counter;
    }
    // Evidence that kills landed inside saves, not only between them.
    expect(killedHoldingLock).toBeGreaterThan(0);
    for (const name of readdirSync(historyDir(file)).filter((entry) => !entry.endsWith('.json') && !entry.endsWith('.tmp'))) {
      const text = readFileSync(join(historyDir(file), name), 'utf8');
      expect(text).toBe(versionOf(counterOf(text)));
    }
  }, 180_000);
});
