/**
 * Starts a throw-away PostgreSQL server from the machine's PostgreSQL binaries (Debian's
 * `postgresql` package: /usr/lib/postgresql/<version>/bin), on a free loopback port in a
 * temp dir. PostgreSQL refuses to run as root, so as root the server runs as the
 * `postgres` user, which owns the temp dir.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chown, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  dataDir: string;
  /** A URL for a new, empty database on this server. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

/** The directory holding initdb and pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
export async function findPostgresBin(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.PG_BIN) return env.PG_BIN;
  const root = '/usr/lib/postgresql';
  let versions: string[] = [];
  try {
    versions = (await readdir(root)).filter((v) => /^\d+(\.\d+)?$/.test(v)).sort((a, b) => Number(b) - Number(a));
  } catch {
    // no Debian layout
  }
  for (const v of versions) {
    const bin = join(root, v, 'bin');
    try {
      await stat(join(bin, 'pg_ctl'));
      return bin;
    } catch {
      // try the next version
    }
  }
  throw new Error('PostgreSQL binaries not found: install Debian\'s "postgresql" package or set PG_BIN to the directory with initdb and pg_ctl');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function postgresIds(): { uid: number; gid: number } {
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) throw new Error('running as root, but there is no "postgres" user to run PostgreSQL as (install the postgresql package or run as another user)');
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export interface StartPostgresOptions {
  /** Picks the port to try (default: one the OS says is free); asked again after "address in use". */
  pickPort?: () => Promise<number>;
}

export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const pickPort = options.pickPort ?? freePort;
  const bin = await findPostgresBin();
  const dir = await mkdtemp(join(tmpdir(), 'sk-pg-'));
  const dataDir = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const cmd = async (tool: string, args: string[]) => {
    const file = join(bin, tool);
    return asRoot ? run('runuser', ['-u', 'postgres', '--', file, ...args]) : run(file, args);
  };
  if (asRoot) {
    const { uid, gid } = postgresIds();
    await chown(dir, uid, gid);
  }
  let port = 0;
  try {
    await cmd('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions', '--locale=C']);
    // A port that was free a moment ago can be taken before PostgreSQL binds it (other test
    // files start servers at the same time): on "address in use", start again on another.
    for (let attempt = 1; ; attempt++) {
      port = await pickPort();
      const log = join(dir, `server-${attempt}.log`);
      try {
        await cmd('pg_ctl', ['-D', dataDir, '-l', log, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-w', 'start']);
        break;
      } catch (err) {
        const text = await readFile(log, 'utf8').catch(() => '');
        if (attempt >= 3 || !/could not bind|address already in use/i.test(text)) throw new Error(`${err instanceof Error ? err.message : String(err)}${text ? `\nserver log:\n${text.trim().split('\n').slice(-5).join('\n')}` : ''}`, { cause: err });
      }
    }
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`could not start PostgreSQL from ${bin}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let counter = 0;
  return {
    url,
    port,
    dataDir,
    async createDatabase(name = `t${process.pid}_${++counter}`) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        // A name cannot be a query parameter; it was checked above to be a plain identifier.
        await client.query(`create database ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      try {
        await cmd('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
