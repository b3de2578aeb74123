/**
 * The monitor's questions to the referrals table. Every query is a GROUP BY: only counts
 * (and the two percentiles) leave the database, never a referral. Small counts do leave it
 * here; report.ts suppresses them before anything reaches a page or a response.
 *
 * The period is the Netherlands' calendar: a referral made on 31 March at 23:30 in
 * Amsterdam counts for March, whatever the server's time zone.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '@sociale-kaart/db';
import type { MonitorQuery } from './params.js';

/** Statuses only the receiving side sets: any of them means the referral was received. */
export const RECEIVED_STATUSES = ['received', 'contacted', 'started', 'declined', 'closed', 'handed_over', 'handed_to_colleague'] as const;

const localTime = sql`(r.created_at at time zone 'Europe/Amsterdam')`;
const month = sql<string>`to_char(${localTime}, 'YYYY-MM')`;

function scope(q: MonitorQuery): RawBuilder<unknown> {
  const period = sql`${localTime}::date between ${q.from}::date and ${q.to}::date`;
  return q.gemeente === null ? period : sql`${period} and r.gemeente = ${q.gemeente}`;
}

const hasStatus = (statuses: readonly string[]) =>
  sql`exists (select 1 from jsonb_array_elements(r.history) e where e->>'status' in (${sql.join(statuses.map((s) => sql.lit(s)))}))`;

const n = (v: unknown) => Number(v ?? 0);

export async function referralsPerMonth(db: Db, q: MonitorQuery): Promise<Map<string, number>> {
  const { rows } = await sql<{ month: string; n: number }>`select ${month} as month, count(*) as n from referrals r where ${scope(q)} group by 1`.execute(db);
  return new Map(rows.map((r) => [r.month, n(r.n)]));
}

/** Referrals per need key (a referral with two needs counts for both). */
export async function referralsByReason(db: Db, q: MonitorQuery): Promise<Array<{ reason: string; n: number }>> {
  const { rows } = await sql<{ reason: string; n: number }>`
    select reason, count(*) as n
    from referrals r cross join lateral jsonb_array_elements_text(r.reasons) as reason
    where ${scope(q)} group by reason order by reason`.execute(db);
  return rows.map((r) => ({ reason: r.reason, n: n(r.n) }));
}

/**
 * Gives every referring practice seen so far its place in line, once (the oldest referral
 * first), so its letter never changes: not with the period, not when old referrals go.
 */
export async function registerPractices(db: Db): Promise<void> {
  await db
    .insertInto('monitor_practices')
    .columns(['referrer'])
    .expression(
      db
        .selectFrom('referrals as r')
        .select('r.referrer')
        .where('r.referrer', 'is not', null)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('monitor_practices as p').select('p.seq').whereRef('p.referrer', '=', 'r.referrer'))))
        .groupBy('r.referrer')
        .orderBy((eb) => eb.fn.min('r.created_at'))
        .orderBy('r.referrer')
        .$narrowType<{ referrer: string }>(),
    )
    .onConflict((oc) => oc.column('referrer').doNothing())
    .execute();
}

/** Referrals per practice, by its rank (1 = A) and the name the operator gave it; the `sub` itself stays in the database. */
export async function referralsByPractice(db: Db, q: MonitorQuery): Promise<Array<{ rank: number | null; name: string | null; n: number }>> {
  await registerPractices(db);
  const ranked = db
    .selectFrom('monitor_practices')
    .select((eb) => ['referrer', 'name', eb.fn.agg<number>('row_number').over((ob) => ob.orderBy('seq')).as('rank')]);
  const rows = await db
    .selectFrom('referrals as r')
    .leftJoin(ranked.as('p'), 'p.referrer', 'r.referrer')
    .select((eb) => ['p.rank', 'p.name', eb.fn.countAll<number>().as('n')])
    .where(scope(q) as RawBuilder<boolean>)
    .groupBy(['p.rank', 'p.name'])
    .orderBy('p.rank', (ob) => ob.asc().nullsLast())
    .execute();
  return rows.map((r) => ({ rank: r.rank === null ? null : n(r.rank), name: r.name, n: n(r.n) }));
}

export interface FunnelCounts {
  sent: number;
  received: number;
  contacted: number;
  started: number;
  declined: number;
}

/**
 * How far referrals got. `sent`: every referral made; `received`: the receiving side set any
 * status; `contacted`: a first contact is recorded (contacted or started); `started`: a
 * `started` status; `declined`: declined is the referral's current status.
 */
export async function funnel(db: Db, q: MonitorQuery): Promise<FunnelCounts> {
  const { rows } = await sql<Record<keyof FunnelCounts, number>>`
    select count(*) as sent,
      count(*) filter (where ${hasStatus(RECEIVED_STATUSES)}) as received,
      count(*) filter (where r.first_contact_at is not null) as contacted,
      count(*) filter (where ${hasStatus(['started'])}) as started,
      count(*) filter (where r.status = 'declined') as declined
    from referrals r where ${scope(q)}`.execute(db);
  const row = rows[0];
  return { sent: n(row?.sent), received: n(row?.received), contacted: n(row?.contacted), started: n(row?.started), declined: n(row?.declined) };
}

/**
 * Declined referrals by the reason of their latest `declined` entry, grouped case- and
 * space-insensitively ('' = no reason given). `label` is one spelling of it.
 */
export async function declinedByReason(db: Db, q: MonitorQuery): Promise<Array<{ reason: string; label: string; n: number }>> {
  const { rows } = await sql<{ reason: string; label: string; n: number }>`
    select lower(trim(coalesce(d.reason, ''))) as reason, min(trim(coalesce(d.reason, ''))) as label, count(*) as n
    from referrals r
    cross join lateral (
      select e->>'reason' as reason from jsonb_array_elements(r.history) with ordinality as x(e, i)
      where e->>'status' = 'declined' order by x.i desc limit 1
    ) d
    where ${scope(q)} and r.status = 'declined'
    group by 1 order by 1`.execute(db);
  return rows.map((r) => ({ reason: r.reason, label: r.label, n: n(r.n) }));
}

export interface FirstContactRow {
  month: string;
  n: number;
  median: number;
  p90: number;
}

/**
 * Days from referral to first contact, per month of the referral: PostgreSQL's
 * percentile_cont (linear interpolation between the two nearest values, like Excel's
 * PERCENTILE.INC), over exact fractional days.
 */
export async function firstContactDays(db: Db, q: MonitorQuery): Promise<FirstContactRow[]> {
  const days = sql`extract(epoch from (r.first_contact_at - r.created_at)) / 86400.0`;
  const { rows } = await sql<{ month: string; n: number; median: number; p90: number }>`
    select ${month} as month, count(*) as n,
      percentile_cont(0.5) within group (order by ${days}) as median,
      percentile_cont(0.9) within group (order by ${days}) as p90
    from referrals r where ${scope(q)} and r.first_contact_at is not null
    group by 1 order by 1`.execute(db);
  return rows.map((r) => ({ month: r.month, n: n(r.n), median: Number(r.median), p90: Number(r.p90) }));
}

/** Started referrals per started activity ('' = started without naming the activity). */
export async function startedActivities(db: Db, q: MonitorQuery): Promise<Array<{ activityId: string; n: number }>> {
  const { rows } = await sql<{ activity_id: string; n: number }>`
    select coalesce(r.started_activity_id, '') as activity_id, count(*) as n
    from referrals r where ${scope(q)} and ${hasStatus(['started'])}
    group by 1 order by 1`.execute(db);
  return rows.map((r) => ({ activityId: r.activity_id, n: n(r.n) }));
}

/** The gemeenten referrals name (for the filter's choices). */
export async function referralGemeenten(db: Db): Promise<string[]> {
  const { rows } = await sql<{ gemeente: string }>`select distinct gemeente from referrals where gemeente is not null order by gemeente`.execute(db);
  return rows.map((r) => r.gemeente);
}
