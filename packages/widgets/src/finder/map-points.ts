/**
 * The points of the results map: every hit of a search, not only the page the list shows.
 * Part of the map chunk (finder-map.ts re-exports it), so the list view never loads it.
 */
import { ApiClient, type SearchHit, type SearchResponse } from '../internal/api-client.js';

/**
 * The most results the map fetches: twenty pages of 50, well inside the API's per-client burst.
 * Beyond it the map says it shows the first ones; the list still pages through them all.
 */
export const MAP_MAX_RESULTS = 1000;
/** Results per request while fetching them (the API's largest page). */
const PAGE_SIZE = 50;
/** Requests in flight at once. */
const PARALLEL = 4;

/**
 * Every hit of the search `params` (a query string) that `res` answered, up to MAP_MAX_RESULTS,
 * in the API's order; fetched page by page unless `res` holds them all. Rejects when a page
 * fails or `signal` aborts.
 */
export async function fetchAllHits(api: string, params: string, res: SearchResponse, signal: AbortSignal): Promise<SearchHit[]> {
  const wanted = Math.min(res.total, MAP_MAX_RESULTS);
  if (res.page === 1 && res.hits.length >= wanted) return res.hits;
  const client = new ApiClient(api);
  const pages = Array.from({ length: Math.ceil(wanted / PAGE_SIZE) }, (_, i) => i + 1);
  const byPage = new Map<number, SearchHit[]>();
  const queue = [...pages];
  const worker = async () => {
    for (let page = queue.shift(); page !== undefined; page = queue.shift()) {
      const p = new URLSearchParams(params);
      p.set('page', String(page));
      p.set('per_page', String(PAGE_SIZE));
      byPage.set(page, (await client.search(p, signal)).hits);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  // An index that changed between two pages can repeat a hit: each activity is one point.
  const seen = new Set<string>();
  return pages.flatMap((page) => byPage.get(page) ?? []).filter((h) => !seen.has(h.id) && !!seen.add(h.id));
}
