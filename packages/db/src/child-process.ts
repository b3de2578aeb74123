/**
 * Runs a package's TypeScript entry (a CLI) as a real child process, from source: the
 * `source` export condition and tsx, as in the packages' own tests. For tests of CLIs
 * (exit codes, stdout, stderr) in any workspace package.
 */
import { spawn } from 'node:child_process';

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Working directory: the package whose CLI runs (tsx is resolved from there). */
  cwd: string;
  /** Added to the test's own environment. */
  env?: NodeJS.ProcessEnv;
  /** Killed (SIGKILL) after this long; default 120 s. */
  timeoutMs?: number;
}

export function runTypeScript(entry: string, args: readonly string[], { cwd, env = {}, timeoutMs = 120_000 }: RunOptions): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', entry, ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
