/**
 * Numbered migrations, applied in order at start (kysely's Migrator records them in
 * `kysely_migration` and takes a lock, so two servers starting at once do not both apply
 * one). A migration is never edited once released: a change is a new number.
 */
import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';

const now = sql`now()`;

const migrations: Record<string, Migration> = {
  '001_organisations_accounts_activities': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('organisations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kvk', 'text', (c) => c.check(sql`kvk ~ '^[0-9]{8}$'`))
        .addColumn('email', 'text')
        .addColumn('phone', 'text')
        .addColumn('website', 'text')
        .addColumn('verified', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('verified_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('editor', 'operator', 'gemeente_viewer')`))
        .addColumn('organisation_id', 'text', (c) => c.references('organisations.id').onDelete('cascade'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addCheckConstraint('editor_has_organisation', sql`(role = 'editor') = (organisation_id is not null)`)
        .execute();

      await db.schema
        .createTable('sign_in_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('used_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();

      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('revoked_at', 'timestamptz')
        .addColumn('last_used_at', 'timestamptz')
        .execute();

      await db.schema
        .createTable('activities')
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('record', 'jsonb', (c) => c.notNull())
        .addColumn('documents', 'jsonb', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('published', 'paused')`))
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('assured_date', 'date', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addPrimaryKeyConstraint('activities_pkey', ['organisation_id', 'key'])
        .execute();

      await db.schema
        .createTable('feeds')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('format', 'text')
        .addColumn('schedule', 'text', (c) => c.notNull().defaultTo('0 * * * *'))
        .addColumn('etag', 'text')
        .addColumn('last_modified', 'text')
        .addColumn('last_pulled_at', 'timestamptz')
        .addColumn('last_result', 'jsonb')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addUniqueConstraint('feeds_organisation_url', ['organisation_id', 'url'])
        .execute();
    },
  },
  '002_freshness_reminders': {
    async up(db: Kysely<any>) {
      // When the organisation was last reminded that activities need checking (at most one mail a month).
      await db.schema.alterTable('organisations').addColumn('reminded_at', 'timestamptz').execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Applies every migration not yet applied; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations);
