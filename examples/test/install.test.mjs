// `.ci/run` installs the dependencies once: a plain `pnpm install` (CI's, an editor's, by hand)
// must count as installed for `npm test` / `npm start`, so they do not install again.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isInstalled } from '../../scripts/lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('installing once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sk-install-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes pnpm\'s own copy of the lockfile as installed, and a stale or missing one as not', () => {
    const project = join(dir, 'project');
    mkdirSync(join(project, 'node_modules/.pnpm'), { recursive: true });
    writeFileSync(join(project, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\nimporters: {}\n");
    expect(isInstalled(project)).toBe(false);
    // What `pnpm install` leaves behind, and nothing of ours.
    writeFileSync(join(project, 'node_modules/.pnpm/lock.yaml'), readFileSync(join(project, 'pnpm-lock.yaml')));
    expect(isInstalled(project)).toBe(true);
    // The lockfile moved on (a new dependency): install again.
    writeFileSync(join(project, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\nimporters: { '.': {} }\n");
    expect(isInstalled(project)).toBe(false);
  });

  it('after the install in this checkout, ensureInstalled runs no pnpm at all', () => {
    // pnpm and npx on PATH are stand-ins that only record that they were called.
    const bin = join(dir, 'bin');
    const calls = join(dir, 'calls.log');
    mkdirSync(bin, { recursive: true });
    for (const name of ['pnpm', 'npx']) {
      writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> "${calls}"\nexit 1\n`);
      chmodSync(join(bin, name), 0o755);
    }
    writeFileSync(calls, '');
    const script = "import('./scripts/lib.mjs').then((m) => m.ensureInstalled())";
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, env: { PATH: `${bin}:${process.env.PATH}` }, stdio: 'pipe' });
    expect(readFileSync(calls, 'utf8')).toBe('');
  });
});
