/**
 * GET /v1/search: validated parameters → Meilisearch queries → the response contract.
 *
 * Need expansion. A need (e.g. eenzaamheid) finds activities tagged with the need OR in
 * one of the categories that help with it. Activities tagged with the need itself come
 * first: two queries in one multi-search, "primary" (needs IN …) and "secondary"
 * (categories IN … AND NOT needs IN …), each ranked by relevance, concatenated; the page
 * window is cut from the concatenation (exact, since both totals are exhaustive). A third
 * query over the union gives the facets and the total. Sorted by distance there is one
 * order only (distance), over the union.
 */
import { buildFilter, inList, not, type ActivityFilter, type MeiliFilter } from '@sociale-kaart/meili';
import {
  audiences,
  categories as categoryList,
  categoriesForNeeds,
  categoryLabel,
  days,
  needLabel,
  needs as needList,
  partsOfDay,
  understandQuery,
  type Activity,
  type Lang,
  type LatLng,
  type SearchResponse,
} from '@sociale-kaart/schema';
import type { SearchBackend, SearchRequest, SearchResult } from './backend.js';
import { HIGHLIGHT_END, HIGHLIGHT_START, HIT_ATTRIBUTES, toSearchHit } from './hits.js';
import { fastNearby, naiveNearby, type LruCache, type NearbyCounts, type NearbyResult } from './nearby.js';
import type { SearchQueryInput } from './params.js';
import { MAX_RESULT_WINDOW } from './params.js';

export const DEFAULT_RADIUS_KM = 10;
export const DEFAULT_PER_PAGE = 20;

const FACET_ATTRIBUTES = ['categories', 'needs', 'days', 'partsOfDay', 'free', 'audience'] as const;

export interface NormalizedQuery {
  q: string;
  category: string[];
  need: string[];
  postcode: string | null;
  near: LatLng | null;
  center: LatLng | null;
  radius: number | null;
  day: string[];
  partOfDay: string[];
  free: boolean | null;
  audience: string[];
  wheelchair: boolean | null;
  online: boolean | null;
  status: string[];
  page: number;
  perPage: number;
  sort: 'relevance' | 'distance';
  lang: Lang;
  /** Read needs and categories in `q` (understand.ts); false with `understand=false`. */
  understand: boolean;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

export function normalizeSearchQuery(input: SearchQueryInput): NormalizedQuery {
  const q = (input.q ?? '').replace(/\s+/g, ' ').trim();
  const point = input.postcode?.point ?? input.near ?? null;
  // Rounded once, so every query and every distance uses the very same point.
  const center = point ? { lat: round6(point.lat), lng: round6(point.lng) } : null;
  return {
    q,
    category: input.category ?? [],
    need: input.need ?? [],
    postcode: input.postcode?.postcode ?? null,
    near: input.near ? { lat: input.near.lat, lng: input.near.lng } : null,
    center,
    radius: center ? (input.radius ?? DEFAULT_RADIUS_KM) : null,
    day: input.day ?? [],
    partOfDay: input.part_of_day ?? [],
    free: input.free ?? null,
    audience: input.audience ?? [],
    wheelchair: input.wheelchair ?? null,
    online: input.online ?? null,
    status: input.status && input.status.length > 0 ? input.status : ['active'],
    page: input.page ?? 1,
    perPage: input.per_page ?? DEFAULT_PER_PAGE,
    sort: input.sort ?? (center && q === '' ? 'distance' : 'relevance'),
    lang: input.lang ?? 'nl',
    understand: input.understand ?? true,
  };
}

/** The filter of everything except need and place. */
function baseFilter(n: NormalizedQuery): MeiliFilter {
  const spec: ActivityFilter = {
    categories: n.category,
    audience: n.audience,
    days: n.day,
    partsOfDay: n.partOfDay,
    status: n.status,
  };
  if (n.free !== null) spec.free = n.free;
  if (n.wheelchair !== null) spec.wheelchairAccessible = n.wheelchair;
  if (n.online !== null) spec.online = n.online;
  return buildFilter(spec);
}

function geoFilter(n: NormalizedQuery): MeiliFilter {
  // online=true: online activities wherever they are; the place only orders and measures.
  if (!n.center || n.online === true) return [];
  return buildFilter({ geoRadius: { lat: n.center.lat, lng: n.center.lng, meters: n.radius! * 1000 } });
}

interface NeedFilters {
  union: MeiliFilter;
  primary: MeiliFilter;
  secondary: MeiliFilter | null;
}

function needFilters(n: NormalizedQuery): NeedFilters | null {
  if (n.need.length === 0) return null;
  const tagged = inList('needs', n.need);
  const helping = categoriesForNeeds(n.need);
  if (helping.length === 0) return { union: [tagged], primary: [tagged], secondary: null };
  const inCategories = inList('categories', helping);
  return { union: [[tagged, inCategories]], primary: [tagged], secondary: [inCategories, not(tagged)] };
}

function sortFor(n: NormalizedQuery): string[] | undefined {
  return n.sort === 'distance' && n.center ? [`_geoPoint(${n.center.lat}, ${n.center.lng}):asc`] : undefined;
}

export interface SearchOutcome {
  response: SearchResponse;
  strategy: 'relevance' | 'need' | 'distance' | 'nearby-box' | 'nearby-naive';
}

export interface SearchOptions {
  now: Date;
  /** Use the fast bounding-box path for "near" queries (default true). */
  fastNearby?: boolean;
  /** Totals and facets of nearby questions, per index version (see fastNearby). */
  nearbyCache?: LruCache<NearbyCounts>;
  /** Hits last checked longer ago are marked `stale` (0: never). */
  staleAfterDays?: number;
}

type Hit = Activity & { _formatted?: Record<string, unknown> };

/** What each strategy finds: the page of hits, the total and the facet counts. */
interface Found {
  hits: Hit[];
  total: number;
  totalIsEstimate: boolean;
  facetDistribution: Record<string, Record<string, number>>;
  strategy: SearchOutcome['strategy'];
}

/** What every strategy needs besides the query. */
interface Plan {
  backend: SearchBackend;
  n: NormalizedQuery;
  base: MeiliFilter;
  needs: NeedFilters | null;
  offset: number;
  textParams: SearchRequest;
  options: SearchOptions;
}

const facetsOf = (res: { facetDistribution?: unknown } | undefined) => (res?.facetDistribution ?? {}) as Record<string, Record<string, number>>;

/** No text, a place, sorted by distance: the bounding-box path of nearby.ts (or the naive one). */
async function searchNearby({ backend, n, base, needs, offset, options }: Plan): Promise<Found> {
  const filter = [...base, ...(needs?.union ?? [])];
  const req = { filter, center: n.center!, radiusKm: n.radius!, offset, limit: n.perPage, facets: [...FACET_ATTRIBUTES], params: { attributesToRetrieve: [...HIT_ATTRIBUTES] } };
  const result: NearbyResult<Activity> = options.fastNearby === false ? await naiveNearby(backend, req) : await fastNearby(backend, req, { cache: options.nearbyCache });
  return {
    hits: result.hits,
    total: result.total,
    totalIsEstimate: result.totalIsEstimate,
    facetDistribution: result.facetDistribution,
    strategy: result.strategy === 'box' ? 'nearby-box' : 'nearby-naive',
  };
}

/** A need, by relevance: tagged activities first, then those only in a helping category (see the top of this file). */
async function searchByNeed({ backend, n, base, needs, offset, textParams }: Plan & { needs: NeedFilters }): Promise<Found> {
  const geo = geoFilter(n);
  const [primary, union] = await backend.multiSearch<Activity>([
    { q: n.q, ...textParams, filter: [...base, ...geo, ...needs.primary], page: n.page, hitsPerPage: n.perPage },
    { q: n.q, filter: [...base, ...geo, ...needs.union], page: 1, hitsPerPage: 0, facets: [...FACET_ATTRIBUTES] },
  ]);
  const tagged = (primary?.hits ?? []) as Hit[];
  const fill = tagged.length < n.perPage && needs.secondary;
  const secondary = fill
    ? await backend.search<Activity>({
        q: n.q,
        ...textParams,
        filter: [...base, ...geo, ...needs.secondary!],
        offset: Math.max(0, offset - (primary?.totalHits ?? 0)),
        limit: n.perPage - tagged.length,
      })
    : undefined;
  return {
    hits: [...tagged, ...((secondary?.hits ?? []) as Hit[])],
    total: union?.totalHits ?? 0,
    totalIsEstimate: false,
    facetDistribution: facetsOf(union),
    strategy: 'need',
  };
}

/** Everything else: one search, by relevance or by distance. */
async function searchPlain({ backend, n, base, needs, textParams }: Plan): Promise<Found> {
  const sort = sortFor(n);
  const res: SearchResult<Activity> = await backend.search<Activity>({
    q: n.q,
    ...textParams,
    filter: [...base, ...geoFilter(n), ...(needs?.union ?? [])],
    ...(sort ? { sort } : {}),
    page: n.page,
    hitsPerPage: n.perPage,
    facets: [...FACET_ATTRIBUTES],
  });
  return { hits: res.hits as Hit[], total: res.totalHits ?? 0, totalIsEstimate: false, facetDistribution: facetsOf(res), strategy: sort ? 'distance' : 'relevance' };
}

export async function runSearch(backend: SearchBackend, n: NormalizedQuery, options: SearchOptions): Promise<SearchOutcome> {
  const started = performance.now();
  const attributesToRetrieve = [...HIT_ATTRIBUTES];
  const plan: Plan = {
    backend,
    n,
    base: baseFilter(n),
    needs: needFilters(n),
    offset: (n.page - 1) * n.perPage,
    textParams:
      n.q !== ''
        ? { attributesToRetrieve, attributesToHighlight: ['title', 'summary'], highlightPreTag: HIGHLIGHT_START, highlightPostTag: HIGHLIGHT_END }
        : { attributesToRetrieve },
    options,
  };
  const nearby = n.q === '' && n.center !== null && n.sort === 'distance' && n.online !== true;
  const found = nearby
    ? await searchNearby(plan)
    : plan.needs && n.sort === 'relevance'
      ? await searchByNeed({ ...plan, needs: plan.needs })
      : await searchPlain(plan);
  const facetDistribution = await withDisjunctiveFacets(backend, n, found.facetDistribution);

  const response: SearchResponse = {
    query: echo(n),
    total: found.total,
    totalIsEstimate: found.totalIsEstimate || found.total >= MAX_RESULT_WINDOW,
    understood: understoodOf(n),
    page: n.page,
    perPage: n.perPage,
    tookMs: Math.round((performance.now() - started) * 10) / 10,
    center: n.center,
    hits: found.hits.map((h) => toSearchHit(h, n.lang, n.center, options.now, options.staleAfterDays)),
    facets: facetsFor(facetDistribution, n.lang),
  };
  return { response, strategy: found.strategy };
}

/**
 * Values within a filter group are OR-ed (category=a&category=b is "a or b"), so the counts on
 * a group with a selection must come from the search without that group's own filter: they
 * then say what choosing one more value would add, and the other chips stay visible. One
 * facet-only query per such group, all in one multi-search; nothing extra without a selection.
 */
async function withDisjunctiveFacets(
  backend: SearchBackend,
  n: NormalizedQuery,
  dist: Record<string, Record<string, number>>,
): Promise<Record<string, Record<string, number>>> {
  const groups: Array<{ facet: (typeof FACET_ATTRIBUTES)[number]; without: Partial<NormalizedQuery> }> = [];
  if (n.category.length) groups.push({ facet: 'categories', without: { category: [] } });
  if (n.need.length) groups.push({ facet: 'needs', without: { need: [] } });
  if (n.day.length) groups.push({ facet: 'days', without: { day: [] } });
  if (n.partOfDay.length) groups.push({ facet: 'partsOfDay', without: { partOfDay: [] } });
  if (n.audience.length) groups.push({ facet: 'audience', without: { audience: [] } });
  if (groups.length === 0) return dist;
  const results = await backend.multiSearch<Activity>(
    groups.map(({ facet, without }) => {
      const m = { ...n, ...without };
      return { q: m.q, filter: [...baseFilter(m), ...geoFilter(m), ...(needFilters(m)?.union ?? [])], page: 1, hitsPerPage: 0, facets: [facet] };
    }),
  );
  const out = { ...dist };
  groups.forEach(({ facet }, i) => {
    out[facet] = (results[i]?.facetDistribution?.[facet] ?? {}) as Record<string, number>;
  });
  return out;
}

/** What `q` names beyond the needs and categories already chosen; nothing with `understand=false`. */
function understoodOf(n: NormalizedQuery): SearchResponse['understood'] {
  if (!n.understand || n.q === '') return { need: [], category: [] };
  const u = understandQuery(n.q);
  return { need: u.needs.filter((k) => !n.need.includes(k)), category: u.categories.filter((k) => !n.category.includes(k)) };
}

function echo(n: NormalizedQuery): Record<string, unknown> {
  const out: Record<string, unknown> = {
    q: n.q,
    category: n.category,
    need: n.need,
    day: n.day,
    partOfDay: n.partOfDay,
    audience: n.audience,
    status: n.status,
    page: n.page,
    perPage: n.perPage,
    sort: n.sort,
    lang: n.lang,
  };
  if (n.postcode) out.postcode = n.postcode;
  if (n.near) out.near = n.near;
  if (n.radius !== null) out.radius = n.radius;
  if (n.free !== null) out.free = n.free;
  if (n.wheelchair !== null) out.wheelchair = n.wheelchair;
  if (n.online !== null) out.online = n.online;
  if (!n.understand) out.understand = false;
  return out;
}

const ORDER: Record<string, readonly string[]> = {
  categories: categoryList.map((c) => c.key),
  needs: needList.map((x) => x.key),
  days: days.map((d) => d.key),
  partsOfDay: partsOfDay.map((p) => p.key),
  free: ['true', 'false'],
  audience: audiences.map((a) => a.key),
};

const FREE_LABELS: Record<Lang, Record<string, string>> = {
  nl: { true: 'Gratis', false: 'Met kosten' },
  en: { true: 'Free', false: 'Paid' },
};

function facetLabel(facet: string, key: string, lang: Lang): string {
  switch (facet) {
    case 'categories':
      return categoryLabel(key, lang);
    case 'needs':
      return needLabel(key, lang);
    case 'days':
      return days.find((d) => d.key === key)?.label[lang] ?? key;
    case 'partsOfDay':
      return partsOfDay.find((p) => p.key === key)?.label[lang] ?? key;
    case 'audience':
      return audiences.find((a) => a.key === key)?.label[lang] ?? key;
    case 'free':
      return FREE_LABELS[lang][key] ?? key;
    default:
      return key;
  }
}

/** Facet counts with labels, in taxonomy order (days Monday first), zero counts left out. */
function facetsFor(dist: Record<string, Record<string, number>>, lang: Lang): SearchResponse['facets'] {
  const one = (facet: string) => {
    const counts = dist[facet] ?? {};
    const order = ORDER[facet] ?? [];
    return Object.entries(counts)
      .filter(([, count]) => count > 0)
      .sort(([a], [b]) => {
        const ia = order.indexOf(a);
        const ib = order.indexOf(b);
        return (ia < 0 ? 999 : ia) - (ib < 0 ? 999 : ib) || a.localeCompare(b);
      })
      .map(([key, count]) => ({ key, label: facetLabel(facet, key, lang), count }));
  };
  return {
    category: one('categories'),
    need: one('needs'),
    day: one('days'),
    partOfDay: one('partsOfDay'),
    free: one('free'),
    audience: one('audience'),
  };
}

