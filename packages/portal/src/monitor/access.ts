/**
 * Who may see the monitor: operators and gemeente viewers, with their session (the page)
 * or, for their own reporting, a monitor API token (GET /v1/monitor). A token is 256 random
 * bits shown once; only its SHA-256 is kept, like the organisations' API keys. It acts for
 * its user as the user is now: a user who became an editor gets 403 with an old token.
 * Also here: the names an operator gives practices (otherwise "praktijk A/B/…").
 */
import { hashToken, randomToken, userById, type Db, type MonitorTokenRow, type User } from '@sociale-kaart/db';
import { registerPractices } from './queries.js';

export const MONITOR_TOKEN_PREFIX = 'skm_';

export function canSeeMonitor(user: Pick<User, 'role'> | undefined): boolean {
  return user?.role === 'operator' || user?.role === 'gemeente_viewer';
}

/** What a monitor user may see: every gemeente (an operator), or only their own. */
export type MonitorScope = { ok: true; gemeente: string | null } | { ok: false; reason: 'no-gemeente' | 'other-gemeente'; own: string | null };

const sameName = (a: string, b: string) => a.localeCompare(b, 'nl', { sensitivity: 'accent' }) === 0;

/**
 * The gemeente a report is for, given who asks and what they asked for: an operator gets what
 * was asked (null: all gemeenten); a gemeente viewer always gets their own gemeente — asking for
 * none means theirs, asking for another is refused, and a viewer whose gemeente was never set
 * (one from before migration 006) sees nothing.
 */
export function monitorScope(user: Pick<User, 'role' | 'gemeente'>, asked: string | null): MonitorScope {
  if (user.role !== 'gemeente_viewer') return { ok: true, gemeente: asked };
  const own = user.gemeente ?? null;
  if (!own) return { ok: false, reason: 'no-gemeente', own };
  if (asked !== null && !sameName(asked, own)) return { ok: false, reason: 'other-gemeente', own };
  return { ok: true, gemeente: own };
}

export interface MonitorTokenInfo {
  id: number;
  userId: number;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

const info = (r: Pick<MonitorTokenRow, 'id' | 'user_id' | 'prefix' | 'created_at' | 'revoked_at'>): MonitorTokenInfo => ({
  id: Number(r.id),
  userId: Number(r.user_id),
  prefix: r.prefix,
  createdAt: new Date(r.created_at).toISOString(),
  revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
});

const INFO_COLUMNS = ['id', 'user_id', 'prefix', 'created_at', 'revoked_at'] as const;

/** A new token for a user; `token` is returned once, only its hash is stored. */
export async function createMonitorToken(db: Db, userId: number, now = new Date()): Promise<{ token: string; info: MonitorTokenInfo }> {
  const token = `${MONITOR_TOKEN_PREFIX}${randomToken()}`;
  const row = await db
    .insertInto('monitor_tokens')
    .values({ user_id: userId, prefix: token.slice(0, 12), token_hash: await hashToken(token), created_at: now })
    .returning(INFO_COLUMNS)
    .executeTakeFirstOrThrow();
  return { token, info: info(row) };
}

/** Revokes tokens by id or shown prefix; returns what was revoked. */
export async function revokeMonitorToken(db: Db, idOrPrefix: string, now = new Date()): Promise<MonitorTokenInfo[]> {
  const rows = await db
    .updateTable('monitor_tokens')
    .set({ revoked_at: now })
    .where(/^\d+$/.test(idOrPrefix) ? (eb) => eb('id', '=', Number(idOrPrefix)) : (eb) => eb('prefix', '=', idOrPrefix))
    .where('revoked_at', 'is', null)
    .returning(INFO_COLUMNS)
    .execute();
  return rows.map(info);
}

/** The user a live token acts for, or undefined for an unknown or revoked one. */
export async function userOfMonitorToken(db: Db, token: string, now = new Date()): Promise<User | undefined> {
  if (!token.startsWith(MONITOR_TOKEN_PREFIX)) return undefined;
  const row = await db
    .updateTable('monitor_tokens')
    .set({ last_used_at: now })
    .where('token_hash', '=', await hashToken(token))
    .where('revoked_at', 'is', null)
    .returning('user_id')
    .executeTakeFirst();
  return row ? userById(db, Number(row.user_id)) : undefined;
}

/**
 * Names a practice (the referrer token's `sub`) for the monitor; null takes the name away
 * (back to its letter). A practice named before its first referral gets its place now.
 */
export async function namePractice(db: Db, referrer: string, name: string | null, now = new Date()): Promise<void> {
  // Practices that already referred keep the places their first referral gives them.
  await registerPractices(db);
  await db
    .insertInto('monitor_practices')
    .values({ referrer, name, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('referrer').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), updated_at: eb.ref('excluded.updated_at') })))
    .execute();
}
