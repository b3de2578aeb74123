/**
 * People and machines that act for an organisation: users (editor, operator, gemeente
 * viewer), their single-use sign-in links and sessions, and organisation API keys.
 * Every secret is stored as its hash only (see secrets.ts).
 */
import type { Db } from './connect.js';
import { hashToken, randomToken } from './secrets.js';
import type { ApiKey, Role, User } from './tables.js';

export const SIGN_IN_TTL_MS = 15 * 60 * 1000;
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface InviteInput {
  email: string;
  role: Role;
  organisationId?: string | null;
  /** A gemeente viewer's gemeente (required for one; ignored for the other roles). */
  gemeente?: string | null;
  /** A display name (see userName); when absent or null an existing name is kept. */
  name?: string | null;
}

export const USER_NAME_MAX_LENGTH = 100;

/**
 * The one rule for a user's display name: trimmed, 1 to 100 characters, no control
 * characters. Returns what is wrong with the trimmed value ("must not be empty", …), or
 * undefined when it is a good name. The problem never repeats the name (names stay out of logs).
 */
export function userNameProblem(value: string): string | undefined {
  const name = value.trim();
  if (name.length === 0) return 'must not be empty';
  if ([...name].length > USER_NAME_MAX_LENGTH) return `must be at most ${USER_NAME_MAX_LENGTH} characters`;
  if (/\p{Cc}/u.test(name)) return 'must not contain control characters (such as a line break or tab)';
  return undefined;
}

/** The trimmed display name, or an error naming the field (see userNameProblem). */
export function userName(value: string): string {
  const problem = userNameProblem(value);
  if (problem) throw new Error(`name ${problem}`);
  return value.trim();
}

/**
 * Adds a user, or updates the role and organisation of the one with this address. A name
 * given sets (or replaces) the user's name; without one an existing name is kept.
 */
export async function upsertUser(db: Db, input: InviteInput, now = new Date()): Promise<User> {
  const email = input.email.trim().toLowerCase();
  const organisation_id = input.role === 'editor' ? (input.organisationId ?? null) : null;
  const gemeente = input.role === 'gemeente_viewer' ? input.gemeente?.trim() || null : null;
  if (input.role === 'gemeente_viewer' && !gemeente) throw new Error(`a gemeente viewer needs a gemeente (${email})`);
  const name = input.name == null ? undefined : userName(input.name);
  return db
    .insertInto('users')
    .values({ email, role: input.role, organisation_id, gemeente, name: name ?? null, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('email').doUpdateSet({ role: input.role, organisation_id, gemeente, ...(name === undefined ? {} : { name }), updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function userByEmail(db: Db, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function userById(db: Db, id: number): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function usersOfOrganisation(db: Db, organisationId: string): Promise<User[]> {
  return db.selectFrom('users').selectAll().where('organisation_id', '=', organisationId).orderBy('email').execute();
}

/** A new sign-in token for a user (valid 15 minutes, once); returns the token to put in the link. */
export async function createSignInToken(db: Db, userId: number, now = new Date(), ttlMs = SIGN_IN_TTL_MS): Promise<string> {
  const token = randomToken();
  await db
    .insertInto('sign_in_tokens')
    .values({ token_hash: await hashToken(token), user_id: userId, expires_at: new Date(now.getTime() + ttlMs), created_at: now })
    .execute();
  return token;
}

export type SignInResult = { ok: true; user: User } | { ok: false; reason: 'unknown' | 'expired' | 'used' };

/**
 * Uses a sign-in token. The update only succeeds for an unused, unexpired token, so two
 * requests with the same link cannot both sign in.
 */
export async function consumeSignInToken(db: Db, token: string, now = new Date()): Promise<SignInResult> {
  const token_hash = await hashToken(token);
  const used = await db
    .updateTable('sign_in_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', token_hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  if (used) {
    const user = await userById(db, used.user_id);
    if (user) return { ok: true, user };
    return { ok: false, reason: 'unknown' };
  }
  const row = await db.selectFrom('sign_in_tokens').select(['used_at', 'expires_at']).where('token_hash', '=', token_hash).executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  return { ok: false, reason: row.used_at ? 'used' : 'expired' };
}

/** A new session; returns the token for the cookie. */
export async function createSession(db: Db, userId: number, now = new Date(), ttlMs = SESSION_TTL_MS): Promise<string> {
  const token = randomToken();
  await db
    .insertInto('sessions')
    .values({ token_hash: await hashToken(token), user_id: userId, expires_at: new Date(now.getTime() + ttlMs), created_at: now })
    .execute();
  return token;
}

/** The user of a live session, or undefined. */
export async function sessionUser(db: Db, token: string, now = new Date()): Promise<User | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.token_hash', '=', await hashToken(token))
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', await hashToken(token)).execute();
}

/**
 * How long a used or expired sign-in link is remembered after its use or expiry: only so
 * that a second click can still say "already used" or "expired" rather than "unknown".
 */
export const SIGN_IN_MEMORY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes expired sessions, and sign-in tokens used or expired more than `memoryMs` ago
 * (neither can sign anyone in any more); returns how many of each went.
 */
export async function pruneSignIns(db: Db, now = new Date(), memoryMs = SIGN_IN_MEMORY_MS): Promise<{ sessions: number; signInTokens: number }> {
  const forgotten = new Date(now.getTime() - memoryMs);
  const sessions = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  const tokens = await db
    .deleteFrom('sign_in_tokens')
    .where((eb) => eb.or([eb('used_at', '<=', forgotten), eb('expires_at', '<=', forgotten)]))
    .executeTakeFirst();
  return { sessions: Number(sessions.numDeletedRows), signInTokens: Number(tokens.numDeletedRows) };
}

const API_KEY_PREFIX = 'skp_';

/** A new API key for an organisation: `key` is shown once, only its hash is kept. */
export async function createApiKey(db: Db, organisationId: string, now = new Date()): Promise<{ key: string; apiKey: ApiKey }> {
  const key = `${API_KEY_PREFIX}${randomToken()}`;
  const apiKey = await db
    .insertInto('api_keys')
    .values({ organisation_id: organisationId, prefix: key.slice(0, 12), key_hash: await hashToken(key), created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { key, apiKey };
}

/** Revokes a key by its id or its shown prefix; returns the revoked keys. */
export async function revokeApiKey(db: Db, idOrPrefix: string, now = new Date()): Promise<ApiKey[]> {
  const byId = /^\d+$/.test(idOrPrefix);
  return db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where(byId ? 'id' : 'prefix', '=', byId ? Number(idOrPrefix) : idOrPrefix)
    .where('revoked_at', 'is', null)
    .returningAll()
    .execute();
}

export async function apiKeysOf(db: Db, organisationId: string): Promise<ApiKey[]> {
  return db.selectFrom('api_keys').selectAll().where('organisation_id', '=', organisationId).orderBy('id').execute();
}

/** The organisation a live key belongs to, or undefined for an unknown or revoked key. */
export async function organisationOfApiKey(db: Db, key: string, now = new Date()): Promise<string | undefined> {
  if (!key.startsWith(API_KEY_PREFIX)) return undefined;
  const row = await db
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('key_hash', '=', await hashToken(key))
    .where('revoked_at', 'is', null)
    .returning('organisation_id')
    .executeTakeFirst();
  return row?.organisation_id;
}
