/**
 * PGlite is one process's database: two processes opening the same directory would corrupt
 * it. A lock file beside the directory (`<dir>.lock`, holding the owner's pid) makes the
 * second one fail with a clear message instead. A lock whose process is gone is taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';

export class DatabaseInUseError extends Error {
  override name = 'DatabaseInUseError';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock for `dir`; returns its release. Throws DatabaseInUseError when a live process holds it. */
export async function lockPgliteDir(dir: string): Promise<() => Promise<void>> {
  const file = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(file, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return async () => {
        await rm(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new DatabaseInUseError(
          `the embedded database ${dir} is in use by process ${pid}; stop that process first, or run both against a PostgreSQL server (DATABASE_URL=postgres://…)`,
        );
      }
      if (pid === process.pid) throw new DatabaseInUseError(`the embedded database ${dir} is already open in this process; share that connection`);
      // The holder is gone: the lock is stale.
      await rm(file, { force: true });
    }
  }
  throw new DatabaseInUseError(`could not lock the embedded database ${dir}`);
}
