/** The tables as kysely sees them. Migrations in migrations.ts are what creates them. */
import type { ColumnType, Generated, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb goes in as a JSON string (so arrays are never sent as PostgreSQL arrays) and comes out parsed. */
type Json<T> = ColumnType<T, string, string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type ReceiveMode = 'webhook' | 'inbox';

export type Role = 'editor' | 'operator' | 'gemeente_viewer';
export const ROLES: readonly Role[] = ['editor', 'operator', 'gemeente_viewer'];

export interface OrganisationsTable {
  id: string;
  name: string;
  kvk: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  verified: Generated<boolean>;
  verified_at: Timestamp | null;
  reminded_at: NullableTimestamp;
  /** How it receives referrals (only a verified organisation may): its own webhook or the hosted inbox. */
  receive_mode: ColumnType<ReceiveMode | null, ReceiveMode | null | undefined, ReceiveMode | null>;
  /** Its own intake webhook (https), set in the portal. */
  webhook_url: ColumnType<string | null, string | null | undefined, string | null>;
  /** The webhook's HMAC secret, AES-GCM encrypted under the server's data key (data-key.ts). */
  webhook_secret_sealed: ColumnType<string | null, string | null | undefined, string | null>;
  /** The URL the operator approved (`sociale-kaart-admin webhook approve`); a changed URL needs approval again. */
  webhook_approved_url: ColumnType<string | null, string | null | undefined, string | null>;
  webhook_approved_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  role: Role;
  /** The organisation an editor edits; null for operators and gemeente viewers. */
  organisation_id: string | null;
  /** The one gemeente a gemeente viewer sees in the monitor (as activities name it); null for the others. */
  gemeente: Generated<string | null>;
  /** An optional display name (see userName in accounts.ts); staff data, never shown to the GP. */
  name: Generated<string | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SignInTokensTable {
  token_hash: string;
  user_id: number;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface ApiKeysTable {
  id: Generated<number>;
  organisation_id: string;
  /** The first characters of the key, shown so an organisation can tell its keys apart. */
  prefix: string;
  key_hash: string;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export type ActivityStatus = 'published' | 'paused';

export interface ActivitiesTable {
  organisation_id: string;
  /** The organisation's own id for the activity (the HSDS service id). */
  key: string;
  /**
   * The record as the organisation gave it: the HSDS 3.1 service for the API and the form;
   * for an upload or a feed only where it came from (`{ id, source, name }`), because there
   * the documents are made by the indexer's readers straight from the file.
   */
  record: Json<Record<string, unknown>>;
  /** The activity documents made from it (one per location), as Meilisearch holds them. */
  documents: Json<Array<Record<string, unknown>>>;
  status: ActivityStatus;
  /** Where it came from: portal, api, upload or feed. */
  origin: string;
  /** "Laatst gecontroleerd" (HSDS assured_date), YYYY-MM-DD. */
  assured_date: ColumnType<string, string, string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface FeedsTable {
  id: Generated<number>;
  organisation_id: string;
  url: string;
  /** An indexer input format (hsds-json, hsds-api, csv-template, …) or null to detect it. */
  format: string | null;
  /** A cron expression (default hourly). */
  schedule: string;
  etag: string | null;
  last_modified: string | null;
  last_pulled_at: Timestamp | null;
  /** The last pull: outcome, counts and the indexer report. */
  last_result: Json<Record<string, unknown> | null> | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ReferralKeysTable {
  organisation_id: string;
  /** RFC 7638 thumbprint of the public key. */
  kid: string;
  /** The public JWK as GET /v1/organizations/{id}/referral-key answers it. */
  public_jwk: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  retired_at: NullableTimestamp;
}

/** One entry of a referral's status history (capped at the newest 50), as the GP's status view shows it. */
export interface ReferralHistoryRow {
  status: string;
  /** ISO 8601 */
  at: string;
  reason?: string;
  activityId?: string;
  to?: { organizationId: string; organizationName: string | null };
}

/**
 * A referral as the relay and the inbox keep it. Never the patient's name, contact details or
 * the note in the clear: for an inbox organisation only `sealed`, which the server cannot open.
 */
export interface ReferralsTable {
  id: string;
  target_type: 'activity' | 'coach';
  activity_id: string;
  /** The receiving organisation's id as the index has it (changes at a handover). No FK: a feed-only organisation has no row. */
  organisation_id: string;
  /** The gemeente of the activity, for the monitor. */
  gemeente: string | null;
  /** Need keys (public part of the referral, counted by the monitor). */
  reasons: Json<string[]>;
  /** The referring practice: `sub` of the referrer token. */
  referrer: string | null;
  /** Hex SHA-256 of the GP's capability token. */
  token_hash: string;
  delivery: ReceiveMode;
  /** The current status, derived from the history. */
  status: ColumnType<string, string | undefined, string>;
  history: Json<ReferralHistoryRow[]>;
  /** `{ kid, enc, ciphertext }` for the inbox; deleted (null) by retention. */
  sealed: Json<{ kid: string; enc: string; ciphertext: string } | null> | null;
  /** The associated data the payload is bound to (referralPublicPart in @sociale-kaart/schema). */
  public_part: Json<Record<string, unknown> | null> | null;
  /** The coach of the organisation who has it (a handover to a colleague). */
  assignee_user_id: number | null;
  first_contact_at: NullableTimestamp;
  started_activity_id: string | null;
  /** First opened in the inbox (a referral never opened is deleted after 90 days). */
  opened_at: NullableTimestamp;
  /** When "Er is een nieuwe verwijzing" was mailed. */
  notified_at: NullableTimestamp;
  /** When it was closed or declined (its payload is deleted 30 days later). */
  closed_at: NullableTimestamp;
  payload_deleted_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ReferralSignaturesTable {
  digest: string;
  expires_at: Timestamp;
}

/** The monitor's practices (migration 005): each referrer `sub` gets its place (`seq`) once; `name` only when the operator gives one. */
export interface MonitorPracticesTable {
  referrer: string;
  seq: Generated<number>;
  name: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** API tokens for GET /v1/monitor (migration 005); only the hash is kept. */
export interface MonitorTokensTable {
  id: Generated<number>;
  user_id: number;
  /** The first characters, shown to tell tokens apart and to revoke one. */
  prefix: string;
  token_hash: string;
  created_at: CreatedAt;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  sign_in_tokens: SignInTokensTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  activities: ActivitiesTable;
  feeds: FeedsTable;
  referral_keys: ReferralKeysTable;
  referrals: ReferralsTable;
  referral_signatures: ReferralSignaturesTable;
  monitor_practices: MonitorPracticesTable;
  monitor_tokens: MonitorTokensTable;
}

export type Organisation = Selectable<OrganisationsTable>;
export type User = Selectable<UsersTable>;
export type ApiKey = Selectable<ApiKeysTable>;
export type ActivityRow = Selectable<ActivitiesTable>;
export type Feed = Selectable<FeedsTable>;
export type ReferralKeyRow = Selectable<ReferralKeysTable>;
export type ReferralRow = Selectable<ReferralsTable>;
export type MonitorTokenRow = Selectable<MonitorTokensTable>;
