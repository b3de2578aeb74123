/**
 * The HSDS page envelope (openapi.json `Page`): total_items, total_pages, page_number,
 * size, first_page, last_page, empty, then contents. Paging itself is done by Meilisearch
 * (page/hitsPerPage); only the tiny taxonomy lists are paged in memory.
 */
import { DEFAULT_PER_PAGE } from './parameters.js';

type Json = Record<string, unknown>;

export interface PageRequest {
  page: number;
  perPage: number;
}

export function pageRequest(q: { page?: number | undefined; per_page?: number | undefined }): PageRequest {
  return { page: q.page ?? 1, perPage: q.per_page ?? DEFAULT_PER_PAGE };
}

export function pageEnvelope(contents: Json[], totalItems: number, { page, perPage }: PageRequest): Json {
  const totalPages = Math.max(1, Math.ceil(totalItems / perPage));
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** A page of a list held in memory. */
export function pageOf<T>(items: readonly T[], request: PageRequest): { slice: T[]; total: number } {
  const start = (request.page - 1) * request.perPage;
  return { slice: items.slice(start, start + request.perPage), total: items.length };
}
