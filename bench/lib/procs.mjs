// Child processes and cleanup: everything the bench starts is stopped at the end, on an
// error and on Ctrl-C, and only what the bench itself started (by pid).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const cleanups = [];
let cleaning = null;

/** Registers an async cleanup; returns a function that runs it early (and unregisters it). */
export function onCleanup(fn) {
  const entry = { fn, done: false };
  cleanups.push(entry);
  return async () => {
    if (entry.done) return;
    entry.done = true;
    await fn();
  };
}

/** Runs every registered cleanup, newest first. Safe to call more than once. */
export function cleanupAll() {
  cleaning ??= (async () => {
    for (const entry of cleanups.reverse()) {
      if (entry.done) continue;
      entry.done = true;
      try {
        await entry.fn();
      } catch (err) {
        process.stderr.write(`cleanup: ${err.message}\n`);
      }
    }
  })();
  return cleaning;
}

let interrupted = false;
export const wasInterrupted = () => interrupted;

export function installSignalHandlers() {
  const onSignal = (signal) => {
    // A second Ctrl-C does not wait for the cleanup.
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping everything the bench started…\n`);
    cleanupAll().finally(() => process.exit(130));
  };
  // Registered with on(), not once(): @sociale-kaart/meili re-raises the signal when no other
  // listener is left, which would end the process before this cleanup is done.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, onSignal);
  process.on('unhandledRejection', (err) => {
    process.stderr.write(`\nunexpected error: ${err?.stack ?? err}\n`);
    cleanupAll().finally(() => process.exit(1));
  });
}

/**
 * Spawns a long-running child that is killed (by its pid) at cleanup. `ready(line)` is
 * called for each stdout line until it returns a truthy value, which the promise resolves with.
 */
export function spawnService(command, args, { ready, timeoutMs = 30_000, env, cwd, name = command } = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env, cwd });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const stop = onCleanup(() => killChild(child));
  const started = new Promise((resolve, reject) => {
    let buf = '';
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`${name} did not become ready within ${timeoutMs} ms\n${stderr}`)), timeoutMs);
    const fail = (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    };
    child.stdout.on('data', (d) => {
      if (settled) return;
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const value = ready(line);
        if (value) {
          settled = true;
          clearTimeout(timer);
          resolve(value);
          return;
        }
      }
    });
    child.once('exit', (code, signal) => fail(new Error(`${name} exited (${signal ?? code}) before it was ready\n${stderr}`)));
    child.once('error', fail);
  });
  return { child, started, stop };
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the child has exited. */
export function killChild(child, graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export const HAS_GNU_TIME = existsSync('/usr/bin/time');

/**
 * Runs a command to completion and measures wall time and peak RSS. Under GNU time
 * (`/usr/bin/time -v`) the peak is the kernel's maxrss of the command; without it,
 * /proc/<pid>/status VmHWM is sampled every 50 ms (slightly less exact).
 */
export function runMeasured(command, args, { env, cwd } = {}) {
  const useTime = HAS_GNU_TIME;
  const cmd = useTime ? '/usr/bin/time' : command;
  const argv = useTime ? ['-v', command, ...args] : args;
  const started = process.hrtime.bigint();
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env, cwd });
  const stop = onCleanup(() => killChild(child));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  let sampledKb = 0;
  const sampler = useTime
    ? null
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) sampledKb = Math.max(sampledKb, Number(m[1]));
        } catch {
          // exited between samples
        }
      }, 50);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (sampler) clearInterval(sampler);
      void stop();
      let peakRssKb = sampledKb || null;
      let exitCode = code;
      if (useTime) {
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
        if (m) peakRssKb = Number(m[1]);
        const e = /Exit status: (\d+)/.exec(stderr);
        if (e) exitCode = Number(e[1]);
        // Keep only the command's own stderr for messages.
        stderr = stderr.replace(/\n?\tCommand being timed:[\s\S]*$/, '');
      }
      resolve({ exitCode, signal, wallMs, peakRssBytes: peakRssKb === null ? null : peakRssKb * 1024, stdout, stderr, rssSource: useTime ? 'GNU time maxrss' : '/proc VmHWM sampling' });
    });
  });
}
