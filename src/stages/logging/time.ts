/**
 * UTC timestamps as W3C logs write them, and the rollover period a moment falls in. Log lines are
 * stamped many times per second, so the formatted second is cached: one Date per second, not per line.
 */

export type RolloverPeriod = 'hourly' | 'daily' | 'weekly' | 'monthly';

/** What the writers read the time from; tests inject a fake one. */
export interface LogClock {
  /** Wall-clock milliseconds since the epoch, for date, time and file names. */
  now(): number;
  /** `performance.now()`'s time line, which `RequestContext.startedAt` uses, for time-taken. */
  monotonic(): number;
}

export const SYSTEM_CLOCK: LogClock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
};

let cachedSecond = Number.NaN;
let cachedDate = '';
let cachedTime = '';

function cache(epochMs: number): void {
  const second = Math.floor(epochMs / 1000);
  if (second === cachedSecond) return;
  const iso = new Date(second * 1000).toISOString(); // yyyy-MM-ddTHH:mm:ss.sssZ, always UTC
  cachedSecond = second;
  cachedDate = iso.slice(0, 10);
  cachedTime = iso.slice(11, 19);
}

/** `yyyy-MM-dd`, UTC. */
export function w3cDate(epochMs: number): string {
  cache(epochMs);
  return cachedDate;
}

/** `HH:mm:ss`, UTC. */
export function w3cTime(epochMs: number): string {
  cache(epochMs);
  return cachedTime;
}

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * The date part of a log file name for the period `epochMs` falls in (UTC, as IIS rolls over
 * unless `localTimeRollover` is set): `YYMMDD` daily, `YYMMDDHH` hourly, `YYMMWW` weekly, `YYMM`
 * monthly. Microsoft documents `ww` only as "week"; Usher numbers the weeks of the month from 1,
 * each starting on Sunday (so the 1st is always in week 01), and a week that spans two months is
 * split between their files, since the month is part of the name.
 */
export function periodStamp(period: RolloverPeriod, epochMs: number): string {
  const d = new Date(epochMs);
  const yymm = two(d.getUTCFullYear() % 100) + two(d.getUTCMonth() + 1);
  switch (period) {
    case 'monthly':
      return yymm;
    case 'weekly': {
      const firstWeekday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).getUTCDay();
      return yymm + two(Math.floor((d.getUTCDate() - 1 + firstWeekday) / 7) + 1);
    }
    case 'daily':
      return yymm + two(d.getUTCDate());
    case 'hourly':
      return yymm + two(d.getUTCDate()) + two(d.getUTCHours());
  }
}
