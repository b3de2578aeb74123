/**
 * "What is near this point", fast, with exactly the hits of the naive query.
 *
 * The naive query is `filter AND _geoRadius(center, R)` sorted by `_geoPoint(center)`.
 * Meilisearch evaluates `_geoRadius` through its R-tree, which costs several milliseconds
 * per query on a large index whatever the radius, while a `_geoBoundingBox` filter is a
 * cheap range lookup. So:
 *
 * 1. Query a small box around the center, sorted by distance, for the first N = offset +
 *    limit hits.
 * 2. Every document outside the box is at least `inscribed(box)` away from the center. If
 *    the box returned N hits and the N-th is nearer than that (minus a safety margin),
 *    nothing outside the box can come before it: these are the first N hits of the whole
 *    index, in Meilisearch's own order. If the box encloses the whole circle, everything in
 *    the circle is in the box. Otherwise widen the box (guided by the hit count) and repeat.
 * 3. Apply the exact radius to the proven hits with Meilisearch's own distance formula;
 *    a hit within half a metre of the boundary makes us ask Meilisearch itself.
 *
 * `total` and the facets are exact. When the box held every candidate they are counted
 * from the hits; otherwise one count query with the exact radius filter (no sort, no hits)
 * gives both. That query costs about as much as the naive one's own count, so its answer
 * is kept in a small LRU keyed by index version, point, radius, filter and facets: "what
 * is near this postcode" is asked for the same few thousand points again and again.
 */
import { buildFilter, type MeiliFilter } from '@sociale-kaart/meili';
import type { LatLng } from '@sociale-kaart/schema';
import type { SearchBackend, SearchRequest, SearchResult } from './backend.js';

/** Meilisearch's Earth radius (6371 km: checked against `_geoDistance` in test/nearby.test.ts). */
export const MEILI_EARTH_RADIUS_M = 6_371_000;
const DEG = Math.PI / 180;
const KM_PER_DEG_LAT = (MEILI_EARTH_RADIUS_M / 1000) * DEG;
/** Safety margin for the completeness proof, in km. */
const MARGIN_KM = 0.002;
/** Beyond this window the naive query is used. */
export const MAX_FAST_WINDOW = 1000;
const MAX_ROUNDS = 6;

/** Haversine in metres, computed exactly as Meilisearch computes it. */
export function meiliDistanceM(a: LatLng, b: LatLng): number {
  const t1 = a.lat * DEG;
  const t2 = b.lat * DEG;
  const dt = (b.lat - a.lat) * DEG;
  const dl = (b.lng - a.lng) * DEG;
  const s1 = Math.sin(dt / 2);
  const s2 = Math.sin(dl / 2);
  const h = s1 * s1 + Math.cos(t1) * Math.cos(t2) * s2 * s2;
  return MEILI_EARTH_RADIUS_M * 2 * Math.asin(Math.sqrt(h));
}

export interface Box {
  topRight: LatLng;
  bottomLeft: LatLng;
  /** Every point outside the box is at least this far from the center (km). */
  inscribedKm: number;
  /** The farthest corner (km). */
  circumscribedKm: number;
}

/** A box with half-side `halfKm` around `center`. */
export function boxAround(center: LatLng, halfKm: number): Box {
  const cos = Math.cos(center.lat * DEG);
  const dLat = Math.min(halfKm / KM_PER_DEG_LAT, 89);
  const dLng = Math.min(halfKm / (KM_PER_DEG_LAT * Math.max(cos, 1e-6)), 179);
  const top = Math.min(center.lat + dLat, 90);
  const bottom = Math.max(center.lat - dLat, -90);
  const radiusKm = MEILI_EARTH_RADIUS_M / 1000;
  // Nearest point beyond the north/south edge is straight along the meridian; beyond the
  // east/west edge it is the cross-track distance to that meridian.
  const toEdgeLat = Math.min(top - center.lat, center.lat - bottom) * KM_PER_DEG_LAT;
  const toEdgeLng = radiusKm * Math.asin(Math.min(1, cos * Math.sin(dLng * DEG)));
  const corner = meiliDistanceM(center, { lat: top, lng: center.lng + dLng }) / 1000;
  return {
    topRight: { lat: top, lng: center.lng + dLng },
    bottomLeft: { lat: bottom, lng: center.lng - dLng },
    inscribedKm: Math.min(toEdgeLat, toEdgeLng),
    circumscribedKm: Math.max(corner, meiliDistanceM(center, { lat: bottom, lng: center.lng + dLng }) / 1000),
  };
}

export interface NearbyRequest {
  /** The non-geo part of the filter (from buildFilter and its helpers). */
  filter: MeiliFilter;
  center: LatLng;
  radiusKm: number;
  offset: number;
  limit: number;
  /** Extra search parameters for the hit queries (attributesToRetrieve, highlighting …). */
  params?: Omit<SearchRequest, 'filter' | 'sort' | 'offset' | 'limit' | 'page' | 'hitsPerPage' | 'q' | 'facets'>;
  facets?: string[];
}

export interface NearbyResult<T> {
  hits: T[];
  total: number;
  totalIsEstimate: boolean;
  facetDistribution: Record<string, Record<string, number>>;
  /** Meilisearch queries used (for tests and metrics). */
  queries: number;
  strategy: 'box' | 'naive';
}

type GeoHit = { _geo?: LatLng; id: string };

const sortBy = (c: LatLng) => [`_geoPoint(${c.lat}, ${c.lng}):asc`];

/** The reference: Meilisearch's own radius filter and distance sort. */
export async function naiveNearby<T extends GeoHit>(backend: SearchBackend, req: NearbyRequest): Promise<NearbyResult<T>> {
  const filter = [...req.filter, ...buildFilter({ geoRadius: { lat: req.center.lat, lng: req.center.lng, meters: req.radiusKm * 1000 } })];
  const [hitsRes, countRes] = await backend.multiSearch<T>([
    { q: '', ...req.params, filter, sort: sortBy(req.center), offset: req.offset, limit: req.limit },
    { q: '', filter, hitsPerPage: 0, page: 1, ...(req.facets ? { facets: req.facets } : {}) },
  ]);
  return {
    hits: hitsRes!.hits as T[],
    total: countRes!.totalHits ?? countRes!.estimatedTotalHits ?? 0,
    totalIsEstimate: false,
    facetDistribution: (countRes!.facetDistribution ?? {}) as Record<string, Record<string, number>>,
    queries: 2,
    strategy: 'naive',
  };
}

/** Total and facet counts of one nearby question (the exact radius filter). */
export interface NearbyCounts {
  total: number;
  facetDistribution: Record<string, Record<string, number>>;
  /** Half-side (km) of the box that proved the answer last time: where the next one starts. */
  halfKm?: number;
}

/** A small least-recently-used map (Map keeps insertion order). */
export class LruCache<V> {
  private readonly map = new Map<string, V>();
  constructor(readonly capacity: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }
  get size(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
}

export interface NearbyOptions {
  /** Counts (total + facets) per index version, point, radius, filter and facets. */
  cache?: LruCache<NearbyCounts>;
}

/** Same hits in the same order as {@link naiveNearby}, mostly without the R-tree radius filter. */
export async function fastNearby<T extends GeoHit>(backend: SearchBackend, req: NearbyRequest, options: NearbyOptions = {}): Promise<NearbyResult<T>> {
  const need = req.offset + req.limit;
  if (need > MAX_FAST_WINDOW) return naiveNearby(backend, req);
  const { center, radiusKm } = req;
  const boxFilter = (b: Box) => [...req.filter, ...buildFilter({ geoBoundingBox: { topRight: b.topRight, bottomLeft: b.bottomLeft } })];
  const boxQuery = (b: Box): SearchRequest => ({ q: '', ...req.params, filter: boxFilter(b), sort: sortBy(center), hitsPerPage: need, page: 1 });
  // The naive query's own count: same filter, so the same total and facets.
  const radiusFilter = [...req.filter, ...buildFilter({ geoRadius: { lat: center.lat, lng: center.lng, meters: radiusKm * 1000 } })];
  const countQuery: SearchRequest = { q: '', filter: radiusFilter, hitsPerPage: 0, page: 1, ...(req.facets ? { facets: req.facets } : {}) };

  let cacheKey: string | null = null;
  let counts: NearbyCounts | undefined;
  if (options.cache) {
    try {
      const version = await backend.indexVersion();
      cacheKey = JSON.stringify([version, center.lat, center.lng, radiusKm, req.filter, req.facets ?? null]);
      counts = options.cache.get(cacheKey);
    } catch {
      cacheKey = null;
    }
  }

  // Start where the proof succeeded last time (the proof is still made on every answer).
  let half = Math.min(counts?.halfKm ?? 1, radiusKm * 1.01 + MARGIN_KM * 2);
  let box = boxAround(center, half);
  let result: SearchResult<T>;
  let queries: number;
  if (counts) {
    result = await backend.search<T>(boxQuery(box));
    queries = 1;
  } else {
    // Hits and counts in one round trip; the counts are wasted only when the box later
    // turns out to hold every candidate.
    const [first, count] = await backend.multiSearch<T>([boxQuery(box), countQuery]);
    result = first!;
    counts = { total: count!.totalHits ?? count!.estimatedTotalHits ?? 0, facetDistribution: (count!.facetDistribution ?? {}) as Record<string, Record<string, number>> };
    if (cacheKey !== null) options.cache!.set(cacheKey, counts);
    queries = 2;
  }

  for (let round = 0; ; round++) {
    const hits = result.hits as T[];
    const inBox = result.totalHits ?? hits.length;
    const dist = hits.map((h) => (h._geo ? meiliDistanceM(center, h._geo) / 1000 : Number.POSITIVE_INFINITY));
    const enclosesCircle = box.inscribedKm >= radiusKm + MARGIN_KM;
    const nth = dist[need - 1];
    const provenPrefix = hits.length >= need && nth !== undefined && nth <= box.inscribedKm - MARGIN_KM && nth <= radiusKm;
    if (enclosesCircle || provenPrefix) {
      // Hits are in distance order: the ones inside the circle form a prefix.
      let inCircle = 0;
      while (inCircle < hits.length && dist[inCircle]! <= radiusKm) inCircle++;
      const nearBoundary = dist.some((d) => Math.abs(d - radiusKm) < 0.0005);
      if (nearBoundary) return { ...(await naiveNearby<T>(backend, req)), queries: queries + 2 };
      const window = hits.slice(req.offset, Math.min(inCircle, need));
      counts.halfKm = half;
      return { hits: window, total: counts.total, totalIsEstimate: false, facetDistribution: counts.facetDistribution, queries, strategy: 'box' };
    }
    if (round >= MAX_ROUNDS) return { ...(await naiveNearby<T>(backend, req)), queries: queries + 2 };
    // Widen: to the distance of the N-th hit when there are enough, else by the density seen.
    let next: number;
    if (hits.length >= need && nth !== undefined) next = half * ((nth + MARGIN_KM * 2) / Math.max(box.inscribedKm, 1e-6)) * 1.05;
    else next = half * Math.min(8, Math.max(2, 1.3 * Math.sqrt(need / Math.max(1, inBox))));
    const maxHalf = radiusKm * 1.01 + MARGIN_KM * 2;
    // The circle's count gives its density: a box whose inscribed circle should hold `need`
    // hits, with some room, is usually proven in one more query.
    if (counts.total <= need) next = maxHalf;
    else next = Math.max(next, radiusKm * Math.sqrt(need / counts.total) * 1.4);
    half = Math.min(Math.max(next, half * 1.25), maxHalf);
    box = boxAround(center, half);
    result = await backend.search<T>(boxQuery(box));
    queries++;
  }
}

/** Facet counts over documents in hand, in Meilisearch's shape (booleans as "true"/"false"). */
export function facetsOf(docs: ReadonlyArray<Record<string, unknown>>, facets: readonly string[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const facet of facets) {
    const counts: Record<string, number> = {};
    for (const doc of docs) {
      const value = doc[facet];
      const values = Array.isArray(value) ? new Set(value) : value === undefined || value === null ? [] : [value];
      for (const v of values) counts[String(v)] = (counts[String(v)] ?? 0) + 1;
    }
    out[facet] = counts;
  }
  return out;
}
