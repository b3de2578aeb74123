/** The tables as kysely sees them. Migrations in migrations.ts are what creates them. */
import type { ColumnType, Generated, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb goes in as a JSON string (so arrays are never sent as PostgreSQL arrays) and comes out parsed. */
type Json<T> = ColumnType<T, string, string>;

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
  reminded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  role: Role;
  /** The organisation an editor edits; null for operators and gemeente viewers. */
  organisation_id: string | null;
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

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  sign_in_tokens: SignInTokensTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  activities: ActivitiesTable;
  feeds: FeedsTable;
}

export type Organisation = Selectable<OrganisationsTable>;
export type User = Selectable<UsersTable>;
export type ApiKey = Selectable<ApiKeysTable>;
export type ActivityRow = Selectable<ActivitiesTable>;
export type Feed = Selectable<FeedsTable>;
