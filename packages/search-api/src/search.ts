/**
 * GET /v1/search: validated parameters → Meilisearch queries → the response contract.
 *
 * Three strategies, one function each:
 * - nearby (no text, a place, by distance): the bounding-box path of nearby.ts;
 * - tiered (a need chosen, or a need or category named in the text): a ranked list of
 *   disjoint tiers (tiers.ts). A chosen need finds activities tagged with it first (those
 *   also in a helping category before the others), then those only in a helping category.
 *   A need or category the text names (understand.ts of the schema) ranks its activities
 *   first, as if chosen (see tierPlan); then everything else the text finds;
 * - plain: one search, by relevance or by distance.
 *
 * Facet counts of a filter group with a selection come from the search without that group's
 * own filter (disjunctive facets): one facet-only query per group (per count group of a
 * tiered search), sent in the strategy's first round trip.
 */
import { buildFilter, inList, synonymsFromTaxonomy, type ActivityFilter, type MeiliFilter } from '@sociale-kaart/meili';
import { categoriesForNeeds, understandQuery, type Activity, type Lang, type LatLng, type SearchResponse } from '@sociale-kaart/schema';
import type { SearchBackend, SearchRequest, SearchResult } from './backend.js';
import { FACET_ATTRIBUTES, facetsFor, facetsJson, type FacetAttribute } from './facets.js';
import { unkeptHits, type HitStore, type StoredHit } from './hit-store.js';
import { highlighterFor, type Highlighter } from './highlight.js';
import { HIGHLIGHT_END, HIGHLIGHT_START, HIT_ATTRIBUTES, knownHit, searchHitJson, toSearchHit } from './hits.js';
import { asciiString } from './http/json.js';
import { fastNearby, naiveNearby, type LruCache, type NearbyCounts, type NearbyResult } from './nearby.js';
import type { SearchQueryInput } from './params.js';
import { MAX_RESULT_WINDOW } from './params.js';
import { addFacets, countRequests, planTiers, searchTiers, type Preference, type TierPlan } from './tiers.js';

export const DEFAULT_RADIUS_KM = 10;
export const DEFAULT_PER_PAGE = 20;
/** The index's synonyms (packages/meili settings), for the API's own highlighting. */
const SYNONYMS = synonymsFromTaxonomy();

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

/** Activities tagged with one of the needs, the surest of them (also in a category that helps) first. */
function taggedPreference(needKeys: readonly string[], q: string): Preference {
  const helping = categoriesForNeeds(needKeys as never[]);
  return { condition: inList('needs', needKeys), q, ...(helping.length ? { first: inList('categories', helping) } : {}) };
}

/** Activities only in a category that helps with one of the needs (or one of `extra`), or null. */
function helpingPreference(needKeys: readonly string[], q: string, extra: readonly string[] = []): Preference | null {
  const helping = categoriesForNeeds(needKeys as never[]).filter((c) => !extra.includes(c));
  return helping.length ? { condition: inList('categories', helping), q } : null;
}

/** The chosen needs' filter: tagged OR in a helping category. */
function needUnion(n: NormalizedQuery): MeiliFilter {
  if (n.need.length === 0) return [];
  const helping = helpingPreference(n.need, n.q);
  const tagged = inList('needs', n.need);
  return helping ? [[tagged, helping.condition]] : [tagged];
}

function sortFor(n: NormalizedQuery): string[] | undefined {
  return n.sort === 'distance' && n.center ? [`_geoPoint(${n.center.lat}, ${n.center.lng}):asc`] : undefined;
}

/** What the text names beyond the chosen needs and categories, and the words that named nothing. */
interface Understanding {
  needs: string[];
  categories: string[];
  /** Per need or category, the taxonomy term that named it (understand.ts). */
  matches: Array<{ kind: 'need' | 'category'; key: string; term: string }>;
  rest: string;
}

function understand(n: NormalizedQuery): Understanding | null {
  if (!n.understand || n.q === '') return null;
  const u = understandQuery(n.q);
  const matches = u.matches.filter((m) => !(m.kind === 'need' ? n.need : n.category).includes(m.key));
  if (matches.length === 0) return null;
  const keys = (kind: 'need' | 'category') => matches.filter((m) => m.kind === kind).map((m) => m.key);
  return { needs: keys('need'), categories: keys('category'), matches, rest: u.rest };
}

/**
 * The tiers of a search, or null when it has none (plain). Each need or category the text
 * names is a tier, searched with the taxonomy term that named it and then the words that
 * named nothing: every activity of the tier has the term among its labels, so the tier is
 * complete, and ranked by the term (in the title first) and the other words; of a need's
 * activities, those also in a category that helps with it (the surest) come first. Then the
 * activities only in a category that helps with the understood needs, then the other
 * activities the words that named nothing find (the whole text when every word named
 * something). Chosen needs follow as their own tiers (tagged, then helping).
 */
function tierPlan(n: NormalizedQuery, u: Understanding | null): TierPlan | null {
  const prefs: Preference[] = [];
  if (u) {
    for (const m of u.matches) {
      const q = `${m.term} ${u.rest}`.trim();
      prefs.push(m.kind === 'need' ? taggedPreference([m.key], q) : { condition: inList('categories', [m.key]), q });
    }
    const helping = helpingPreference(u.needs, '', u.categories);
    if (helping) prefs.push(helping);
  }
  const byNeed = n.need.length > 0 && n.sort === 'relevance';
  if (byNeed) {
    prefs.push(taggedPreference(n.need, n.q));
    const helping = helpingPreference(n.need, n.q);
    if (helping) prefs.push(helping);
  }
  if (prefs.length === 0) return null;
  // With chosen needs the search stays within them, so their tiers are the last; the tiers of
  // understood words need the chosen needs' filter, theirs are that filter already.
  const within = u ? needUnion(n) : byNeed ? [] : needUnion(n);
  return planTiers([...baseFilter(n), ...geoFilter(n), ...within], prefs, byNeed ? null : { q: u?.rest || n.q });
}

export interface SearchOutcome {
  response: SearchResponse;
  strategy: 'relevance' | 'need' | 'understood' | 'distance' | 'nearby-box' | 'nearby-naive';
}

export interface SearchOptions {
  now: Date;
  /** Use the fast bounding-box path for "near" queries (default true). */
  fastNearby?: boolean;
  /** Totals and facets of nearby questions, per index version (see fastNearby). */
  nearbyCache?: LruCache<NearbyCounts>;
  /** Hits last checked longer ago are marked `stale` (0: never). */
  staleAfterDays?: number;
  /**
   * Ask for the hits and for the counts (total, facets) as two concurrent requests, so
   * Meilisearch works on both at once (plain and tiered searches). Faster when Meilisearch has a
   * free core, a little more work in all: v1.ts turns it on when no other search is in flight.
   */
  parallel?: boolean;
  /** Keeps the documents searches return (hit-store.ts); without one, every search retrieves every hit field. */
  hitStore?: HitStore;
  /** Meilisearch marks the words, not the API (highlight.ts): tests compare the two. */
  meiliHighlights?: boolean;
}

type Hit = Activity & { _formatted?: Record<string, unknown> };
type FacetDistribution = Record<string, Record<string, number>>;

/** What each strategy finds: the page of hits (completed: `Plan.complete`), the total and the facet counts. */
interface Found {
  hits: StoredHit[];
  total: number;
  totalIsEstimate: boolean;
  facetDistribution: FacetDistribution;
  strategy: SearchOutcome['strategy'];
  /** The answers to `Plan.extra`, in order. */
  extraResults: SearchResult<Activity>[];
}

/** What every strategy needs besides the query. */
interface Plan {
  backend: SearchBackend;
  n: NormalizedQuery;
  offset: number;
  textParams: SearchRequest;
  options: SearchOptions;
  /** Facet-only queries (disjunctive facets) sent along with the strategy's first round trip. */
  extra: SearchRequest[];
  /** The facets the strategy's own queries count: those the facet-only queries do not replace. */
  facets: FacetAttribute[];
  /**
   * The page's hits with their whole documents (the hit store's `complete`, which may ask
   * Meilisearch once more) and their words marked; `queries`: per hit, the text that found it
   * (a tier's), else the query's.
   */
  complete: (hits: readonly Hit[], queries?: readonly string[]) => Promise<StoredHit[]>;
}

const facetsOf = (res: { facetDistribution?: unknown } | undefined) => (res?.facetDistribution ?? {}) as FacetDistribution;

const retrieveOf = (options: SearchOptions, nearby = false) => options.hitStore?.retrieve(nearby) ?? [...HIT_ATTRIBUTES];

/** No text, a place, sorted by distance: the bounding-box path of nearby.ts (or the naive one). */
async function searchNearby({ backend, n, offset, options, extra, complete }: Plan): Promise<Found> {
  const filter = [...baseFilter(n), ...needUnion(n)];
  const req = { filter, center: n.center!, radiusKm: n.radius!, offset, limit: n.perPage, facets: [...FACET_ATTRIBUTES], params: { attributesToRetrieve: retrieveOf(options, true) } };
  const result: NearbyResult<Activity> = options.fastNearby === false ? await naiveNearby(backend, req) : await fastNearby(backend, req, { cache: options.nearbyCache });
  return {
    hits: await complete(result.hits),
    total: result.total,
    totalIsEstimate: result.totalIsEstimate,
    facetDistribution: result.facetDistribution,
    strategy: result.strategy === 'box' ? 'nearby-box' : 'nearby-naive',
    extraResults: extra.length ? await backend.multiSearch<Activity>(extra) : [],
  };
}

/** Chosen or understood needs and categories first (see the top of this file). */
async function searchTiered({ backend, n, textParams, extra, facets, options, complete }: Plan, u: Understanding | null, tiers: TierPlan): Promise<Found> {
  const result = await searchTiers(backend, tiers, { page: n.page, perPage: n.perPage, hitParams: textParams, sort: sortFor(n), facets, extra, parallel: options.parallel === true });
  return {
    hits: await complete(result.hits as Hit[], result.hitQueries),
    total: result.total,
    totalIsEstimate: false,
    facetDistribution: result.facetDistribution,
    strategy: u ? 'understood' : 'need',
    extraResults: result.extraResults,
  };
}

/** `facets` for a request, left out when there are none to count. */
const facetsParam = (facets: readonly FacetAttribute[]) => (facets.length ? { facets: [...facets] } : {});

/**
 * Everything else: one search, by relevance or by distance, with the facet-only queries in
 * the same round trip; or (`options.parallel`) split in two concurrent requests, the same
 * answer either way:
 * - with facet-only queries: the search, and beside it the facet-only queries (each query is
 *   run once, as in one round trip);
 * - without: the hits, and beside them the exhaustive count with the facets (the total then
 *   comes from the count). The text is searched twice, but the ranking runs beside the
 *   counting. (Counting facets by their value bitmaps, packages/meili settings,
 *   is cheap: the hits take longer than the count with every facet.)
 * The hits are completed as soon as they come, while Meilisearch still works on the rest: a
 * page with documents the hit store does not hold is read meanwhile, not after.
 */
async function searchPlain({ backend, n, textParams, extra, facets, offset, options, complete }: Plan): Promise<Found> {
  const sort = sortFor(n);
  const filter = [...baseFilter(n), ...geoFilter(n), ...needUnion(n)];
  const strategy = sort ? 'distance' : 'relevance';
  const main: SearchRequest = { q: n.q, ...textParams, filter, ...(sort ? { sort } : {}), page: n.page, hitsPerPage: n.perPage, ...facetsParam(facets) };
  const completed = (res: SearchResult<Activity> | undefined) => complete((res?.hits ?? []) as Hit[]);
  // A search whose hits are completed as soon as it answers, before what runs beside it.
  const searchedFirst = (request: SearchRequest) => backend.search<Activity>(request).then(async (r) => [r, await completed(r)] as const);
  if (options.parallel && extra.length > 0) {
    const [[res, hits], extraResults] = await Promise.all([searchedFirst(main), backend.multiSearch<Activity>(extra)]);
    return { hits, total: res.totalHits ?? 0, totalIsEstimate: false, facetDistribution: facetsOf(res), strategy, extraResults };
  }
  if (options.parallel) {
    const [[, hits], count] = await Promise.all([
      searchedFirst({ q: n.q, ...textParams, filter, ...(sort ? { sort } : {}), offset, limit: n.perPage }),
      backend.search<Activity>({ q: n.q, filter, page: 1, hitsPerPage: 0, ...facetsParam(facets) }),
    ]);
    return { hits, total: count.totalHits ?? 0, totalIsEstimate: false, facetDistribution: facetsOf(count), strategy, extraResults: [] };
  }
  const [res, ...extraResults] = extra.length ? await backend.multiSearch<Activity>([main, ...extra]) : [await backend.search<Activity>(main)];
  return { hits: await completed(res), total: res?.totalHits ?? 0, totalIsEstimate: false, facetDistribution: facetsOf(res), strategy, extraResults };
}

/**
 * What Meilisearch answered for a query, before it is shown: the same for every language and
 * every moment (next sessions and staleness are worked out when it is shown), so it is what
 * the response cache keeps (response-cache.ts).
 */
export interface SearchFindings {
  hits: StoredHit[];
  total: number;
  totalIsEstimate: boolean;
  facetDistribution: FacetDistribution;
  understood: SearchResponse['understood'];
  strategy: SearchOutcome['strategy'];
}

/**
 * The API's highlighter per text hits are searched with (none for an empty one), or null when
 * Meilisearch must highlight: it reads one of them otherwise than the API would (highlight.ts).
 */
function highlighters(texts: readonly string[]): Map<string, Highlighter> | null {
  const out = new Map<string, Highlighter>();
  for (const q of texts) {
    if (q === '' || out.has(q)) continue;
    const h = highlighterFor(q, SYNONYMS);
    if (!h) return null;
    out.set(q, h);
  }
  return out;
}

/** Asks Meilisearch: the strategy for `n`, then the disjunctive facet counts. */
export async function findSearch(backend: SearchBackend, n: NormalizedQuery, options: SearchOptions): Promise<SearchFindings> {
  const attributesToRetrieve = retrieveOf(options);
  const u = understand(n);
  const nearby = n.q === '' && n.center !== null && n.sort === 'distance' && n.online !== true;
  const tiers = nearby ? null : tierPlan(n, u);
  // The API marks the words of the texts the hits are searched with itself (highlight.ts);
  // Meilisearch highlights only when the API cannot read one of them like it does.
  const texts = tiers ? tiers.tiers.map((t) => t.q) : [n.q];
  const marks = options.meiliHighlights ? null : highlighters(texts);
  const plan: Plan = {
    backend,
    n,
    offset: (n.page - 1) * n.perPage,
    textParams:
      !marks && texts.some((q) => q !== '')
        ? { attributesToRetrieve, attributesToHighlight: ['title', 'summary'], highlightPreTag: HIGHLIGHT_START, highlightPostTag: HIGHLIGHT_END }
        : { attributesToRetrieve },
    options,
    extra: [],
    facets: [...FACET_ATTRIBUTES],
    complete: async (hits, queries) => {
      const stored = options.hitStore ? await options.hitStore.complete(backend, hits) : unkeptHits(hits);
      if (!marks) return stored;
      // By id: completing leaves out a document deleted since the search.
      const foundBy = queries ? new Map(hits.map((h, i) => [h.id, queries[i]!])) : null;
      for (const h of stored) {
        const mark = marks.get(foundBy?.get(h.doc.id) ?? n.q);
        h.formatted = mark ? { title: mark.mark(h.doc.title), summary: mark.mark(h.doc.summary) } : undefined;
      }
      return stored;
    },
  };
  const facets = disjunctiveFacets(n, tiers ? (m) => tierPlan(m, u) : () => null);
  // The facets the facet-only queries count are not asked of the main queries as well.
  const withExtra = { ...plan, extra: facets.requests, facets: FACET_ATTRIBUTES.filter((f) => !facets.replaced.includes(f)) };
  const found = nearby ? await searchNearby(withExtra) : tiers ? await searchTiered(withExtra, u, tiers) : await searchPlain(withExtra);
  return {
    hits: found.hits,
    total: found.total,
    totalIsEstimate: found.totalIsEstimate || found.total >= MAX_RESULT_WINDOW,
    facetDistribution: facets.apply(found.facetDistribution, found.extraResults),
    understood: { need: u?.needs ?? [], category: u?.categories ?? [] },
    strategy: found.strategy,
  };
}

/** The answer for `n` from what Meilisearch found, in `n`'s language, as of `options.now`. */
export function presentSearch(found: SearchFindings, n: NormalizedQuery, options: SearchOptions, tookMs: number): SearchResponse {
  return {
    ...envelope(found, n, tookMs),
    hits: found.hits.map((h) => toSearchHit(h, n.lang, n.center, options.now, options.staleAfterDays)),
    facets: facetsFor(found.facetDistribution, n.lang),
  };
}

/** Everything of the answer before its hits, in the answer's order. */
function envelope(found: SearchFindings, n: NormalizedQuery, tookMs: number): Omit<SearchResponse, 'hits' | 'facets'> {
  return {
    query: echo(n),
    understood: found.understood,
    total: found.total,
    totalIsEstimate: found.totalIsEstimate,
    page: n.page,
    perPage: n.perPage,
    tookMs: Math.round(tookMs * 10) / 10,
    center: n.center,
  };
}

/**
 * `JSON.stringify(presentSearch(…))` as ASCII JSON text (http/json.ts), what /v1/search
 * writes: each hit's static part comes written from the hit store (hit-store.ts `known`),
 * so an answer writes only what depends on the question and the moment.
 */
export function searchResponseJson(found: SearchFindings, n: NormalizedQuery, options: SearchOptions, tookMs: number): string {
  const head = asciiString(JSON.stringify(envelope(found, n, tookMs)));
  const hits = found.hits.map((h) => searchHitJson(h, options.hitStore?.known(h, n.lang, options.now) ?? knownHit(h.doc, n.lang), n.center, options.now, options.staleAfterDays));
  const facets = facetsJson(found.facetDistribution, n.lang);
  return `${head.slice(0, -1)},"hits":[${hits.join(',')}],"facets":${facets}}`;
}

export async function runSearch(backend: SearchBackend, n: NormalizedQuery, options: SearchOptions): Promise<SearchOutcome> {
  const started = performance.now();
  const found = await findSearch(backend, n, options);
  return { response: presentSearch(found, n, options, performance.now() - started), strategy: found.strategy };
}

/**
 * Values within a filter group are OR-ed (category=a&category=b is "a or b"), so the counts on
 * a group with a selection must come from the search without that group's own filter: they
 * then say what choosing one more value would add, and the other chips stay visible. One
 * facet-only query per such group (per count group of a tiered search, `countsWithout`),
 * sent in the strategy's first round trip; nothing extra without a selection.
 */
function disjunctiveFacets(n: NormalizedQuery, countsWithout: (m: NormalizedQuery) => TierPlan | null) {
  const groups: Array<{ facet: FacetAttribute; without: Partial<NormalizedQuery> }> = [];
  if (n.category.length) groups.push({ facet: 'categories', without: { category: [] } });
  if (n.need.length) groups.push({ facet: 'needs', without: { need: [] } });
  if (n.day.length) groups.push({ facet: 'days', without: { day: [] } });
  if (n.partOfDay.length) groups.push({ facet: 'partsOfDay', without: { partOfDay: [] } });
  if (n.audience.length) groups.push({ facet: 'audience', without: { audience: [] } });
  const perGroup = groups.map(({ facet, without }): SearchRequest[] => {
    const m = { ...n, ...without };
    const tiers = countsWithout(m);
    if (tiers) return countRequests(tiers, [facet]);
    return [{ q: m.q, filter: [...baseFilter(m), ...geoFilter(m), ...needUnion(m)], page: 1, hitsPerPage: 0, facets: [facet] }];
  });
  return {
    requests: perGroup.flat(),
    /** The facets these requests count (each replaces the main queries' count of it). */
    replaced: groups.map((g) => g.facet),
    /** The counts of `dist`, each selected group's own facet replaced by its count without it. */
    apply(dist: FacetDistribution, results: Array<{ facetDistribution?: unknown }>): FacetDistribution {
      const out = { ...dist };
      let at = 0;
      groups.forEach(({ facet }, i) => {
        const mine = results.slice(at, (at += perGroup[i]!.length));
        out[facet] = addFacets(mine.map(facetsOf))[facet] ?? {};
      });
      return out;
    },
  };
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
