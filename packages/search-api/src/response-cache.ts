/**
 * An exact response cache for /v1/search: what Meilisearch found for a query, kept per live
 * index version, so the same question asked again (the gemeente page's first load, the
 * needs a GP picks most) costs no Meilisearch call until the index changes.
 *
 * Exact, not "fresh enough": the key holds the index version, and the live index changes
 * only at a swap (the indexer publishing) or when the portal upserts a provider's edit. Both
 * change the index's `updatedAt` in Meilisearch (a swap also brings the other index's
 * `createdAt`), which the API reads with its search-only key (`GET /indexes/{uid}`, right
 * `indexes.get`; a tasks cursor would need `tasks.get`). It is read for every request, not
 * once a second: a sub-millisecond call that makes a hit exact to the moment, and lets an
 * outage answer 503 at once instead of from the cache. A miss is stored only when the version
 * after the search is still the one before it, so an entry never mixes two versions (even
 * when a swap back brings an older version again).
 *
 * What is kept is the answer before it is shown (`SearchFindings`): labels (language), next
 * sessions and staleness (the clock) and the echoed query are worked out for each request,
 * so one entry serves every language and stays right as time passes.
 */
import type { SearchFindings, NormalizedQuery } from './search.js';
import { LruCache } from './nearby.js';

/**
 * The text as far as Meilisearch and the query understanding tell it apart: case and accents
 * do not change what they find ("Taalcafé" = "taalcafe"); punctuation stays (quotes make a
 * phrase).
 */
export function foldQueryText(q: string): string {
  return q.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

const sorted = (xs: readonly string[]) => [...xs].sort();

/** Everything in `n` that changes what Meilisearch finds, lists in a fixed order; not the language, not how the place was written. */
export function searchCacheKey(n: NormalizedQuery): string {
  return JSON.stringify([
    foldQueryText(n.q),
    sorted(n.category),
    sorted(n.need),
    n.center ? [n.center.lat, n.center.lng, n.radius] : null,
    sorted(n.day),
    sorted(n.partOfDay),
    n.free,
    sorted(n.audience),
    n.wheelchair,
    n.online,
    sorted(n.status),
    n.page,
    n.perPage,
    n.sort,
    n.understand,
  ]);
}

export class SearchResponseCache {
  private readonly entries: LruCache<SearchFindings>;

  /** `capacity` answers at most (least recently used go first); 0 keeps nothing. */
  constructor(readonly capacity: number) {
    this.entries = new LruCache(capacity);
  }

  get enabled(): boolean {
    return this.capacity > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get(version: string, n: NormalizedQuery): SearchFindings | undefined {
    return this.enabled ? this.entries.get(`${version}\n${searchCacheKey(n)}`) : undefined;
  }

  set(version: string, n: NormalizedQuery, found: SearchFindings): void {
    if (this.enabled) this.entries.set(`${version}\n${searchCacheKey(n)}`, found);
  }
}
