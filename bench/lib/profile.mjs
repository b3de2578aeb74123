// Summary of a V8 CPU profile (.cpuprofile from node --cpu-prof): self time by package and
// by function, to say where a process spends its CPU.
import { readFileSync } from 'node:fs';
import { markdownTable } from './stats.mjs';

function packageOf(url, root) {
  if (!url) return null;
  const pnpm = /node_modules\/\.pnpm\/([^/]+)\//.exec(url);
  if (pnpm) return pnpm[1].replace(/_.*$/, '').replace(/\+/g, '/').replace(/@([^@/]+)$/, '');
  if (url.startsWith('node:')) return 'node (core)';
  const rel = url.replace(`file://${root}/`, '');
  const m = /^(packages\/[^/]+)\//.exec(rel);
  return m ? m[1] : rel;
}

export function summarizeProfile(file, root, top = 12) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
  const hits = new Map();
  for (const id of prof.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const total = prof.samples.length;
  const byPackage = new Map();
  const byFunction = new Map();
  let idle = 0;
  for (const [id, count] of hits) {
    const f = nodes.get(id).callFrame;
    if (f.functionName === '(idle)') {
      idle += count;
      continue;
    }
    const pkg = packageOf(f.url, root) ?? (f.functionName || '(native)'); // (garbage collector), (program), native
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + count);
    const where = f.url ? ` ${f.url.replace(`file://${root}/`, '').replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')}:${f.lineNumber + 1}` : '';
    const fn = `${f.functionName || '(anonymous)'}${where}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + count);
  }
  const busy = total - idle;
  const rows = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => ({ name: k, percentOfBusy: Math.round((1000 * v) / busy) / 10 }));
  return { file, busyShare: Math.round((1000 * busy) / total) / 10, byPackage: rows(byPackage), byFunction: rows(byFunction) };
}

export function profileTables(p) {
  return `CPU profile of the search API process over the whole run (${p.busyShare}% of samples busy; shares of busy time):\n\n${markdownTable(['package', 'self time:'], p.byPackage.map((r) => [`\`${r.name}\``, `${r.percentOfBusy}%`]))}\n\n${markdownTable(['function', 'self time:'], p.byFunction.map((r) => [`\`${r.name}\``, `${r.percentOfBusy}%`]))}`;
}
