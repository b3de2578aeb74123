/** Feeds an organisation registered: pulled on a schedule, the last result kept for its page. */
import type { Db } from './connect.js';
import type { Feed } from './tables.js';

export const DEFAULT_FEED_SCHEDULE = '0 * * * *';

export async function createFeed(db: Db, input: { organisationId: string; url: string; format?: string | null; schedule?: string }, now = new Date()): Promise<Feed> {
  return db
    .insertInto('feeds')
    .values({
      organisation_id: input.organisationId,
      url: input.url,
      format: input.format ?? null,
      schedule: input.schedule ?? DEFAULT_FEED_SCHEDULE,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function feedsOf(db: Db, organisationId: string): Promise<Feed[]> {
  return db.selectFrom('feeds').selectAll().where('organisation_id', '=', organisationId).orderBy('id').execute();
}

export async function allFeeds(db: Db): Promise<Feed[]> {
  return db.selectFrom('feeds').selectAll().orderBy('id').execute();
}

export async function getFeed(db: Db, id: number): Promise<Feed | undefined> {
  return db.selectFrom('feeds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteFeed(db: Db, organisationId: string, id: number): Promise<boolean> {
  const r = await db.deleteFrom('feeds').where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export interface PullRecord {
  result: Record<string, unknown>;
  /** New validators from a 200; unchanged on a 304 or a failure. */
  etag?: string | null;
  lastModified?: string | null;
}

export async function recordFeedPull(db: Db, id: number, pull: PullRecord, now = new Date()): Promise<void> {
  await db
    .updateTable('feeds')
    .set({
      last_result: JSON.stringify(pull.result),
      last_pulled_at: now,
      updated_at: now,
      ...(pull.etag !== undefined ? { etag: pull.etag } : {}),
      ...(pull.lastModified !== undefined ? { last_modified: pull.lastModified } : {}),
    })
    .where('id', '=', id)
    .execute();
}
