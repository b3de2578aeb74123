/**
 * Activities an organisation publishes itself (portal form, write API, upload or its
 * registered feed). The row keeps the HSDS record it was given and the documents made from
 * it, so the portal can show it, Meilisearch can be updated incrementally, and a full
 * reindex can take every published one from here.
 */
import { sql } from 'kysely';
import type { Db } from './connect.js';
import type { ActivityRow, ActivityStatus } from './tables.js';

export interface ActivityInput {
  organisationId: string;
  key: string;
  record: Record<string, unknown>;
  documents: Array<Record<string, unknown>>;
  origin: string;
  assuredDate: string;
  status?: ActivityStatus;
}

export async function listActivities(db: Db, organisationId: string): Promise<ActivityRow[]> {
  return db.selectFrom('activities').selectAll().where('organisation_id', '=', organisationId).orderBy('key').execute();
}

export async function getActivity(db: Db, organisationId: string, key: string): Promise<ActivityRow | undefined> {
  return db.selectFrom('activities').selectAll().where('organisation_id', '=', organisationId).where('key', '=', key).executeTakeFirst();
}

/**
 * Writes activities in one transaction (all or nothing); returns the rows as they were
 * before, so the caller can remove documents that an edit no longer has.
 */
export async function saveActivities(db: Db, inputs: readonly ActivityInput[], now = new Date()): Promise<Map<string, ActivityRow>> {
  const before = new Map<string, ActivityRow>();
  if (inputs.length === 0) return before;
  await db.transaction().execute(async (trx) => {
    for (const a of inputs) {
      const old = await trx
        .selectFrom('activities')
        .selectAll()
        .where('organisation_id', '=', a.organisationId)
        .where('key', '=', a.key)
        .forUpdate()
        .executeTakeFirst();
      if (old) before.set(a.key, old);
      const values = {
        record: JSON.stringify(a.record),
        documents: JSON.stringify(a.documents),
        origin: a.origin,
        assured_date: a.assuredDate,
        status: a.status ?? old?.status ?? 'published',
        updated_at: now,
      };
      if (old) {
        await trx.updateTable('activities').set(values).where('organisation_id', '=', a.organisationId).where('key', '=', a.key).execute();
      } else {
        await trx
          .insertInto('activities')
          .values({ organisation_id: a.organisationId, key: a.key, created_at: now, ...values })
          .execute();
      }
    }
  });
  return before;
}

export async function deleteActivity(db: Db, organisationId: string, key: string): Promise<ActivityRow | undefined> {
  return db.deleteFrom('activities').where('organisation_id', '=', organisationId).where('key', '=', key).returningAll().executeTakeFirst();
}

export async function setActivityStatus(db: Db, organisationId: string, key: string, status: ActivityStatus, now = new Date()): Promise<ActivityRow | undefined> {
  return db
    .updateTable('activities')
    .set({ status, updated_at: now })
    .where('organisation_id', '=', organisationId)
    .where('key', '=', key)
    .returningAll()
    .executeTakeFirst();
}

/**
 * "Alles klopt nog": sets assured_date of all the organisation's activities, in the rows and
 * in their documents. Returns the updated rows.
 */
export async function confirmActivities(db: Db, organisationId: string, date: string, now = new Date()): Promise<ActivityRow[]> {
  return db
    .updateTable('activities')
    .set({
      assured_date: date,
      updated_at: now,
      record: sql<string>`jsonb_set(record, '{assured_date}', to_jsonb(${date}::text))`,
      documents: sql<string>`coalesce((select jsonb_agg(jsonb_set(d, '{assuredDate}', to_jsonb(${date}::text))) from jsonb_array_elements(documents) d), '[]'::jsonb)`,
    })
    .where('organisation_id', '=', organisationId)
    .returningAll()
    .execute();
}

/**
 * Every published document of every organisation (for a full reindex), in pages so a large
 * region never sits in memory at once. `assuredOnOrAfter` (YYYY-MM-DD) leaves out activities
 * not confirmed since then: those too old to show.
 */
export async function* publishedDocuments(db: Db, options: { pageSize?: number; assuredOnOrAfter?: string } = {}): AsyncGenerator<Record<string, unknown>> {
  const pageSize = options.pageSize ?? 500;
  let after: { organisation_id: string; key: string } | null = null;
  for (;;) {
    let q = db
      .selectFrom('activities')
      .select(['organisation_id', 'key', 'documents'])
      .where('status', '=', 'published')
      .orderBy('organisation_id')
      .orderBy('key')
      .limit(pageSize);
    if (options.assuredOnOrAfter) q = q.where('assured_date', '>=', options.assuredOnOrAfter);
    if (after) {
      const a: { organisation_id: string; key: string } = after;
      q = q.where((eb) => eb.or([eb('organisation_id', '>', a.organisation_id), eb.and([eb('organisation_id', '=', a.organisation_id), eb('key', '>', a.key)])]));
    }
    const rows = await q.execute();
    for (const r of rows) yield* r.documents;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = { organisation_id: last.organisation_id, key: last.key };
  }
}

export interface FreshnessRow {
  organisationId: string;
  name: string;
  verified: boolean;
  activities: number;
  published: number;
  /** Oldest and newest assured_date among its activities (YYYY-MM-DD), null without activities. */
  oldestAssured: string | null;
  newestAssured: string | null;
  /** Activities whose assured_date is older than `staleBefore`. */
  stale: number;
}

/** Per organisation: how many activities, how old the oldest confirmation, how many stale. */
export async function freshnessOverview(db: Db, staleBefore: string): Promise<FreshnessRow[]> {
  const rows = await db
    .selectFrom('organisations as o')
    .leftJoin('activities as a', 'a.organisation_id', 'o.id')
    .select((eb) => [
      'o.id',
      'o.name',
      'o.verified',
      eb.fn.count<number>('a.key').as('activities'),
      sql<number>`count(*) filter (where a.status = 'published')`.as('published'),
      sql<string | null>`min(a.assured_date)::text`.as('oldest'),
      sql<string | null>`max(a.assured_date)::text`.as('newest'),
      sql<number>`count(*) filter (where a.assured_date < ${staleBefore}::date)`.as('stale'),
    ])
    .groupBy(['o.id', 'o.name', 'o.verified'])
    .orderBy('o.name')
    .execute();
  return rows.map((r) => ({
    organisationId: r.id,
    name: r.name,
    verified: r.verified,
    activities: Number(r.activities),
    published: Number(r.published),
    oldestAssured: r.oldest,
    newestAssured: r.newest,
    stale: Number(r.stale),
  }));
}

export interface ReminderDue {
  organisationId: string;
  name: string;
  email: string | null;
  /** Published activities confirmed before the cut-off. */
  count: number;
}

/**
 * Organisations with published activities confirmed before `assuredBefore` (YYYY-MM-DD)
 * that were not reminded since `remindedBefore`: who gets a reminder mail now.
 */
export async function remindersDue(db: Db, assuredBefore: string, remindedBefore: Date): Promise<ReminderDue[]> {
  const rows = await db
    .selectFrom('activities as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select((eb) => ['o.id', 'o.email', 'o.name', eb.fn.count<number>('a.key').as('count')])
    .where('a.assured_date', '<', assuredBefore)
    .where('a.status', '=', 'published')
    .where((eb) => eb.or([eb('o.reminded_at', 'is', null), eb('o.reminded_at', '<', remindedBefore)]))
    .groupBy(['o.id', 'o.email', 'o.name'])
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({ organisationId: r.id, email: r.email, name: r.name, count: Number(r.count) }));
}

export async function markReminded(db: Db, organisationId: string, at: Date): Promise<void> {
  await db.updateTable('organisations').set({ reminded_at: at }).where('id', '=', organisationId).execute();
}

/** Published activities last confirmed before `before` (YYYY-MM-DD): too old to be shown in search. */
export async function publishedAssuredBefore(db: Db, before: string): Promise<ActivityRow[]> {
  return db.selectFrom('activities').selectAll().where('status', '=', 'published').where('assured_date', '<', before).orderBy('organisation_id').orderBy('key').execute();
}
