/**
 * Referrals and the coach teams' public keys: the one place that writes a referral's handling
 * (status history, handovers to another organisation or a colleague, first opening), so the relay (webhook statuses), the inbox (a coach's statuses and handovers) and
 * the monitor all read the same derived columns. Nothing here ever holds patient data in the
 * clear: an inbox referral carries only the sealed payload the server cannot open.
 */
import { COLLEAGUE_HANDOVER, HANDOVER_STATUS, currentReferralStatus } from '@sociale-kaart/schema';
import type { Db } from './connect.js';
import type { ReceiveMode, ReferralHistoryRow, ReferralKeyRow, ReferralRow } from './tables.js';

/** The newest entries a referral keeps; older ones are dropped (the derived columns stay). */
export const REFERRAL_HISTORY_CAP = 50;

const FIRST_CONTACT = new Set(['contacted', 'started']);
const ENDED = new Set(['closed', 'declined']);

/** The one rule (in @sociale-kaart/schema): the receiving side's latest word wins. */
export { COLLEAGUE_HANDOVER, currentReferralStatus };

export interface NewReferralRow {
  id: string;
  targetType: 'activity' | 'coach';
  activityId: string;
  organisationId: string;
  gemeente?: string | null;
  reasons: readonly string[];
  referrer?: string | null;
  /** Hex SHA-256 of the GP's capability token. */
  tokenHash: string;
  delivery: ReceiveMode;
  sealed?: { kid: string; enc: string; ciphertext: string } | null;
  publicPart?: Record<string, unknown> | null;
  createdAt?: Date;
}

export async function createReferral(db: Db, r: NewReferralRow): Promise<ReferralRow> {
  const at = r.createdAt ?? new Date();
  return db
    .insertInto('referrals')
    .values({
      id: r.id,
      target_type: r.targetType,
      activity_id: r.activityId,
      organisation_id: r.organisationId,
      gemeente: r.gemeente ?? null,
      reasons: JSON.stringify([...r.reasons]),
      referrer: r.referrer ?? null,
      token_hash: r.tokenHash,
      delivery: r.delivery,
      history: '[]',
      sealed: r.sealed ? JSON.stringify({ kid: r.sealed.kid, enc: r.sealed.enc, ciphertext: r.sealed.ciphertext }) : null,
      public_part: r.publicPart ? JSON.stringify(r.publicPart) : null,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getReferral(db: Db, id: string): Promise<ReferralRow | undefined> {
  return db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What else changes with a status: a handover moves the referral (and its re-sealed payload). */
export interface StatusChange {
  organisationId?: string;
  delivery?: ReceiveMode;
  sealed?: { kid: string; enc: string; ciphertext: string };
  publicPart?: Record<string, unknown>;
  /** Who handles it now: required with a colleague handover. A new `organisationId` clears it. */
  assigneeUserId?: number | null;
}

type Tx = Parameters<Parameters<ReturnType<Db['transaction']>['execute']>[0]>[0];

/**
 * The one writer of a referral's handling. Appends one entry to the history (in a
 * transaction, the row locked, so two writers never lose each other's entry), keeps the
 * newest {@link REFERRAL_HISTORY_CAP}, and updates the derived columns: status, first
 * contact, the started activity, closed. A colleague handover ({@link COLLEAGUE_HANDOVER})
 * needs `change.assigneeUserId` and is left out when that colleague already has it.
 * Undefined when the referral is unknown.
 */
export async function appendReferralStatus(db: Db, id: string, entry: ReferralHistoryRow, change: StatusChange = {}): Promise<ReferralRow | undefined> {
  if (entry.status === COLLEAGUE_HANDOVER && (change.assigneeUserId === undefined || change.assigneeUserId === null)) {
    throw new TypeError('a colleague handover names the colleague (assigneeUserId)');
  }
  return db.transaction().execute(async (tx) => {
    const row = await lockReferral(tx, id);
    if (!row) return undefined;
    if (entry.status === COLLEAGUE_HANDOVER && row.assignee_user_id === change.assigneeUserId) return row;
    return writeHandling(tx, row, entry, change);
  });
}

/** A colleague in the same organisation handles the referral from now on; the GP sees "handed over to a colleague", never who. */
export async function handToColleague(db: Db, id: string, userId: number, at: Date): Promise<ReferralRow | undefined> {
  return appendReferralStatus(db, id, { status: COLLEAGUE_HANDOVER, at: at.toISOString() }, { assigneeUserId: userId });
}

/**
 * Marks an inbox referral opened, the first time, and — when this organisation has said
 * nothing yet (new, or just handed over to it) — records `received`, so the GP sees it
 * arrived; both in one transaction. Undefined when the referral is unknown.
 */
export async function markReferralOpened(db: Db, id: string, now: Date): Promise<ReferralRow | undefined> {
  return db.transaction().execute(async (tx) => {
    const row = await lockReferral(tx, id);
    if (!row || row.opened_at) return row;
    if (NOT_YET_RECEIVED.has(row.status)) return writeHandling(tx, row, { status: 'received', at: now.toISOString() }, {}, now);
    return tx.updateTable('referrals').set({ opened_at: now }).where('id', '=', id).returningAll().executeTakeFirst();
  });
}

const NOT_YET_RECEIVED = new Set(['pending', 'sent', HANDOVER_STATUS]);

function lockReferral(tx: Tx, id: string): Promise<ReferralRow | undefined> {
  return tx.selectFrom('referrals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

async function writeHandling(tx: Tx, row: ReferralRow, entry: ReferralHistoryRow, change: StatusChange, openedAt?: Date): Promise<ReferralRow | undefined> {
  const history = [...row.history, cleanEntry(entry)].slice(-REFERRAL_HISTORY_CAP);
  const at = new Date(entry.at);
  const status = currentReferralStatus(history);
  return tx
    .updateTable('referrals')
    .set({
      history: JSON.stringify(history),
      status,
      updated_at: at > row.updated_at ? at : row.updated_at,
      ...(FIRST_CONTACT.has(entry.status) && row.first_contact_at === null ? { first_contact_at: at } : {}),
      ...(entry.status === 'started' && entry.activityId ? { started_activity_id: entry.activityId } : {}),
      ...(ENDED.has(status) ? { closed_at: row.closed_at ?? at } : { closed_at: null }),
      ...(openedAt !== undefined ? { opened_at: openedAt } : {}),
      ...(change.assigneeUserId !== undefined ? { assignee_user_id: change.assigneeUserId } : {}),
      // Another organisation: nobody there has opened it, been told or taken it yet.
      ...(change.organisationId !== undefined ? { organisation_id: change.organisationId, opened_at: null, notified_at: null, assignee_user_id: null } : {}),
      ...(change.delivery !== undefined ? { delivery: change.delivery } : {}),
      ...(change.sealed !== undefined ? { sealed: JSON.stringify(change.sealed) } : {}),
      ...(change.publicPart !== undefined ? { public_part: JSON.stringify(change.publicPart) } : {}),
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirst();
}

// Only the known members are kept: whatever else a caller passes is never stored.
function cleanEntry(e: ReferralHistoryRow): ReferralHistoryRow {
  return {
    status: String(e.status),
    at: new Date(e.at).toISOString(),
    ...(e.reason === undefined ? {} : { reason: String(e.reason) }),
    ...(e.activityId === undefined ? {} : { activityId: String(e.activityId) }),
    ...(e.to === undefined ? {} : { to: { organizationId: String(e.to.organizationId), organizationName: e.to.organizationName === null ? null : String(e.to.organizationName) } }),
  };
}

/**
 * Remembers a signature digest until `expiresAt`. False when it is already remembered and
 * not expired: the request is a replay.
 */
export async function rememberSignature(db: Db, digest: string, expiresAt: Date, now = new Date()): Promise<boolean> {
  await db.deleteFrom('referral_signatures').where('expires_at', '<=', now).execute();
  const r = await db.insertInto('referral_signatures').values({ digest, expires_at: expiresAt }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** The organisation's current key for sealed referrals: the newest not retired. */
export async function currentReferralKey(db: Db, organisationId: string): Promise<ReferralKeyRow | undefined> {
  return db
    .selectFrom('referral_keys')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('retired_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/**
 * Makes `publicJwk` (validated by the caller with referralPublicKeySchema) the current key and
 * retires the one before it. Retired keys stay listed, so the inbox can tell a coach which key
 * an older referral needs. Setting the current key again changes nothing.
 */
export async function setReferralKey(db: Db, organisationId: string, kid: string, publicJwk: Record<string, unknown>, now = new Date()): Promise<ReferralKeyRow> {
  return db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('referral_keys').selectAll().where('organisation_id', '=', organisationId).where('kid', '=', kid).executeTakeFirst();
    await tx.updateTable('referral_keys').set({ retired_at: now }).where('organisation_id', '=', organisationId).where('kid', '!=', kid).where('retired_at', 'is', null).execute();
    if (existing) {
      return tx.updateTable('referral_keys').set({ retired_at: null }).where('organisation_id', '=', organisationId).where('kid', '=', kid).returningAll().executeTakeFirstOrThrow();
    }
    return tx
      .insertInto('referral_keys')
      .values({ organisation_id: organisationId, kid, public_jwk: JSON.stringify(publicJwk), created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export async function referralKeysOf(db: Db, organisationId: string): Promise<ReferralKeyRow[]> {
  return db.selectFrom('referral_keys').selectAll().where('organisation_id', '=', organisationId).orderBy('created_at', 'desc').execute();
}
