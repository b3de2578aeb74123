/**
 * The supply side: what is on offer, from the live Meilisearch index (every source: feeds,
 * files and the portal) and, for confirming, the portal's own activities table. These are
 * counts of public activities, not of people, so they are shown exactly (see the README).
 */
import { sql } from 'kysely';
import type { Meilisearch } from 'meilisearch';
import type { Db } from '@sociale-kaart/db';
import { eq } from '@sociale-kaart/meili';
import { freshnessState, type Freshness } from '../freshness.js';
import type { MonitorQuery } from './params.js';

export interface MonitorSource {
  db: Db;
  meili: Meilisearch;
  index: string;
  freshness: Freshness;
  /** Today (YYYY-MM-DD) in the Netherlands. */
  today: () => string;
}

export interface SupplyCounts {
  activities: number;
  byCategory: Map<string, number>;
  byGemeente: Map<string, number>;
  /** PC4 → activities; '' for activities without a postcode (online only). */
  byPostcode: Map<string, number>;
  welzijnOpRecept: number;
  stale: number;
  /** Organisations in the portal with activities in scope, and those never confirmed since publishing. */
  organisations: number;
  neverConfirmed: number;
}

interface SupplyDoc {
  categories?: string[];
  gemeente?: string | null;
  location?: { postcode?: string | null } | null;
  acceptsWelzijnOpRecept?: boolean;
  assuredDate?: string | null;
  lastModified?: string;
}

const PAGE = 1000;
const FIELDS: Array<keyof SupplyDoc> = ['categories', 'gemeente', 'location', 'acceptsWelzijnOpRecept', 'assuredDate', 'lastModified'];

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** Active activities in the index (in the gemeente, if one is asked), counted page by page. */
export async function supplyCounts(source: MonitorSource, q: Pick<MonitorQuery, 'gemeente'>): Promise<SupplyCounts> {
  const counts: SupplyCounts = { activities: 0, byCategory: new Map(), byGemeente: new Map(), byPostcode: new Map(), welzijnOpRecept: 0, stale: 0, organisations: 0, neverConfirmed: 0 };
  const filter = [eq('status', 'active'), ...(q.gemeente === null ? [] : [eq('gemeente', q.gemeente)])];
  const today = source.today();
  const index = source.meili.index(source.index);
  for (let offset = 0; ; offset += PAGE) {
    let page;
    try {
      page = await index.getDocuments<SupplyDoc>({ filter, fields: FIELDS, limit: PAGE, offset });
    } catch (err) {
      // No index yet (nothing ingested or published): nothing on offer.
      if ((err as { cause?: { code?: string } }).cause?.code === 'index_not_found') break;
      throw err;
    }
    for (const d of page.results) {
      counts.activities++;
      for (const c of new Set(d.categories ?? [])) bump(counts.byCategory, c);
      bump(counts.byGemeente, d.gemeente ?? '');
      bump(counts.byPostcode, /^\d{4}/.exec(d.location?.postcode ?? '')?.[0] ?? '');
      if (d.acceptsWelzijnOpRecept === true) counts.welzijnOpRecept++;
      const checked = d.assuredDate ?? d.lastModified?.slice(0, 10);
      if (checked && /^\d{4}-\d{2}-\d{2}$/.test(checked)) {
        const state = freshnessState(checked, today, source.freshness);
        if (state === 'stale' || state === 'hidden') counts.stale++;
      }
    }
    if (page.results.length < PAGE) break;
  }
  const orgs = await organisationConfirmations(source.db, q.gemeente);
  counts.organisations = orgs.organisations;
  counts.neverConfirmed = orgs.neverConfirmed;
  return counts;
}

/**
 * Portal organisations with activities (in the gemeente), and how many of them never
 * confirmed: none of their activities was checked ("Alles klopt nog", an edit, a newer feed
 * date) after the day it was first published.
 */
export async function organisationConfirmations(db: Db, gemeente: string | null): Promise<{ organisations: number; neverConfirmed: number }> {
  const inGemeente = gemeente === null ? sql`true` : sql`exists (select 1 from jsonb_array_elements(a.documents) d where d->>'gemeente' = ${gemeente})`;
  const { rows } = await sql<{ organisations: number; never: number }>`
    select count(*) as organisations, count(*) filter (where not confirmed) as never
    from (
      select a.organisation_id, bool_or(a.assured_date > (a.created_at at time zone 'Europe/Amsterdam')::date) as confirmed
      from activities a where ${inGemeente}
      group by a.organisation_id
    ) o`.execute(db);
  return { organisations: Number(rows[0]?.organisations ?? 0), neverConfirmed: Number(rows[0]?.never ?? 0) };
}

/** The categories of the activities patients started (Meilisearch first, the portal's table for paused or removed ones). */
export async function categoriesOfActivities(source: MonitorSource, ids: readonly string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const wanted = [...new Set(ids.filter((id) => id !== ''))];
  for (let i = 0; i < wanted.length; i += PAGE) {
    const chunk = wanted.slice(i, i + PAGE);
    try {
      const page = await source.meili.index(source.index).getDocuments<{ id: string; categories?: string[] }>({ ids: chunk, fields: ['id', 'categories'], limit: chunk.length });
      for (const d of page.results) found.set(String(d.id), d.categories ?? []);
    } catch (err) {
      if ((err as { cause?: { code?: string } }).cause?.code !== 'index_not_found') throw err;
    }
  }
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0) {
    const { rows } = await sql<{ id: string; categories: string[] | null }>`
      select d->>'id' as id, d->'categories' as categories
      from activities a cross join lateral jsonb_array_elements(a.documents) d
      where d->>'id' in (${sql.join(missing)})`.execute(source.db);
    for (const r of rows) if (!found.has(r.id)) found.set(r.id, Array.isArray(r.categories) ? r.categories : []);
  }
  return found;
}
