// `--pin`: Meilisearch on one core, everything in front of it (the API, the bare proxy, this
// load client and what it starts later) on the other. Both sides of every ratio then ask the
// same one-core Meilisearch, and the API's own work no longer takes CPU from it: the figure
// of a deployment where the API has its own core (or machine).
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Why `--pin` cannot run here, or null. */
export function pinProblem() {
  if (availableParallelism() < 2) return `--pin needs 2 cores (this machine has ${availableParallelism()})`;
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
  } catch {
    return '--pin needs taskset (util-linux)';
  }
  return null;
}

/** Binds every thread of `pid` to `cpu` (taskset -a). */
function bind(pid, cpu) {
  execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
}

/** Meilisearch to CPU 0, the front processes and this process to CPU 1. */
export function pinProcesses({ meili, front }) {
  bind(meili, 0);
  for (const pid of [...front, process.pid]) if (pid) bind(pid, 1);
}
