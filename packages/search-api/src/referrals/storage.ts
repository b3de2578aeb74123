/**
 * Where the relay keeps referrals and where it looks up routes and keys, decided once at
 * start. With a database (a handle from the caller, or DATABASE_URL): the database store, the
 * operator's routes layered with the verified organisations' own (db-routes.ts), their
 * sealing keys, and a JSON-lines store from before moved in once (file-migration.ts).
 * Without one: the operator's routes and the file (SK_REFERRAL_STORE) or memory store.
 */
import { DataKeyError, dataKeyFromEnv, openDatabase, type Db } from '@sociale-kaart/db';
import type { Logger } from '../http/log.js';
import type { ReferralConfig } from './config.js';
import { DbReferralStore } from './db-store.js';
import { NO_REFERRAL_KEYS, databaseReferralKeys, databaseRoutes, type ReferralKeys } from './db-routes.js';
import { migrateFileStore } from './file-migration.js';
import { RouteConfigError, operatorFirst, type IntakeRoutes } from './routes.js';
import { FileReferralStore, MemoryReferralStore, type ReferralStore } from './store.js';

export interface ReferralStorage {
  store: ReferralStore;
  routes: IntakeRoutes;
  keys: ReferralKeys;
  /** 'database' | 'file' | 'memory', for the start-up log. */
  kind: 'database' | 'file' | 'memory';
  close(): Promise<void>;
}

export async function referralStorage(
  config: Pick<ReferralConfig, 'routes' | 'operatorRoutes' | 'storePath'>,
  { env, database, logger }: { env: NodeJS.ProcessEnv; database?: Db | undefined; logger: Logger },
): Promise<ReferralStorage> {
  const url = env.DATABASE_URL?.trim();
  if (!database && !url) {
    const store = config.storePath ? await FileReferralStore.open(config.storePath) : new MemoryReferralStore();
    return { store, routes: config.routes, keys: NO_REFERRAL_KEYS, kind: config.storePath ? 'file' : 'memory', close: () => store.close() };
  }

  let dataKey;
  try {
    dataKey = await dataKeyFromEnv(env);
  } catch (error) {
    if (error instanceof DataKeyError) throw new RouteConfigError(error.message);
    throw error;
  }
  const opened = database ? undefined : await openDatabase({ url: url! });
  const db = database ?? opened!.db;
  try {
    if (config.storePath) {
      const moved = await migrateFileStore(db, config.storePath);
      if (moved) logger.info('referral.store_migrated', { migrated: moved.migrated, skipped: moved.skipped, renamedTo: moved.renamedTo });
    }
  } catch (error) {
    await opened?.close();
    throw error;
  }
  if (!dataKey) logger.info('referral.no_data_key', { note: 'SK_DATA_KEY is not set: organisations\' own webhooks get no referrals (the hosted inbox and operator routes work)' });
  return {
    store: new DbReferralStore(db),
    routes: operatorFirst(config.operatorRoutes, databaseRoutes(db, { dataKey, logger })),
    keys: databaseReferralKeys(db, { logger }),
    kind: 'database',
    close: async () => {
      await opened?.close();
    },
  };
}
