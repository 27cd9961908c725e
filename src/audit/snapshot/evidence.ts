import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceModel, SiteEvidence, W3cRecord } from './evidence-model.js';
import type { SiteModel } from './model.js';
import { parseW3cLog } from './w3c-parse.js';

const DAY_MS = 86_400_000;

/** `u_exYYMMDD.log` and the other period names, and `u_extendN.log` for size rollover (stages/logging). */
const LOG_NAME = /^u_ex(?:tend)?\d+\.log$/;

function logFiles(directory: string, since: number): string[] {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  return names
    .filter((name) => LOG_NAME.test(name))
    .map((name) => join(directory, name))
    .flatMap((file) => {
      // A file last written before the window began holds nothing inside it.
      try {
        const stats = statSync(file);
        return stats.isFile() && stats.mtimeMs >= since ? [{ file, mtime: stats.mtimeMs }] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => a.mtime - b.mtime || a.file.localeCompare(b.file))
    .map((entry) => entry.file);
}

function siteEvidence(site: SiteModel, since: number, takenAt: number, windowDays: number): SiteEvidence {
  const files = logFiles(site.logging.directory, since);
  const records: W3cRecord[] = [];
  let from = Number.POSITIVE_INFINITY;
  for (const file of files) {
    let content: string;
    try {
      content = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const parsed = parseW3cLog(content, since);
    for (const record of parsed.records) {
      records.push(record);
      from = Math.min(from, record.time);
    }
    for (const start of parsed.starts) from = Math.min(from, start);
  }
  records.sort((a, b) => a.time - b.time);
  const first = Number.isFinite(from) ? Math.min(from, takenAt) : undefined;
  return {
    site: site.name,
    directory: site.logging.directory,
    files,
    records,
    from: first,
    to: records.length > 0 ? records[records.length - 1]!.time : undefined,
    coveredDays: first === undefined ? 0 : Math.min(windowDays, (takenAt - first) / DAY_MS),
  };
}

/** The W3C logs of the last `windowDays` days, per site with logging enabled; `windowDays` 0 reads nothing. */
export function readEvidence(sites: readonly SiteModel[], windowDays: number, takenAt: number): EvidenceModel {
  if (windowDays <= 0) return { windowDays: 0, sites: [] };
  const since = takenAt - windowDays * DAY_MS;
  return { windowDays, sites: sites.filter((site) => site.logging.enabled).map((site) => siteEvidence(site, since, takenAt, windowDays)) };
}
