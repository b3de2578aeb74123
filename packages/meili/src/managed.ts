import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { findMeiliBinary, type MeiliBinary } from './binary.js';
import { WATCHDOG_SOURCE } from './watchdog.js';

export interface StartMeilisearchOptions {
  /** Port on 127.0.0.1. Default: a free port picked by the OS. */
  port?: number;
  /** Data directory. Default: `data.ms` in a fresh temporary directory. A given dbPath is never removed. */
  dbPath?: string;
  /** Master key, at least 16 bytes. Default: 32 random bytes, base64url. */
  masterKey?: string;
  /** Leave the temporary directory (data, dumps, log) in place on stop. */
  keepData?: boolean;
  /** Binary to run. Default: {@link findMeiliBinary}. */
  binary?: string;
  /** How long to wait for GET /health (default 20 000 ms). */
  startTimeoutMs?: number;
  /** Indexing threads (default: 2, or 1 on a single core). */
  maxIndexingThreads?: number;
  /** Indexing memory limit in Meilisearch's notation (default `1GiB`). */
  maxIndexingMemory?: string;
  /** Meilisearch log level (default `WARN`). The log is in `logFile`. */
  logLevel?: 'OFF' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'TRACE';
}

export interface ManagedMeilisearch {
  /** `http://127.0.0.1:<port>` */
  url: string;
  host: string;
  port: number;
  /** Server side only. */
  masterKey: string;
  dbPath: string;
  /** Temporary directory holding dumps, snapshots, the log and (by default) the data. */
  workDir: string;
  logFile: string;
  pid: number;
  /** Pid of the watchdog that cleans up when this Node process dies without calling stop(). */
  watchdogPid: number;
  binary: MeiliBinary;
  /** Stops this Meilisearch (SIGTERM, SIGKILL after 5 s), waits for it to exit and removes its temporary directory. */
  stop(): Promise<void>;
}

export class MeiliStartError extends Error {
  override name = 'MeiliStartError';
}

// Instances still running in this process, killed synchronously when the process ends.
interface LiveInstance {
  child: ChildProcess;
  watchdog: ChildProcess;
  removeOnExit: string | undefined;
}
const live = new Set<LiveInstance>();
let handlersInstalled = false;

function killAllSync(): void {
  for (const instance of live) {
    try {
      instance.child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
    if (instance.removeOnExit) {
      try {
        rmSync(instance.removeOnExit, { recursive: true, force: true });
      } catch {
        // The watchdog removes it once the process is gone.
      }
    }
  }
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  killAllSync();
  uninstallHandlers();
  // Listening for a signal cancels Node's default exit; restore it when nobody else listens.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAllSync);
  if (isMainThread) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);
  }
}

function uninstallHandlers(): void {
  if (!handlersInstalled) return;
  handlersInstalled = false;
  process.off('exit', killAllSync);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.off('SIGHUP', onSignal);
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not determine a free port'));
      });
    });
  });
}

function tail(file: string, bytes = 4000): string {
  try {
    const text = readFileSync(file, 'utf8');
    return text.length > bytes ? `…${text.slice(-bytes)}` : text;
  } catch {
    return '';
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitForHealth(url: string, exited: () => boolean, timeoutMs: number): Promise<'healthy' | 'exited' | 'timeout'> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) return 'exited';
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) {
        const body = (await response.json()) as { status?: string };
        if (body.status === 'available') return 'healthy';
      }
    } catch {
      // Not listening yet.
    }
    await sleep(25);
  }
  return exited() ? 'exited' : 'timeout';
}

/**
 * Meilisearch reads MEILI_* variables; the caller's should not leak into a managed instance.
 * The master key goes in by environment: a process's arguments are readable by every local
 * user (`ps`, /proc/<pid>/cmdline), its environment only by its owner.
 */
function childEnv(masterKey: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('MEILI_')) env[key] = value;
  env.MEILI_MASTER_KEY = masterKey;
  return env;
}

/**
 * Starts a private Meilisearch on 127.0.0.1 with its own data directory and master key and
 * resolves once GET /health answers. The server dies with this Node process: through
 * exit/signal handlers, and through a watchdog process when this one is SIGKILLed.
 */
export async function startMeilisearch(options: StartMeilisearchOptions = {}): Promise<ManagedMeilisearch> {
  const binary: MeiliBinary = options.binary ? { path: options.binary, source: 'option' } : findMeiliBinary();
  const masterKey = options.masterKey ?? randomBytes(32).toString('base64url');
  if (Buffer.byteLength(masterKey) < 16) throw new MeiliStartError('masterKey must be at least 16 bytes');

  // A port picked by the OS can be taken by someone else before Meilisearch binds it: retry.
  const attempts = options.port === undefined ? 3 : 1;
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = options.port ?? (await findFreePort());
    try {
      return await startOnce(binary, port, masterKey, options);
    } catch (error) {
      lastError = error as Error;
      if (!/address already in use|os error 98/i.test(lastError.message)) throw lastError;
    }
  }
  throw lastError!;
}

async function startOnce(binary: MeiliBinary, port: number, masterKey: string, options: StartMeilisearchOptions): Promise<ManagedMeilisearch> {
  const host = '127.0.0.1';
  const url = `http://${host}:${port}`;
  const workDir = await mkdtemp(join(tmpdir(), 'sociale-kaart-meili-'));
  const dbPath = options.dbPath ?? join(workDir, 'data.ms');
  const dumpDir = join(workDir, 'dumps');
  const snapshotDir = join(workDir, 'snapshots');
  mkdirSync(dumpDir);
  mkdirSync(snapshotDir);
  const logFile = join(workDir, 'meilisearch.log');
  const threads = options.maxIndexingThreads ?? Math.min(2, availableParallelism());

  // `--flag=value`: a value that starts with '-' must not read as a flag.
  const args = [
    `--db-path=${dbPath}`,
    '--http-addr', `${host}:${port}`,
    '--env', 'development',
    '--no-analytics',
    '--dump-dir', dumpDir,
    '--snapshot-dir', snapshotDir,
    '--max-indexing-threads', String(threads),
    '--max-indexing-memory', options.maxIndexingMemory ?? '1GiB',
    '--log-level', options.logLevel ?? 'WARN',
  ];

  const logFd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    // cwd is the work dir so a config.toml in the caller's directory is never picked up.
    child = spawn(binary.path, args, { cwd: workDir, env: childEnv(masterKey), stdio: ['ignore', logFd, logFd] });
  } finally {
    closeSync(logFd);
  }
  let exitCode: number | null = null;
  let exitSignal: NodeJS.Signals | null = null;
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      exitCode = code;
      exitSignal = signal;
      resolve();
    });
  });
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const spawned = await Promise.race([
    new Promise<true>((resolve) => child.once('spawn', () => resolve(true))),
    spawnError,
  ]);
  if (spawned !== true) {
    await rm(workDir, { recursive: true, force: true });
    throw new MeiliStartError(`could not run Meilisearch binary ${binary.path} (${binary.source}): ${spawned.message}`);
  }
  child.unref();
  const pid = child.pid!;

  const removeOnExit = options.keepData ? undefined : workDir;
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG_SOURCE], {
    detached: true,
    stdio: 'ignore',
    env: {
      SK_WATCH_PARENT: String(process.pid),
      SK_WATCH_CHILD: String(pid),
      SK_WATCH_MARKER: workDir,
      SK_WATCH_DIR: removeOnExit ?? '',
    },
  });
  watchdog.on('error', () => {
    // Best effort: the exit handlers still cover a normal exit.
  });
  watchdog.unref();

  const instance: LiveInstance = { child, watchdog, removeOnExit };
  live.add(instance);
  installHandlers();

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      live.delete(instance);
      if (live.size === 0) uninstallHandlers();
      try {
        watchdog.kill('SIGTERM');
      } catch {
        // Already gone.
      }
      if (!exited) {
        child.kill('SIGTERM');
        await Promise.race([exitPromise, sleep(5000)]);
        if (!exited) {
          child.kill('SIGKILL');
          await exitPromise;
        }
      }
      if (removeOnExit) await rm(removeOnExit, { recursive: true, force: true, maxRetries: 3 });
    })();
    return stopping;
  };

  const health = await waitForHealth(url, () => exited, options.startTimeoutMs ?? 20_000);
  if (health !== 'healthy') {
    const log = tail(logFile);
    await stop();
    const how = health === 'exited' ? `exited early (code ${exitCode}, signal ${exitSignal})` : `did not become healthy within ${options.startTimeoutMs ?? 20_000} ms`;
    throw new MeiliStartError(`Meilisearch (${binary.path}, from ${binary.source}) ${how} on ${url}.${log ? `\n--- meilisearch output ---\n${log.trimEnd()}` : ''}`);
  }

  return { url, host, port, masterKey, dbPath, workDir, logFile, pid, watchdogPid: watchdog.pid ?? -1, binary, stop };
}
