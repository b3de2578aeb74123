/**
 * Opens the database: a PostgreSQL server when `DATABASE_URL` is a postgres:// URL, else
 * embedded PGlite in a directory (default `.data/pglite`). Both speak the same SQL through
 * one kysely instance, and the migrations are applied before it is handed out.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrations.js';
import { PgliteDialect } from './pglite-dialect.js';
import { lockPgliteDir } from './pglite-lock.js';
import type { Database } from './tables.js';

export type Db = Kysely<Database>;

export interface OpenDatabaseOptions {
  /** postgres://… for a server; a directory for PGlite; `memory://` for a throw-away PGlite. Default: DATABASE_URL, else `.data/pglite`. */
  url?: string;
  /** Pool size for a server (default 10). */
  poolSize?: number;
}

export interface OpenedDatabase {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Where it is, without a password. */
  location: string;
  close(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;

/** DATABASE_URL or the default embedded directory. */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL : resolve('.data', 'pglite');
}

function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable url)';
  }
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  const url = options.url ?? databaseUrlFromEnv();
  let opened: OpenedDatabase;
  if (/^postgres(ql)?:\/\//i.test(url)) {
    // Dates stay 'YYYY-MM-DD' strings (a Date would shift with the time zone) and counts become numbers.
    const types = {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === DATE_OID ? (v: string) => v : oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'),
    };
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types });
    // An idle client that loses its server must not crash the process; the next query reports it.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    opened = { db, kind: 'postgres', location: withoutPassword(url), close: () => db.destroy() };
  } else {
    const memory = url === 'memory://';
    if (!memory) await mkdir(url, { recursive: true });
    const release = memory ? async () => {} : await lockPgliteDir(resolve(url));
    const pglite = new PGlite(memory ? undefined : url, {
      parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => Number(v) },
    });
    const db = new Kysely<Database>({ dialect: new PgliteDialect(pglite) });
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        try {
          await db.destroy();
        } finally {
          await release();
        }
      })());
    opened = { db, kind: 'pglite', location: memory ? 'memory://' : url, close };
  }
  try {
    await migrateToLatest(opened.db);
  } catch (err) {
    await opened.close().catch(() => {});
    throw err;
  }
  return opened;
}
