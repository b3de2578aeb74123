/** What every HSDS route needs, and the Meilisearch reads they share. */
import type { Context } from 'hono';
import type { Activity } from '@sociale-kaart/schema';
import { buildFilter, type MeiliFilter } from '@sociale-kaart/meili';
import type { SearchBackend, SearchRequest } from '../backend.js';
import type { IdLookup } from './lookup.js';
import { asRouteAnswer, ndjsonResponse } from './ndjson.js';
import { pageEnvelope, pageRequest } from './paging.js';

type Json = Record<string, unknown>;

export interface HsdsRouteDeps {
  backend: SearchBackend;
  lookup: IdLookup;
  /** Deadline of each batch of an ndjson stream (the API's Meilisearch timeout). */
  meiliTimeoutMs: number;
}

/** At most this many documents of one service or organisation are read for a nested record. */
const MAX_NESTED = 1000;

/** Every document of the given services, grouped by serviceId in the order asked. */
export async function documentsOfServices(backend: SearchBackend, serviceIds: readonly string[]): Promise<Activity[][]> {
  if (serviceIds.length === 0) return [];
  const res = await backend.search<Activity>({ q: '', filter: buildFilter({ serviceId: [...new Set(serviceIds)] }), limit: MAX_NESTED });
  const docs = res.hits as Activity[];
  return serviceIds.map((id) => docs.filter((d) => d.serviceId === id));
}

/** Every document of one organisation. */
export async function documentsOfOrganization(backend: SearchBackend, organizationId: string): Promise<Activity[]> {
  const res = await backend.search<Activity>({ q: '', filter: buildFilter({ organizationId: [organizationId] }), limit: MAX_NESTED, sort: ['title:asc'] });
  return res.hits as Activity[];
}

/** Documents grouped by serviceId, in first-seen order. */
export function byService(docs: readonly Activity[]): Activity[][] {
  const groups = new Map<string, Activity[]>();
  for (const d of docs) {
    const g = groups.get(d.serviceId);
    if (g) g.push(d);
    else groups.set(d.serviceId, [d]);
  }
  return [...groups.values()];
}

export interface ListQuery {
  format?: 'json' | 'ndjson' | undefined;
  page?: number | undefined;
  per_page?: number | undefined;
}

/**
 * A list answer: one page (Meilisearch's page/hitsPerPage) in the HSDS envelope, or with
 * `format=ndjson` every result streamed. `filter` null: nothing matches, nothing is asked.
 */
export async function listAnswer(
  c: Context,
  { backend, meiliTimeoutMs }: HsdsRouteDeps,
  q: ListQuery,
  search: { request: SearchRequest; filter: MeiliFilter | null },
  items: (hits: Activity[]) => Json[] | Promise<Json[]>,
) {
  const { request, filter } = search;
  if (q.format === 'ndjson') {
    return ndjsonResponse(c, async (offset, limit) => (filter === null ? [] : items((await backend.search<Activity>({ ...request, filter, offset, limit })).hits as Activity[])), meiliTimeoutMs);
  }
  const paging = pageRequest(q);
  if (filter === null) return asRouteAnswer(c.json(pageEnvelope([], 0, paging), 200));
  const res = await backend.search<Activity>({ ...request, filter, page: paging.page, hitsPerPage: paging.perPage });
  return asRouteAnswer(c.json(pageEnvelope(await items(res.hits as Activity[]), res.totalHits ?? 0, paging), 200));
}
