// What /proc says about the machine while a benchmark runs: each core's busy time, a process
// tree's CPU time and resident memory, and the load average. Linux only, as the benchmarks are.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Busy and total jiffies of each CPU, from /proc/stat. */
export function cpuTimes() {
  const result = {};
  for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
    const match = /^cpu(\d+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = match[2].trim().split(/\s+/).map(Number);
    const total = user + nice + system + idle + iowait + irq + softirq + steal;
    result[match[1]] = { busy: total - idle - iowait, total };
  }
  return result;
}

/** Percent of `cpu` busy between two cpuTimes() samples. */
export function cpuBusy(before, after, cpu) {
  const a = before[cpu];
  const b = after[cpu];
  if (!a || !b || b.total === a.total) return Number.NaN;
  return (100 * (b.busy - a.busy)) / (b.total - a.total);
}

/** The process and its descendants (nginx's worker under its master). */
function processTree(pid) {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      for (const task of readdirSync(`/proc/${pids[i]}/task`)) {
        const kids = readFileSync(`/proc/${pids[i]}/task/${task}/children`, 'utf8').trim();
        if (kids) pids.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // the process went away
    }
  }
  return pids;
}

/** CPU seconds (user + system) used so far by a process and its descendants. */
export function processCpuSeconds(pid) {
  let ticks = 0;
  for (const one of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${one}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of proc(5))
    } catch {
      // gone
    }
  }
  return ticks / CLK_TCK;
}

/** Resident memory (VmRSS) in KiB of a process and its descendants. */
export function rssKiB(pid) {
  let total = 0;
  for (const one of processTree(pid)) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${one}/status`, 'utf8'));
      if (match) total += Number(match[1]);
    } catch {
      // gone
    }
  }
  return total;
}

export function loadAverage() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
