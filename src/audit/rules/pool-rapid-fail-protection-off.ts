import { defineRule } from '../rule.js';

/** STIG V-218778: crashes are counted over 5 minutes or less (the catalogue's rapidFailIntervalMinutes). */
const MAX_INTERVAL_MS = 5 * 60_000;

function duration(ms: number): string {
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

export default defineRule({
  meta: {
    id: 'pool-rapid-fail-protection-off',
    severity: 'low',
    title: 'Crash-looping workers are not contained',
    sources: ['STIG V-218777', 'STIG V-218778'],
    fix: 'In usher.yaml, set the pool\'s rapidFailProtection: { enabled: true, interval: 5m } (usher pool set has no option for it)',
    docs:
      'Fires for an application pool with `rapidFailProtection.enabled: false`, or whose crash-counting `interval` is longer ' +
      'than 5 minutes (STIG V-218778\'s limit; Usher\'s default is 5m). Rapid-fail protection stops a pool whose workers keep ' +
      'crashing, so that a request that kills the worker cannot be replayed into an endless restart loop that eats the ' +
      'machine and hides the failure. The limit is fixed at 5 minutes: Usher has no `audit.thresholds` setting; accept ' +
      'another value for one pool with an audit exception.',
  },
  check(snapshot, report) {
    for (const pool of snapshot.pools) {
      const { enabled, intervalMs, maxCrashes } = pool.resolved.rapidFailProtection;
      if (enabled && intervalMs <= MAX_INTERVAL_MS) continue;
      report({
        scope: pool.scope,
        message: enabled
          ? `pool ${pool.name} counts worker crashes over ${duration(intervalMs)} (rapidFailProtection.interval), more than the 5m STIG V-218778 allows`
          : `pool ${pool.name} has rapid-fail protection off: workers that crash on every request are restarted without end, ` +
            `instead of the pool stopping after ${maxCrashes} crashes`,
        fix: `in usher.yaml, set applicationPools[${pool.name}].rapidFailProtection to { enabled: true, interval: 5m }, then usher config check`,
      });
    }
  },
});
