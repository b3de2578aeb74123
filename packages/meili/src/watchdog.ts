/**
 * Source of the watchdog process that outlives a SIGKILLed parent. It runs as
 * `node -e <this>`, detached in its own session, and polls the parent every 500 ms. When the
 * parent is gone it stops Meilisearch (SIGTERM, then SIGKILL after 3 s) and removes the data
 * directory. Plain CommonJS without dependencies so it runs under any Node.
 *
 * Inputs come from the environment: SK_WATCH_PARENT, SK_WATCH_CHILD, SK_WATCH_MARKER (a
 * string in the child's command line, so a recycled pid is never killed) and SK_WATCH_DIR.
 */
export const WATCHDOG_SOURCE = String.raw`
'use strict';
const fs = require('fs');
const parent = Number(process.env.SK_WATCH_PARENT);
const child = Number(process.env.SK_WATCH_CHILD);
const marker = process.env.SK_WATCH_MARKER || '';
const dir = process.env.SK_WATCH_DIR || '';
const hasProc = fs.existsSync('/proc/self/stat');
function alive(pid) {
  if (hasProc) {
    try {
      const stat = fs.readFileSync('/proc/' + pid + '/stat', 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      return state !== 'Z' && state !== 'X';
    } catch { return false; }
  }
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
}
function ours() {
  if (!alive(child)) return false;
  if (!hasProc) return true;
  try { return fs.readFileSync('/proc/' + child + '/cmdline', 'utf8').includes(marker); } catch { return false; }
}
function cleanUp() {
  if (ours()) { try { process.kill(child, 'SIGTERM'); } catch {} }
  const deadline = Date.now() + 3000;
  const finish = () => {
    if (ours() && Date.now() < deadline) { setTimeout(finish, 50); return; }
    if (ours()) { try { process.kill(child, 'SIGKILL'); } catch {} }
    if (dir) { try { fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }); } catch {} }
    process.exit(0);
  };
  finish();
}
const timer = setInterval(() => {
  if (process.ppid === parent && alive(parent)) return;
  clearInterval(timer);
  cleanUp();
}, 500);
`;
