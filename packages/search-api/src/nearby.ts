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
 * `total` is exact when the box held every candidate; otherwise it is estimated from two
 * cheap box counts (the square inside the circle and the square around it), and flagged.
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

/** Same hits in the same order as {@link naiveNearby}, mostly without the R-tree radius filter. */
export async function fastNearby<T extends GeoHit>(backend: SearchBackend, req: NearbyRequest): Promise<NearbyResult<T>> {
  const need = req.offset + req.limit;
  if (need > MAX_FAST_WINDOW) return naiveNearby(backend, req);
  const { center, radiusKm } = req;
  const boxFilter = (b: Box) => [...req.filter, ...buildFilter({ geoBoundingBox: { topRight: b.topRight, bottomLeft: b.bottomLeft } })];
  const boxQuery = (b: Box): SearchRequest => ({ q: '', ...req.params, filter: boxFilter(b), sort: sortBy(center), hitsPerPage: need, page: 1 });
  const countQuery = (b: Box): SearchRequest => ({ q: '', filter: boxFilter(b), hitsPerPage: 0, page: 1, ...(req.facets ? { facets: req.facets } : {}) });

  // The square inside the circle and the square around it bound the count in the circle.
  const inner = boxAround(center, (radiusKm / Math.SQRT2) * 0.999);
  const enclosing = boxAround(center, radiusKm * 1.01 + MARGIN_KM * 2);
  let half = Math.min(1, radiusKm);
  const [first, innerCount, outerCount] = await backend.multiSearch<T>([boxQuery(boxAround(center, half)), countQuery(inner), countQuery(enclosing)]);
  let queries = 3;
  const upper = outerCount!.totalHits ?? 0;
  const lower = innerCount!.totalHits ?? 0;

  let result: SearchResult<T> = first!;
  let box = boxAround(center, half);
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
      const allCandidatesSeen = enclosesCircle && inBox <= hits.length;
      if (allCandidatesSeen) {
        const facetDistribution = facetsOf(hits.slice(0, inCircle) as Array<Record<string, unknown>>, req.facets ?? []);
        return { hits: window, total: inCircle, totalIsEstimate: false, facetDistribution, queries, strategy: 'box' };
      }
      const estimate = Math.round(lower + (upper - lower) * ((Math.PI - 2) / 2));
      const known = enclosesCircle ? inCircle : need;
      const total = Math.min(upper, Math.max(estimate, known));
      return { hits: window, total, totalIsEstimate: true, facetDistribution: estimateFacets(innerCount!, outerCount!, total, upper), queries, strategy: 'box' };
    }
    if (round >= MAX_ROUNDS) return { ...(await naiveNearby<T>(backend, req)), queries: queries + 2 };
    // Widen: to the distance of the N-th hit when there are enough, else by the density seen.
    let next: number;
    if (hits.length >= need && nth !== undefined) next = half * ((nth + MARGIN_KM * 2) / Math.max(box.inscribedKm, 1e-6)) * 1.05;
    else next = half * Math.min(8, Math.max(2, 1.3 * Math.sqrt(need / Math.max(1, inBox))));
    const maxHalf = radiusKm * 1.01 + MARGIN_KM * 2;
    half = Math.min(Math.max(next, half * 1.25), maxHalf);
    box = boxAround(center, half);
    // When the enclosing box is the answer, reuse the count query's box (same filter) for the hits.
    result = await backend.search<T>(boxQuery(box));
    queries++;
  }
}

/**
 * Facet counts for the circle between those of the inner and the enclosing square,
 * scaled to the total. Exact when both squares agree.
 */
function estimateFacets(
  inner: SearchResult<unknown>,
  outer: SearchResult<unknown>,
  total: number,
  upper: number,
): Record<string, Record<string, number>> {
  const lo = (inner.facetDistribution ?? {}) as Record<string, Record<string, number>>;
  const hi = (outer.facetDistribution ?? {}) as Record<string, Record<string, number>>;
  const out: Record<string, Record<string, number>> = {};
  const span = upper - ((inner as { totalHits?: number }).totalHits ?? 0);
  const lowerTotal = (inner as { totalHits?: number }).totalHits ?? 0;
  // Fraction of the ring between the squares that lies in the circle, as observed by the total.
  const share = span > 0 ? Math.min(1, Math.max(0, (total - lowerTotal) / span)) : 0;
  for (const [facet, values] of Object.entries(hi)) {
    out[facet] = {};
    for (const [value, count] of Object.entries(values)) {
      const l = lo[facet]?.[value] ?? 0;
      const v = Math.round(l + (count - l) * share);
      if (v > 0) out[facet]![value] = v;
    }
  }
  return out;
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
