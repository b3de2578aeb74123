/**
 * `format=ndjson`: every result, one JSON object per line, without the page envelope,
 * streamed batch by batch so neither side holds the whole list. Each batch gets its own
 * Meilisearch deadline: the request's deadline is for one answer, a stream takes longer.
 */
import type { Context, TypedResponse } from 'hono';
import { withMeiliDeadline } from '../backend.js';
import { pageEnvelope, pageOf, pageRequest } from './paging.js';

type Json = Record<string, unknown>;

/**
 * The typed routes know one response format per status (JSON); a 200 that is a stream of
 * lines is declared in the OpenAPI document beside it, and typed as that JSON answer here.
 */
type AsRouteAnswer = Response & TypedResponse<Record<string, never>, 200, 'json'>;
export const asRouteAnswer = (res: Response) => res as AsRouteAnswer;

export const NDJSON_TYPE = 'application/x-ndjson';
export const NDJSON_BATCH = 500;
/** Meilisearch pages no deeper than this (maxTotalHits). */
const MAX_RESULTS = 10_000;

/** Lines of `batch(offset, limit)` until a batch comes back short. */
export function ndjsonResponse(c: Context, batch: (offset: number, limit: number) => Promise<Json[]>, meiliTimeoutMs: number) {
  const encoder = new TextEncoder();
  let offset = 0;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return;
      try {
        const limit = Math.min(NDJSON_BATCH, MAX_RESULTS - offset);
        const items = limit > 0 ? await withMeiliDeadline(meiliTimeoutMs, () => batch(offset, limit)) : [];
        offset += items.length;
        if (items.length > 0) controller.enqueue(encoder.encode(items.map((i) => `${JSON.stringify(i)}\n`).join('')));
        if (items.length < limit || limit <= 0) {
          done = true;
          controller.close();
        }
      } catch (err) {
        // Headers are gone already: the reader sees a cut-off stream (no final newline).
        done = true;
        controller.error(err);
      }
    },
  });
  return c.body(stream, 200, { 'Content-Type': NDJSON_TYPE }) as Response as AsRouteAnswer;
}

/** The same lines from a list in memory (taxonomies). */
export function ndjsonOf(c: Context, items: readonly Json[]) {
  return c.body(items.map((i) => `${JSON.stringify(i)}\n`).join(''), 200, { 'Content-Type': NDJSON_TYPE }) as Response as AsRouteAnswer;
}

/** A list held in memory (taxonomies): one page of it, or every item as ndjson. */
export function memoryListAnswer(c: Context, q: { format?: 'json' | 'ndjson' | undefined; page?: number | undefined; per_page?: number | undefined }, found: readonly Json[]) {
  if (q.format === 'ndjson') return ndjsonOf(c, found);
  const paging = pageRequest(q);
  const { slice, total } = pageOf(found, paging);
  return asRouteAnswer(c.json(pageEnvelope(slice, total, paging), 200));
}
