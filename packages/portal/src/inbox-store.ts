/**
 * The inbox's reads and the few writes that are not a referral's handling (notified, the
 * retention deletion). Every status, first opening, colleague and handover goes through the
 * one writer in @sociale-kaart/db (`appendReferralStatus` and its `handToColleague`,
 * `markReferralOpened`), which keeps the history the GP reads.
 */
import { currentReferralKey, markReferralOpened, getOrganisation, type Db, type ReferralRow } from '@sociale-kaart/db';

/** The three lists of the inbox page, by the referral's current status. */
export const INBOX_TABS = {
  new: ['pending', 'sent', 'received', 'handed_over'],
  active: ['contacted', 'started'],
  done: ['declined', 'closed'],
} as const;
export type InboxTab = keyof typeof INBOX_TABS;

export function tabOf(status: string): InboxTab {
  for (const [tab, statuses] of Object.entries(INBOX_TABS) as Array<[InboxTab, readonly string[]]>) if (statuses.includes(status)) return tab;
  return 'new';
}

/** The organisation's inbox referrals, newest first; optionally one tab. */
export async function inboxReferrals(db: Db, organisationId: string, tab?: InboxTab): Promise<ReferralRow[]> {
  let q = db.selectFrom('referrals').selectAll().where('organisation_id', '=', organisationId).where('delivery', '=', 'inbox');
  if (tab) q = q.where('status', 'in', [...INBOX_TABS[tab]]);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(500).execute();
}

/** One inbox referral, only when it is this organisation's. */
export async function inboxReferral(db: Db, organisationId: string, id: string): Promise<ReferralRow | undefined> {
  return db.selectFrom('referrals').selectAll().where('id', '=', id).where('organisation_id', '=', organisationId).where('delivery', '=', 'inbox').executeTakeFirst();
}

/** Marks a referral opened (and, when nobody here said anything yet, `received`): the writer in @sociale-kaart/db. */
export async function markOpened(db: Db, row: ReferralRow, now: Date): Promise<ReferralRow> {
  if (row.opened_at) return row;
  return (await markReferralOpened(db, row.id, now)) ?? row;
}

/** Inbox referrals that still have a payload and whose organisation was not told yet. */
export async function referralsToNotify(db: Db): Promise<ReferralRow[]> {
  return db
    .selectFrom('referrals')
    .selectAll()
    .where('delivery', '=', 'inbox')
    .where('notified_at', 'is', null)
    .where('sealed', 'is not', null)
    .orderBy('created_at')
    .limit(500)
    .execute();
}

export async function markNotified(db: Db, id: string, organisationId: string, now: Date): Promise<void> {
  // The organisation is part of the condition: a handover in between resets notified_at for the new one.
  await db.updateTable('referrals').set({ notified_at: now }).where('id', '=', id).where('organisation_id', '=', organisationId).execute();
}

export interface Retention {
  /** Days after closed or declined before the sealed payload is deleted. */
  afterClosedDays: number;
  /** Days after creation before a never-opened payload is deleted. */
  neverOpenedDays: number;
}
export const DEFAULT_RETENTION: Retention = { afterClosedDays: 30, neverOpenedDays: 90 };

/**
 * Deletes the sealed payloads past their retention (`sealed = null`, `payload_deleted_at`);
 * the status history and derived columns stay for the GP and the monitor. Returns the ids.
 */
export async function deleteExpiredPayloads(db: Db, retention: Retention, now: Date): Promise<string[]> {
  const closedBefore = new Date(now.getTime() - retention.afterClosedDays * 86_400_000);
  const createdBefore = new Date(now.getTime() - retention.neverOpenedDays * 86_400_000);
  const rows = await db
    .updateTable('referrals')
    .set({ sealed: null, payload_deleted_at: now })
    .where('sealed', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['closed', 'declined']), eb('closed_at', '<=', closedBefore)]),
        eb.and([eb('opened_at', 'is', null), eb('created_at', '<=', createdBefore)]),
      ]),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Verified inbox organisations with a published key, other than `except`: where a coach may hand a referral over to. */
export async function handoverTargets(db: Db, except: string) {
  const orgs = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('verified', '=', true)
    .where('receive_mode', '=', 'inbox')
    .where('id', '!=', except)
    .orderBy('name')
    .execute();
  const out: Array<{ organizationId: string; name: string; publicKey: Record<string, unknown> }> = [];
  for (const o of orgs) {
    const key = await currentReferralKey(db, o.id);
    if (key) out.push({ organizationId: o.id, name: o.name, publicKey: key.public_jwk });
  }
  return out;
}

/** The organisation a referral may be handed over to, with its current key; a reason when it may not. */
export async function handoverTarget(db: Db, organisationId: string) {
  const org = await getOrganisation(db, organisationId);
  if (!org) return { error: 'unknown organisation' as const };
  if (!org.verified || org.receive_mode !== 'inbox') return { error: 'not a verified inbox organisation' as const, org };
  const key = await currentReferralKey(db, org.id);
  if (!key) return { error: 'has not published a referral key' as const, org };
  return { org, key };
}
