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
  '003_referrals_inbox': {
    async up(db: Kysely<any>) {
      // How a (verified) organisation receives referrals: its own webhook or the hosted inbox; null = not set.
      await db.schema
        .alterTable('organisations')
        .addColumn('receive_mode', 'text', (c) => c.check(sql`receive_mode in ('webhook', 'inbox')`))
        .execute();

      // The public keys of an organisation's coach team; the newest not retired is current.
      // Retired keys stay, so referrals sealed to them can still be matched to their kid.
      await db.schema
        .createTable('referral_keys')
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
        .addColumn('kid', 'text', (c) => c.notNull())
        .addColumn('public_jwk', 'jsonb', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('retired_at', 'timestamptz')
        .addPrimaryKeyConstraint('referral_keys_pkey', ['organisation_id', 'kid'])
        .execute();

      // No FK on organisation_id: a referral may go to an organisation that only a feed names.
      await db.schema
        .createTable('referrals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('target_type', 'text', (c) => c.notNull().check(sql`target_type in ('activity', 'coach')`))
        .addColumn('activity_id', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('gemeente', 'text')
        .addColumn('reasons', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('referrer', 'text')
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('delivery', 'text', (c) => c.notNull().check(sql`delivery in ('webhook', 'inbox')`))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('history', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('sealed', 'jsonb')
        .addColumn('public_part', 'jsonb')
        .addColumn('assignee_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('first_contact_at', 'timestamptz')
        .addColumn('started_activity_id', 'text')
        .addColumn('opened_at', 'timestamptz')
        .addColumn('notified_at', 'timestamptz')
        .addColumn('closed_at', 'timestamptz')
        .addColumn('payload_deleted_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();
      await db.schema.createIndex('referrals_organisation_status').on('referrals').columns(['organisation_id', 'status']).execute();
      await db.schema.createIndex('referrals_created_at').on('referrals').column('created_at').execute();

      // Replay protection for signed provider status updates.
      await db.schema
        .createTable('referral_signatures')
        .addColumn('digest', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
  '004_referral_webhooks': {
    async up(db: Kysely<any>) {
      // An organisation's own webhook: its URL, its HMAC secret encrypted at rest (data-key.ts:
      // it must be usable for signing, so it cannot be a hash), and the URL the operator approved.
      // Referrals go to the webhook only while webhook_url = webhook_approved_url.
      await db.schema
        .alterTable('organisations')
        .addColumn('webhook_url', 'text')
        .addColumn('webhook_secret_sealed', 'text')
        .addColumn('webhook_approved_url', 'text')
        .addColumn('webhook_approved_at', 'timestamptz')
        .execute();
    },
  },
  '005_monitor': {
    async up(db: Kysely<any>) {
      // The monitor's practices: each referrer `sub` gets its letter once (seq order), so
      // "praktijk B" stays B when older referrals are deleted; `name` only when the operator gives one.
      await db.schema
        .createTable('monitor_practices')
        .addColumn('referrer', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'serial', (c) => c.notNull().unique())
        .addColumn('name', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();

      // API tokens for GET /v1/monitor (a gemeente viewer's own reporting); only the hash is kept.
      await db.schema
        .createTable('monitor_tokens')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('revoked_at', 'timestamptz')
        .addColumn('last_used_at', 'timestamptz')
        .execute();
    },
  },
  '006_gemeente_viewers': {
    async up(db: Kysely<any>) {
      // The gemeente a gemeente viewer sees in the monitor. A viewer from before has none and
      // sees nothing until the operator names it (sociale-kaart-admin user invite … --gemeente).
      await db.schema.alterTable('users').addColumn('gemeente', 'text').execute();
    },
  },
  '007_user_names': {
    async up(db: Kysely<any>) {
      // An optional display name, so that colleagues in the coach inbox are more than an
      // address. Staff data of the organisation: never shown to the GP. A user from before has none.
      await db.schema.alterTable('users').addColumn('name', 'text').execute();
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
