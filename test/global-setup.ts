import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Integration tests run the built binary, so the build must match the sources. tsc is incremental;
// this only spares its start-up when nothing changed.
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  // tsc leaves its own .tsbuildinfo untouched when the output would not change, so keep our own stamp.
  const stamp = 'dist/.build-stamp';
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (built >= Math.max(newestSource('src'), statSync('package.json').mtimeMs)) return;
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
