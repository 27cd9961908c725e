import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A scratch folder per test, removed afterwards; imports write usher.yaml into it. */
export function useScratch(): { make(from?: string): string } {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return {
    make(from) {
      const dir = mkdtempSync(join(tmpdir(), 'usher-import-'));
      made.push(dir);
      if (from) cpSync(from, dir, { recursive: true });
      return dir;
    },
  };
}

/** The one line of usher.yaml that changes on every run. */
export function maskMachineSid(text: string): string {
  return text.replace(/machineSid: S-1-5-21-\d+-\d+-\d+/, 'machineSid: S-1-5-21-MACHINE');
}

export interface ImportReport {
  readonly output: string;
  readonly sites: string[];
  readonly pools: string[];
  readonly warnings: { file: string; line: number; message: string }[];
}
