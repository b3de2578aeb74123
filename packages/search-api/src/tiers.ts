/**
 * A ranked list made of tiers: the activities of a need the GP chose (or typed) first, then
 * those in a category that helps with it, then everything else the text finds. Meilisearch
 * ranks by relevance only, so each tier is its own query with a filter that excludes the
 * tiers before it; the tiers are disjoint, and the list is their concatenation.
 *
 * A page is cut from the concatenation exactly: round one asks the first tier for the page
 * (with its exact total), the exact totals of the middle tiers, and the facet counts; round
 * two (only when the first tier does not fill the page) asks each later tier for its part of
 * the window. Totals and facet counts are sums over disjoint "count groups" (consecutive
 * tiers with the same text merged into one OR filter, so a need without typed words costs
 * one facet query, as before).
 */
import { not, type FilterCondition, type MeiliFilter } from '@sociale-kaart/meili';
import type { Activity } from '@sociale-kaart/schema';
import type { SearchBackend, SearchRequest, SearchResult } from './backend.js';

/** What ranks before what follows it: activities that meet `condition`, searched with `q`. */
export interface Preference {
  condition: FilterCondition;
  q: string;
  /** Within the preference, those that also meet this come first (a tier of their own). */
  first?: FilterCondition;
}

export interface Tier {
  q: string;
  filter: MeiliFilter;
}

export interface TierPlan {
  /** In ranking order, disjoint. */
  tiers: Tier[];
  /** Disjoint, together exactly the tiers: what totals and facets are counted over. */
  counts: Tier[];
}

/**
 * The tiers of `prefs` within `common`, each excluding the preferences before it, and with
 * `last` one more tier: everything else in `common` that `last.q` finds.
 */
export function planTiers(common: MeiliFilter, prefs: Preference[], last: { q: string } | null): TierPlan {
  const excluded = (i: number) => prefs.slice(0, i).map((p) => not(p.condition));
  const tiers: Tier[] = prefs.flatMap((p, i) => {
    const filter = [...common, p.condition, ...excluded(i)];
    return p.first ? [{ q: p.q, filter: [...filter, p.first] }, { q: p.q, filter: [...filter, not(p.first)] }] : [{ q: p.q, filter }];
  });
  if (last) tiers.push({ q: last.q, filter: [...common, ...excluded(prefs.length)] });

  // Consecutive preferences with the same text count as one OR filter.
  const counts: Tier[] = [];
  const texts = [...prefs.map((p) => p.q), ...(last ? [last.q] : [])];
  for (let start = 0; start < texts.length; ) {
    let end = start + 1;
    while (end < texts.length && texts[end] === texts[start]) end++;
    const group = prefs.slice(start, end).map((p) => p.condition);
    const reachesLast = last !== null && end === texts.length;
    // Preferences start..end-1 (OR), or, when the group runs to the last tier, anything not excluded.
    const within: MeiliFilter = reachesLast ? [] : group.length === 1 ? [group[0]!] : [group];
    counts.push({ q: texts[start]!, filter: [...common, ...within, ...excluded(start)] });
    start = end;
  }
  return { tiers, counts };
}

export interface TierWindow {
  page: number;
  perPage: number;
  /** Retrieval and highlighting parameters of the hits. */
  hitParams: SearchRequest;
  sort?: string[] | undefined;
  facets: string[];
  /** Other queries to send in the first round trip (their answers come back in `extraResults`). */
  extra?: SearchRequest[];
  /** Send round one's hits and its counts as two concurrent requests (search.ts `parallel`). */
  parallel?: boolean;
}

export interface TierResult {
  hits: Activity[];
  /** Per hit, the text of the tier that found it (what its words are marked by). */
  hitQueries: string[];
  total: number;
  /** Per tier, in order. */
  tierTotals: number[];
  facetDistribution: Record<string, Record<string, number>>;
  extraResults: Array<SearchResult<Activity>>;
}

const textOf = (t: Tier): SearchRequest => ({ q: t.q });

/** Sums facet distributions of disjoint sets: the counts of their union. */
export function addFacets(dists: Array<Record<string, Record<string, number>> | undefined>): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const dist of dists) {
    for (const [facet, counts] of Object.entries(dist ?? {})) {
      const into = (out[facet] ??= {});
      for (const [key, n] of Object.entries(counts)) into[key] = (into[key] ?? 0) + n;
    }
  }
  return out;
}

/** The count queries of `plan` for `facets` (no hits). */
export function countRequests(plan: TierPlan, facets: string[]): SearchRequest[] {
  return plan.counts.map((c) => ({ ...textOf(c), filter: c.filter, page: 1, hitsPerPage: 0, facets }));
}

export async function searchTiers(backend: SearchBackend, plan: TierPlan, w: TierWindow): Promise<TierResult> {
  const { tiers } = plan;
  const offset = (w.page - 1) * w.perPage;
  const sort = w.sort ? { sort: w.sort } : {};
  const middle = tiers.slice(1, -1);
  const first: SearchRequest = { ...textOf(tiers[0]!), ...w.hitParams, ...sort, filter: tiers[0]!.filter, page: w.page, hitsPerPage: w.perPage };
  const rest = [...middle.map((t) => ({ ...textOf(t), filter: t.filter, page: 1, hitsPerPage: 0 })), ...countRequests(plan, w.facets), ...(w.extra ?? [])];
  const round1 = w.parallel
    ? await Promise.all([backend.search<Activity>(first), backend.multiSearch<Activity>(rest)]).then(([hits, others]) => [hits, ...others])
    : await backend.multiSearch<Activity>([first, ...rest]);
  const countResults = round1.slice(1 + middle.length, 1 + middle.length + plan.counts.length);
  const extraResults = round1.slice(1 + middle.length + plan.counts.length);
  const total = countResults.reduce((sum, r) => sum + (r.totalHits ?? 0), 0);
  const known = round1.slice(0, 1 + middle.length).map((r) => r.totalHits ?? 0);
  const tierTotals = tiers.length > 1 ? [...known, Math.max(0, total - known.reduce((a, b) => a + b, 0))] : known;
  const hits = [...((round1[0]?.hits ?? []) as Activity[])];
  const hitQueries = hits.map(() => tiers[0]!.q);

  if (hits.length < w.perPage && tiers.length > 1) {
    const later: SearchRequest[] = [];
    let start = tierTotals[0]!;
    for (let i = 1; i < tiers.length && start < offset + w.perPage; i++) {
      const from = Math.max(0, offset - start);
      const size = Math.min(tierTotals[i]! - from, offset + w.perPage - Math.max(offset, start));
      if (size > 0) later.push({ ...textOf(tiers[i]!), ...w.hitParams, ...sort, filter: tiers[i]!.filter, offset: from, limit: size });
      start += tierTotals[i]!;
    }
    const round2 = later.length ? await backend.multiSearch<Activity>(later) : [];
    round2.forEach((r, i) => {
      for (const hit of (r.hits ?? []) as Activity[]) {
        hits.push(hit);
        hitQueries.push(later[i]!.q ?? '');
      }
    });
  }
  return { hits: hits.slice(0, w.perPage), hitQueries: hitQueries.slice(0, w.perPage), total, tierTotals, extraResults, facetDistribution: addFacets(countResults.map((r) => r.facetDistribution as Record<string, Record<string, number>> | undefined)) };
}
