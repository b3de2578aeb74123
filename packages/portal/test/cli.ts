/** Runs a CLI of this package as a real child process, from its TypeScript source. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTypeScript, type ProcessResult } from '@sociale-kaart/db/testing';

export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export type CliResult = ProcessResult;

export function runCli(entry: 'admin-main' | 'server-main', args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runTypeScript(resolve(PACKAGE_DIR, `src/${entry}.ts`), args, { cwd: PACKAGE_DIR, env });
}
