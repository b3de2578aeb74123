// CPU time of the processes in a run, from /proc/<pid>/stat (utime + stime): what each side
// costs per request, a figure that holds on a busy machine where req/s and latencies drift.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond;
function clockTicks() {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU ms the process `pid` used so far, or null when /proc cannot tell (not Linux, exited). */
export function processCpuMs(pid) {
  try {
    // The command name (field 2) may hold spaces: split after its closing parenthesis.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
  } catch {
    return null;
  }
}

const selfCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * A meter over named processes (`{ api: pid, meili: pid }`) plus this process (`client`, the
 * load generator): `const stop = meter.start(); …; stop(requests)` adds one slice;
 * `meter.perRequest()` gives CPU ms per request of each.
 */
export function cpuMeter(pids) {
  const names = Object.keys(pids).filter((k) => pids[k] != null && processCpuMs(pids[k]) !== null);
  const totals = Object.fromEntries([...names, 'client'].map((k) => [k, 0]));
  let requests = 0;
  const read = () => ({ ...Object.fromEntries(names.map((k) => [k, processCpuMs(pids[k])])), client: selfCpuMs() });
  return {
    start() {
      const before = read();
      return (count) => {
        const after = read();
        for (const k of Object.keys(totals)) totals[k] += after[k] - before[k];
        requests += count;
      };
    },
    perRequest() {
      if (requests === 0) return null;
      return Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, Math.round((v / requests) * 1000) / 1000]));
    },
  };
}
