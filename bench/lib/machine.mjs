import { execFileSync } from 'node:child_process';
import { cpus, totalmem, freemem, loadavg, release, platform, availableParallelism } from 'node:os';

export function machineInfo({ meiliVersion } = {}) {
  const cpu = cpus();
  let git = null;
  try {
    git = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // not a git checkout
  }
  return {
    date: new Date().toISOString(),
    cpuModel: cpu[0]?.model?.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 1024 ** 3) * 10) / 10,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    os: `${platform()} ${release()}`,
    node: process.version,
    meilisearch: meiliVersion ?? null,
    gitCommit: git,
  };
}

export function machineLine(m) {
  return `${m.date.slice(0, 16).replace('T', ' ')} UTC · ${m.cpuModel} · ${m.cores} cores · ${m.memoryGiB} GiB · ${m.os} · Node ${m.node} · Meilisearch ${m.meilisearch ?? '?'} · load ${m.loadAverage.join(' ')} at start${m.gitCommit ? ` · commit ${m.gitCommit}` : ''}`;
}
