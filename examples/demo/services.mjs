// How the demo runs each of its servers (search API, intake receiver, and more later): a
// Node child process that is ready once a URL answers, and that the demo stops on Ctrl-C.
import { spawn } from 'node:child_process';

/** Resolves with the exit code once `child` has exited (at once when it already has). */
export function waitForExit(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode ?? 1);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** Resolves when `url` answers 2xx; rejects when `child` exits first or the time is up. */
export async function waitForHttp(url, { timeoutMs = 30000, child, name }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) throw new Error(`${name} exited before it was ready (exit ${child.exitCode ?? child.signalCode})`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not become ready at ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * Starts `node entry ...args`, registers its stop with `stoppers` at once (so a failed start
 * still cleans up), and waits until `readyUrl` answers. Its stderr goes to ours: a newcomer
 * sees why a server would not start.
 * @param {Array<() => Promise<void>>} stoppers
 * @param {{ name: string, entry: string, args: string[], env: NodeJS.ProcessEnv, readyUrl: string }} service
 */
export async function startService(stoppers, { name, entry, args, env, readyUrl }) {
  const child = spawn(process.execPath, [entry, ...args], { stdio: ['ignore', 'ignore', 'inherit'], env });
  stoppers.push(async () => {
    child.kill('SIGTERM');
    await waitForExit(child);
  });
  await waitForHttp(readyUrl, { child, name });
  return child;
}
