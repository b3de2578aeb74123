/**
 * @sociale-kaart/db: the system of record shared by the portal, the indexer and the relay.
 * PostgreSQL when DATABASE_URL is a postgres:// URL, embedded PGlite otherwise.
 */
export { openDatabase, databaseUrlFromEnv, type Db, type OpenDatabaseOptions, type OpenedDatabase } from './connect.js';
export { migrateToLatest, MIGRATION_NAMES } from './migrations.js';
export { PgliteDialect } from './pglite-dialect.js';
export { DatabaseInUseError } from './pglite-lock.js';
export { hashToken, randomToken, newOrganisationId } from './secrets.js';
export * from './organisations.js';
export * from './accounts.js';
export * from './activities.js';
export * from './feeds.js';
export { ROLES, type Role, type Database, type Organisation, type User, type ApiKey, type ActivityRow, type ActivityStatus, type Feed, type ReceiveMode, type ReferralKeyRow, type ReferralRow, type ReferralHistoryRow, type MonitorTokenRow } from './tables.js';
export * from './referrals.js';
export { importDataKey, dataKeyFromEnv, newDataKeyText, encryptWithDataKey, decryptWithDataKey, DataKeyError, type DataKey } from './data-key.js';
export * from './receiving.js';
