/**
 * Test helpers: the same suite runs on embedded PGlite and on a real PostgreSQL server.
 *
 * @example
 * describe.each(DATABASE_KINDS)('on %s', (kind) => {
 *   const databases = useDatabases(kind);
 *   it('stores', async () => { const { db } = await databases.open(); … });
 * });
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type OpenedDatabase } from './connect.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';

export const DATABASE_KINDS = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

export interface DatabasesContext {
  readonly kind: DatabaseKind;
  /** A URL (or PGlite directory) of a new, empty database. */
  freshUrl(): Promise<string>;
  /** Opens (and migrates) a database; a fresh one without a URL. Closed after the suite. */
  open(url?: string): Promise<OpenedDatabase & { url: string }>;
}

export function useDatabases(kind: DatabaseKind): DatabasesContext {
  let server: PostgresServer | undefined;
  const dirs: string[] = [];
  const opened: OpenedDatabase[] = [];

  beforeAll(async () => {
    if (kind === 'postgres') server = await startPostgres();
  });
  afterAll(async () => {
    for (const o of opened) await o.close().catch(() => {});
    await server?.stop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  const freshUrl = async () => {
    if (kind === 'postgres') {
      if (!server) throw new Error('useDatabases(): PostgreSQL is not running; call inside hooks or tests');
      return server.createDatabase();
    }
    const dir = await mkdtemp(join(tmpdir(), 'sk-pglite-'));
    dirs.push(dir);
    return join(dir, 'db');
  };
  return {
    kind,
    freshUrl,
    async open(url?: string) {
      const u = url ?? (await freshUrl());
      const db = await openDatabase({ url: u });
      opened.push(db);
      return { ...db, url: u };
    },
  };
}

export { startPostgres, findPostgresBin, type PostgresServer } from './postgres-server.js';
export { runTypeScript, type ProcessResult, type RunOptions } from './child-process.js';
