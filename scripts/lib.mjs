// Shared helpers for the root commands (npm start, npm test): they must work on a
// fresh machine with only Node.js 20 and npm, so they bootstrap pnpm and the
// workspace dependencies themselves.
import { spawnSync, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
export const pnpmVersion = pkg.packageManager.replace(/^pnpm@/, '');

let cachedPnpm;
/** The command that runs the pinned pnpm: a global pnpm of the same major, else the pinned one via npx. */
export function pnpmCommand() {
  if (cachedPnpm) return cachedPnpm;
  const major = pnpmVersion.split('.')[0];
  try {
    const v = execFileSync('pnpm', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, COREPACK_ENABLE_STRICT: '0' } }).trim();
    if (v.split('.')[0] === major) return (cachedPnpm = ['pnpm']);
  } catch {
    // not installed: fall through to npx
  }
  return (cachedPnpm = ['npx', '--yes', `pnpm@${pnpmVersion}`]);
}

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

export function pnpm(args, opts = {}) {
  const [cmd, ...pre] = pnpmCommand();
  return run(cmd, [...pre, ...args], opts);
}

function installFingerprint(dir) {
  const lockfile = join(dir, 'pnpm-lock.yaml');
  return existsSync(lockfile) ? createHash('sha256').update(readFileSync(lockfile)).digest('hex') : 'none';
}

/**
 * Whether node_modules matches the lockfile. pnpm keeps a copy of the lockfile it installed
 * from (node_modules/.pnpm/lock.yaml), so any `pnpm install` counts, whoever ran it (CI, an
 * editor, by hand); our own marker covers an install whose copy pnpm wrote differently.
 */
export function isInstalled(dir = root) {
  const lockfile = join(dir, 'pnpm-lock.yaml');
  const pnpmCopy = join(dir, 'node_modules', '.pnpm', 'lock.yaml');
  if (existsSync(lockfile) && existsSync(pnpmCopy) && readFileSync(pnpmCopy).equals(readFileSync(lockfile))) return true;
  const marker = join(dir, 'node_modules', '.sk-installed');
  return existsSync(marker) && readFileSync(marker, 'utf8') === installFingerprint(dir);
}

/** Install workspace dependencies when node_modules is missing or older than the lockfile. */
export function ensureInstalled({ quiet = false } = {}) {
  if (isInstalled()) return;
  if (!quiet) console.log('Installing dependencies (pnpm install)…');
  const code = pnpm(['install', '--frozen-lockfile']);
  if (code !== 0) throw new Error(`pnpm install failed with exit code ${code}`);
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  writeFileSync(join(root, 'node_modules', '.sk-installed'), installFingerprint(root));
}

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Browser tests use Debian's Chromium; install it when we can (root + apt), else explain. */
export function ensureChromium() {
  if (existsSync(chromiumPath)) return chromiumPath;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Chromium from Debian packages (apt-get install -y chromium)…');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}. Install Debian's "chromium" package or set CHROMIUM_PATH.`);
  }
  return chromiumPath;
}

/** Files whose change means the workspace must be built again. */
function buildInputsFingerprint() {
  const out = execFileSync('git', ['ls-files', '-s', '--', 'packages', 'tsconfig.json', 'pnpm-lock.yaml'], { cwd: root, encoding: 'utf8' });
  const dirty = execFileSync('git', ['status', '--porcelain', '--', 'packages'], { cwd: root, encoding: 'utf8' });
  const h = createHash('sha256').update(out);
  // Uncommitted edits count too: hash their content.
  for (const line of dirty.split('\n').filter(Boolean)) {
    const file = line.slice(3);
    const p = join(root, file);
    if (existsSync(p)) {
      try {
        h.update(file).update(readFileSync(p));
      } catch {
        h.update(file);
      }
    }
  }
  return h.digest('hex');
}

/** `pnpm -r build`, skipped when nothing that goes into the build changed since the last one. */
export function ensureBuilt({ force = false } = {}) {
  const marker = join(root, 'node_modules', '.sk-built');
  let want = null;
  try {
    want = buildInputsFingerprint();
  } catch {
    // not a git checkout: always build
  }
  if (!force && want && existsSync(marker) && readFileSync(marker, 'utf8') === want) return 0;
  console.log('Building the workspace (pnpm -r build)…');
  const code = pnpm(['-r', 'build']);
  if (code === 0 && want) writeFileSync(marker, want);
  return code;
}
