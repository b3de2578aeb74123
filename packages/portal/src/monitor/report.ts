/**
 * The monitor report: the aggregates of queries.ts and supply.ts, with every count of
 * people suppressed (suppression.ts) before it leaves this module. The page, the JSON answer
 * and the CSV export are all made from this one object, so they always show the same.
 */
import { categoryLabel, needLabel } from '@sociale-kaart/schema';
import type { MonitorQuery } from './params.js';
import { monthsOf } from './params.js';
import { declinedByReason, firstContactDays, funnel, referralsByPractice, referralsByReason, referralsPerMonth, startedActivities } from './queries.js';
import { SMALL_CELL, SUPPRESSED, suppressCell, suppressPartition, type Cell, type Suppressed } from './suppression.js';
import { categoriesOfActivities, supplyCounts, type MonitorSource } from './supply.js';

export const FUNNEL_STAGES = ['sent', 'received', 'contacted', 'started'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** Dimension keys that are not a value of the data itself. */
export const UNKNOWN = '(onbekend)';
export const OTHER = '(overig)';
export const NONE = '(geen)';

export interface MonitorReport {
  period: { from: string; to: string; gemeente: string | null };
  suppression: { threshold: number };
  referrals: {
    total: Cell;
    perMonth: Array<{ month: string; count: Cell }>;
    byReason: Array<{ reason: string; label: string; count: Cell }>;
    byPractice: Array<{ practice: string; count: Cell }>;
    funnel: Array<{ stage: FunnelStage; count: Cell }>;
    declined: { total: Cell; byReason: Array<{ reason: string; count: Cell }> };
    firstContactDays: Array<{ month: string; contacted: Cell; median: number | Suppressed; p90: number | Suppressed }>;
    startedByCategory: Array<{ category: string; label: string; count: Cell }>;
  };
  /** Null when the index could not be read; the referral numbers stand on their own. */
  supply: {
    activities: number;
    byCategory: Array<{ category: string; label: string; count: number }>;
    byGemeente: Array<{ gemeente: string; count: number }>;
    byPostcode: Array<{ pc4: string; count: number }>;
    welzijnOpRecept: { count: number; share: number };
    stale: { count: number; share: number; staleDays: number };
    organisations: { total: number; neverConfirmed: number };
  } | null;
}

/** "praktijk A" … "praktijk Z", "praktijk AA" …: the letters of a rank (1-based). */
export function practiceLetters(rank: number): string {
  let s = '';
  for (let r = rank; r > 0; r = Math.floor((r - 1) / 26)) s = String.fromCharCode(65 + ((r - 1) % 26)) + s;
  return s;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000);

/** Partition suppression over keyed counts, keeping the keys in order. */
function partition<K>(rows: ReadonlyArray<{ key: K; n: number }>, total: number) {
  const s = suppressPartition(
    rows.map((r) => r.n),
    total,
  );
  return { total: s.total, cells: rows.map((r, i) => ({ key: r.key, count: s.cells[i]! })) };
}

/**
 * Declined reasons are free text: a reason given fewer than {@link SMALL_CELL} times is
 * folded into "other" before anything is shown, so its words never reach the page.
 */
function foldReasons(rows: ReadonlyArray<{ reason: string; label: string; n: number }>): Array<{ key: string; n: number }> {
  const out: Array<{ key: string; n: number }> = [];
  let other = 0;
  for (const r of rows) {
    if (r.reason === '') out.push({ key: NONE, n: r.n });
    else if (r.n >= SMALL_CELL) out.push({ key: r.label, n: r.n });
    else other += r.n;
  }
  if (other > 0) out.push({ key: OTHER, n: other });
  return out;
}

export async function buildReport(source: MonitorSource, q: MonitorQuery, log: (line: Record<string, unknown>) => void = () => {}): Promise<MonitorReport> {
  const { db } = source;
  const [perMonth, byReason, byPractice, stages, declined, contact, started] = await Promise.all([
    referralsPerMonth(db, q),
    referralsByReason(db, q),
    referralsByPractice(db, q),
    funnel(db, q),
    declinedByReason(db, q),
    firstContactDays(db, q),
    startedActivities(db, q),
  ]);

  const months = partition(
    monthsOf(q).map((m) => ({ key: m, n: perMonth.get(m) ?? 0 })),
    stages.sent,
  );
  const practices = partition(
    byPractice.map((p) => ({ key: p.rank === null ? UNKNOWN : (p.name ?? `praktijk ${practiceLetters(p.rank)}`), n: p.n })),
    stages.sent,
  );
  const declinedParts = partition(foldReasons(declined), stages.declined);

  const contactByMonth = new Map(contact.map((c) => [c.month, c]));
  const firstContact = monthsOf(q).map((m) => {
    const c = contactByMonth.get(m);
    const enough = c !== undefined && c.n >= SMALL_CELL;
    return { month: m, contacted: suppressCell(c?.n ?? 0), median: enough ? round1(c.median) : SUPPRESSED, p90: enough ? round1(c.p90) : SUPPRESSED };
  });

  const categoriesOf = await categoriesOfActivities(source, started.map((s) => s.activityId));
  const startedCategories = new Map<string, number>();
  for (const s of started) {
    const cats = categoriesOf.get(s.activityId);
    for (const c of cats && cats.length > 0 ? new Set(cats) : [UNKNOWN]) startedCategories.set(c, (startedCategories.get(c) ?? 0) + s.n);
  }

  let supply: MonitorReport['supply'] = null;
  try {
    const s = await supplyCounts(source, q);
    const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'nl'));
    supply = {
      activities: s.activities,
      byCategory: sorted(s.byCategory).map(([category, count]) => ({ category, label: categoryLabel(category), count })),
      byGemeente: sorted(s.byGemeente).map(([gemeente, count]) => ({ gemeente: gemeente || UNKNOWN, count })),
      byPostcode: sorted(s.byPostcode).map(([pc4, count]) => ({ pc4: pc4 || NONE, count })),
      welzijnOpRecept: { count: s.welzijnOpRecept, share: share(s.welzijnOpRecept, s.activities) },
      stale: { count: s.stale, share: share(s.stale, s.activities), staleDays: source.freshness.staleDays },
      organisations: { total: s.organisations, neverConfirmed: s.neverConfirmed },
    };
  } catch (err) {
    log({ level: 'error', msg: 'monitor: the index could not be read', error: err instanceof Error ? err.message : String(err) });
  }

  return {
    period: { from: q.from, to: q.to, gemeente: q.gemeente },
    suppression: { threshold: SMALL_CELL },
    referrals: {
      total: months.total,
      perMonth: months.cells.map((c) => ({ month: c.key, count: c.count })),
      byReason: byReason.map((r) => ({ reason: r.reason, label: needLabel(r.reason), count: suppressCell(r.n) })),
      byPractice: practices.cells.map((c) => ({ practice: c.key, count: c.count })),
      funnel: FUNNEL_STAGES.map((stage) => ({ stage, count: suppressCell(stages[stage]) })),
      declined: { total: declinedParts.total, byReason: declinedParts.cells.map((c) => ({ reason: c.key, count: c.count })) },
      firstContactDays: firstContact,
      // Suppressed cells last and in name order: their order must not tell which is bigger.
      startedByCategory: [...startedCategories]
        .map(([category, n]) => [category, n < SMALL_CELL ? -1 : n] as const)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([category, n]) => ({ category, label: category === UNKNOWN ? UNKNOWN : categoryLabel(category), count: n < 0 ? SUPPRESSED : n })),
    },
    supply,
  };
}
