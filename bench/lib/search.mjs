// 2. Search: GET /v1/search of the API vs the equivalent query sent straight to
//    Meilisearch, at concurrency 1 and 16, for text, text + filters and nearby queries;
//    plus the nearby equality check (API top 20 == naive _geoRadius/_geoPoint top 20).
import { buildFilter } from '@sociale-kaart/meili';
import { geocodePostcode } from '@sociale-kaart/schema';
import { HIT_ATTRIBUTES } from '../../packages/search-api/dist/hits.js';
import { cpuMeter } from './cpu.mjs';
import { createAgent, runLoad, send, summarize } from './load.mjs';
import { runMixSection, mixTable } from './mix.mjs';
import { equalityQueries, searchQueries } from './queries.mjs';
import { fmtInt, fmtMs, fmtRatio, goalCell, markdownTable, percentile, round } from './stats.mjs';

export const TEXT_GOAL = 0.9;
export const NEARBY_GOAL = 5;
export const PER_PAGE = 20;
export const DEFAULT_RADIUS_KM = 10; // the API's default radius (search-api src/search.ts)
// What the API asks Meilisearch for on every search (search-api src/search.ts, hits.ts).
const FACETS = ['categories', 'needs', 'days', 'partsOfDay', 'free', 'audience'];
const HIGHLIGHT = { attributesToHighlight: ['title', 'summary'], highlightPreTag: '\uE000', highlightPostTag: '\uE001' };
const RETRIEVE = { attributesToRetrieve: [...HIT_ATTRIBUTES] };

const round6 = (n) => Math.round(n * 1e6) / 1e6;
/** The point the API searches around: the PC4 centroid, rounded once to 6 decimals like the API does. */
export function centerOf(postcode) {
  const p = geocodePostcode(postcode);
  if (!p) throw new Error(`unknown postcode ${postcode}`);
  return { lat: round6(p.lat), lng: round6(p.lng) };
}

/** The naive nearby query: Meilisearch's radius filter and distance sort, as instant-meilisearch sends it. */
export function naiveNearbyParams(postcode, radiusKm, { facets = true, limit = PER_PAGE } = {}) {
  const c = centerOf(postcode);
  return {
    q: '',
    ...RETRIEVE,
    filter: buildFilter({ status: ['active'], geoRadius: { lat: c.lat, lng: c.lng, meters: radiusKm * 1000 } }),
    sort: [`_geoPoint(${c.lat}, ${c.lng}):asc`],
    ...(facets ? { facets: FACETS, page: 1, hitsPerPage: limit } : { limit }),
  };
}

export function apiUrl(apiBase, params, perPage = PER_PAGE) {
  const u = new URL('/v1/search', apiBase);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) u.searchParams.set(k, String(v));
  u.searchParams.set('per_page', String(perPage));
  return u.toString();
}

/**
 * What a client asks Meilisearch for the API's answer to a text search (understanding off)
 * with optional category and day: one search, or with filters one multi-search of the search
 * and one facet-only query per filter group without that group's own filter (the disjunctive
 * facet counts). Highlighted by Meilisearch: the API marks the words itself (search-api
 * src/highlight.ts), a client straight to Meilisearch cannot.
 * Under load, that is: a search with no other in flight splits hits and counts in two
 * concurrent requests (search-api src/search.ts `parallel`); the direct side stays one request.
 */
export function directText(meili, index, { q, category, day }) {
  const auth = { authorization: `Bearer ${meili.masterKey}` };
  const filter = (without) => buildFilter({ status: ['active'], ...(category && without !== 'categories' ? { categories: [category] } : {}), ...(day && without !== 'days' ? { days: [day] } : {}) });
  const groups = [...(category ? ['categories'] : []), ...(day ? ['days'] : [])];
  // The facets the facet-only queries count are not asked of the main query (as the API does).
  const main = { q, ...RETRIEVE, ...HIGHLIGHT, filter: filter(null), facets: FACETS.filter((f) => !groups.includes(f)), page: 1, hitsPerPage: PER_PAGE };
  if (groups.length === 0) return { method: 'POST', url: `${meili.url}/indexes/${index}/search`, headers: auth, body: main };
  const facetOnly = groups.map((g) => ({ indexUid: index, q, filter: filter(g), page: 1, hitsPerPage: 0, facets: [g] }));
  return { method: 'POST', url: `${meili.url}/multi-search`, headers: auth, body: { queries: [{ indexUid: index, ...main }, ...facetOnly] } };
}

/**
 * The same question as directText, split the way the API splits it when no other search is in
 * flight (search-api src/search.ts `parallel`), two requests sent at once: with filters the
 * search and, beside it, one multi-search of the facet-only queries; without, the hits and,
 * beside them, the exact count with the facets.
 */
export function directTextSplit(meili, index, query) {
  const one = directText(meili, index, query);
  if (one.body.queries) {
    const [{ indexUid: _i, ...main }, ...facetOnly] = one.body.queries;
    return [directSearch(meili, index, main), { ...one, body: { queries: facetOnly } }];
  }
  const { page: _p, hitsPerPage: _h, facets, ...main } = one.body;
  return [
    directSearch(meili, index, { ...main, limit: PER_PAGE }),
    directSearch(meili, index, { q: main.q, filter: main.filter, page: 1, hitsPerPage: 0, facets }),
  ];
}

export const directSearch = (meili, index, body) => ({ method: 'POST', url: `${meili.url}/indexes/${index}/search`, headers: { authorization: `Bearer ${meili.masterKey}` }, body });

function targets({ apiBase, noStoreBase, meili, index, proxy }) {
  const direct = (body) => directSearch(meili, index, body);
  // Info: the API without its hit store (search-api src/hit-store.ts): every hit field asked of Meilisearch, as the direct side does.
  const noStore = (params) => (noStoreBase ? [{ key: 'nostore', name: 'API without its hit store (--hit-store-size 0, info)', request: (query) => ({ url: apiUrl(noStoreBase, params(query)) }) }] : []);
  // The same direct queries through the bare proxy (bare-proxy.mjs): the cost of one hop alone.
  const viaProxy = (name, request) => (proxy ? [{ key: 'proxy', name: `${name} through a bare node:http proxy`, request: (query) => ({ ...request(query), url: request(query).url.replace(meili.url, proxy.url) }) }] : []);
  const textDirect = ({ q }) => directText(meili, index, { q });
  const filteredDirect = (query) => directText(meili, index, query);
  // Info: Meilisearch asked directly the way the API asks when it is alone (two requests at once).
  const splitSide = { key: 'split', name: 'Meilisearch direct, split like the API when alone (info)', sockets: 2, request: (query) => directTextSplit(meili, index, query) };
  return {
    text: {
      api: { name: 'API /v1/search (understand=false)', request: ({ q }) => ({ url: apiUrl(apiBase, { q, understand: false }) }) },
      direct: [{ key: 'direct', name: 'Meilisearch direct (the same query)', request: textDirect }, ...viaProxy('the same query', textDirect), splitSide, ...noStore(({ q }) => ({ q, understand: false }))],
    },
    filtered: {
      api: { name: 'API /v1/search (understand=false)', request: ({ q, category, day }) => ({ url: apiUrl(apiBase, { q, category, day, understand: false }) }) },
      direct: [{ key: 'direct', name: 'Meilisearch direct (the same multi-search, disjunctive facets included)', request: filteredDirect }, ...viaProxy('the same multi-search', filteredDirect), splitSide, ...noStore(({ q, category, day }) => ({ q, category, day, understand: false }))],
    },
    understood: {
      api: { name: 'API /v1/search (understanding on, the default)', request: ({ q }) => ({ url: apiUrl(apiBase, { q }) }) },
      direct: [{ key: 'direct', name: 'Meilisearch direct (plain text query)', request: ({ q }) => directText(meili, index, { q }) }],
    },
    nearby: {
      api: { name: 'API /v1/search', request: ({ postcode }) => ({ url: apiUrl(apiBase, { postcode, sort: 'distance' }) }) },
      direct: [
        { key: 'naive', name: 'naive direct (_geoRadius + _geoPoint, with facets)', request: ({ postcode }) => direct(naiveNearbyParams(postcode, DEFAULT_RADIUS_KM)) },
        { key: 'naiveHitsOnly', name: 'naive direct, hits only (no facets/total)', request: ({ postcode }) => direct(naiveNearbyParams(postcode, DEFAULT_RADIUS_KM, { facets: false })) },
      ],
    },
  };
}

export const KIND_LABEL = {
  text: 'text (q only)',
  filtered: 'text + category + day',
  understood: 'text, with query understanding (info: more work than one query)',
  nearby: 'nearby (postcode, empty q, by distance)',
};

/** Every sampled nearby query: the API's top 20 ids must equal the naive query's, in order. */
export async function checkNearbyEquality({ apiBase, meili, index, queries, log }) {
  const agent = createAgent(1);
  const failures = [];
  let boxAnswers = 0;
  const took = [];
  const wall = [];
  for (const { postcode, radius } of queries) {
    const radiusKm = radius ?? DEFAULT_RADIUS_KM;
    const t0 = performance.now();
    const a = await send(agent, { url: apiUrl(apiBase, { postcode, sort: 'distance', radius }) });
    wall.push(performance.now() - t0);
    const d = await send(agent, { method: 'POST', url: `${meili.url}/indexes/${index}/search`, headers: { authorization: `Bearer ${meili.masterKey}` }, body: naiveNearbyParams(postcode, radiusKm, { facets: false }) });
    if (a.status !== 200 || d.status !== 200) throw new Error(`equality check: HTTP ${a.status}/${d.status} for postcode ${postcode}: ${a.body.slice(0, 300)} ${d.body.slice(0, 300)}`);
    const apiRes = JSON.parse(a.body);
    const apiIds = apiRes.hits.map((h) => h.id);
    const naiveHits = JSON.parse(d.body).hits;
    const naiveIds = naiveHits.map((h) => h.id);
    if (apiRes.totalIsEstimate) boxAnswers++;
    if (typeof apiRes.tookMs === 'number') took.push(apiRes.tookMs);
    if (apiIds.length !== naiveIds.length || apiIds.some((id, i) => id !== naiveIds[i])) {
      const at = apiIds.findIndex((id, i) => id !== naiveIds[i]);
      failures.push({ postcode, radiusKm, firstDifferenceAt: at < 0 ? Math.min(apiIds.length, naiveIds.length) : at, api: apiIds, naive: naiveIds, apiDistanceKm: apiRes.hits.map((h) => h.distanceKm ?? null) });
    }
  }
  agent.destroy();
  log(`  equality: ${queries.length - failures.length}/${queries.length} nearby queries return the naive top ${PER_PAGE} in the same order`);
  // tookMs is the API's own time inside runSearch (Meilisearch calls included); the rest of the round trip is HTTP, validation and serialisation.
  return { checked: queries.length, failures, estimatedTotals: boxAnswers, apiTookMsP50: round(percentile(took, 50), 2), apiRoundTripMsP50: round(percentile(wall, 50), 2) };
}

export function equalityDiff(failures, max = 5) {
  const lines = [];
  for (const f of failures.slice(0, max)) {
    lines.push(`postcode ${f.postcode}, radius ${f.radiusKm} km: first difference at rank ${f.firstDifferenceAt + 1} (API ${f.api.length} hits, naive ${f.naive.length})`);
    const n = Math.max(f.api.length, f.naive.length);
    for (let i = 0; i < n; i++) {
      const mark = f.api[i] === f.naive[i] ? ' ' : '≠';
      lines.push(`  ${mark} ${String(i + 1).padStart(2)}  api ${String(f.api[i] ?? '–').padEnd(44)} naive ${f.naive[i] ?? '–'}${f.apiDistanceKm[i] !== undefined && f.apiDistanceKm[i] !== null ? `  (${f.apiDistanceKm[i]} km)` : ''}`);
    }
  }
  if (failures.length > max) lines.push(`… and ${failures.length - max} more differing queries (all in bench/results/latest.json)`);
  return lines.join('\n');
}

/**
 * A profile of the nearby case: Meilisearch's own processingTimeMs (median over the sampled
 * postcodes) of the naive query and of the query shapes the API's box strategy sends
 * (search-api src/nearby.ts: a small box sorted by distance, plus two box counts with facets).
 */
export async function nearbyBreakdown({ meili, index, postcodes }) {
  const KM_PER_DEG = (6371 * Math.PI) / 180;
  const box = (c, halfKm) => {
    const dLat = halfKm / KM_PER_DEG;
    const dLng = halfKm / (KM_PER_DEG * Math.cos((c.lat * Math.PI) / 180));
    return buildFilter({ status: ['active'], geoBoundingBox: { topRight: { lat: c.lat + dLat, lng: c.lng + dLng }, bottomLeft: { lat: c.lat - dLat, lng: c.lng - dLng } } });
  };
  const r = DEFAULT_RADIUS_KM;
  const shapes = [
    ['naive: _geoRadius + _geoPoint sort, 20 hits', (pc) => naiveNearbyParams(pc, r, { facets: false })],
    ['naive: same + facets and exact total', (pc) => naiveNearbyParams(pc, r)],
    ['naive: _geoRadius count only (no sort, no hits)', (pc) => ({ ...naiveNearbyParams(pc, r, { facets: false }), sort: undefined, limit: 0 })],
    ['box 1 km + _geoPoint sort, 20 hits', (pc) => ({ q: '', filter: box(centerOf(pc), 1), sort: naiveNearbyParams(pc, r).sort, hitsPerPage: PER_PAGE, page: 1 })],
    [`box count ${(r / Math.SQRT2).toFixed(1)} km half-side (inside the circle) + facets`, (pc) => ({ q: '', filter: box(centerOf(pc), r / Math.SQRT2), hitsPerPage: 0, page: 1, facets: FACETS })],
    [`box count ${(r * 1.01).toFixed(1)} km half-side (around the circle) + facets`, (pc) => ({ q: '', filter: box(centerOf(pc), r * 1.01), hitsPerPage: 0, page: 1, facets: FACETS })],
  ];
  const agent = createAgent(1);
  const rows = [];
  for (const [name, params] of shapes) {
    const server = [];
    const wall = [];
    for (const pc of postcodes) {
      const t0 = performance.now();
      const res = await send(agent, { method: 'POST', url: `${meili.url}/indexes/${index}/search`, headers: { authorization: `Bearer ${meili.masterKey}` }, body: params(pc) });
      wall.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`nearby profile "${name}": HTTP ${res.status} ${res.body.slice(0, 200)}`);
      server.push(JSON.parse(res.body).processingTimeMs);
    }
    rows.push({ query: name, meiliProcessingMsP50: percentile(server, 50), wallMsP50: round(percentile(wall, 50), 2) });
  }
  agent.destroy();
  return rows;
}

/**
 * Load runs: for each kind and concurrency, after a warm-up of every target, the API and
 * its direct counterpart(s) take turns in `rounds` slices (A B B A …), so drift on this
 * shared machine hits both sides alike. Every side gets the same work: in each round the
 * same `count` queries from the same place in the list (queries differ in cost several
 * times over, so sides walking the list each at its own pace would compare different
 * mixes). `count` is what the baseline answered in one slice's time during its warm-up.
 */
export async function runSearchLoad({ apiBase, noStoreBase, meili, index, proxy, seed, durationMs, warmupMs, rounds, concurrencies, queryCount, pids = {}, log }) {
  // The understanding row asks the text queries (with understanding on).
  const listsOf = (s) => {
    const l = searchQueries(s, queryCount);
    return { ...l, understood: l.text };
  };
  const lists = listsOf(seed);
  const t = targets({ apiBase, noStoreBase, meili, index, proxy });
  const results = [];
  const kinds = ['text', 'filtered', 'understood', 'nearby'];
  // Before the first measurement every target answers a list of other sampled queries (the
  // next seed's) once: the first rows then find the API as warm (compiled code, grown heap,
  // connections, documents it keeps) as the last ones, and Meilisearch's pages in memory for
  // both sides, without having seen the measured queries.
  const warmLists = listsOf(seed + 1);
  const most = Math.max(...concurrencies);
  const warmAgent = createAgent(most * 2);
  for (const kind of kinds) {
    for (const s of [t[kind].api, ...t[kind].direct]) {
      const run = await runLoad({ target: s, queries: warmLists[kind], concurrency: most, count: warmLists[kind].length, agent: warmAgent });
      if (run.errors > 0) throw new Error(`${s.name} (${kind}, warm-up): ${run.errors} failed requests; first: ${run.firstError}`);
    }
  }
  warmAgent.destroy();
  for (const kind of kinds) {
    for (const concurrency of concurrencies) {
      const sides = [{ key: 'api', ...t[kind].api }, ...t[kind].direct];
      const agents = new Map(sides.map((s) => [s.key, createAgent(concurrency * (s.sockets ?? 1))]));
      const warm = new Map();
      for (const s of sides) warm.set(s.key, await runLoad({ target: s, queries: lists[kind], concurrency, durationMs: warmupMs, agent: agents.get(s.key), startAt: queryCount / 2 }));
      const baseline = warm.get(sides[1].key);
      const slice = durationMs / rounds;
      const count = Math.max(4 * concurrency, Math.round((baseline.latencies.length / baseline.elapsedMs) * slice));
      const runs = new Map(sides.map((s) => [s.key, []]));
      // CPU per request of the API process, Meilisearch and this load client, per side.
      const meters = new Map(sides.map((s) => [s.key, cpuMeter({ api: pids.api, proxy: pids.proxy, nostore: pids.nostore, meili: pids.meili })]));
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 === 0 ? sides : [...sides].reverse();
        for (const s of order) {
          const stop = meters.get(s.key).start();
          const run = await runLoad({ target: s, queries: lists[kind], concurrency, count, agent: agents.get(s.key), startAt: r * count });
          stop(run.latencies.length);
          runs.get(s.key).push(run);
        }
      }
      for (const a of agents.values()) a.destroy();
      const row = { kind, concurrency, queriesPerSlice: count };
      for (const s of sides) {
        const sum = summarize(runs.get(s.key));
        if (sum.errors > 0) throw new Error(`${s.name} (${kind}, c=${concurrency}): ${sum.errors} failed requests; first: ${sum.firstError}`);
        row[s.key] = { name: s.name, requests: sum.requests, rps: round(sum.rps, 1), p50: round(sum.p50, 3), p90: round(sum.p90, 3), p99: round(sum.p99, 3), mean: round(sum.mean, 3), cpuMsPerRequest: meters.get(s.key).perRequest() };
      }
      if (kind === 'nearby') {
        row.speedup = round(row.api.rps / row.naive.rps, 3);
        row.speedupHitsOnly = round(row.api.rps / row.naiveHitsOnly.rps, 3);
        row.goalMet = row.speedup >= NEARBY_GOAL;
      } else {
        row.throughputRatio = round(row.api.rps / row.direct.rps, 3);
        if (row.proxy) {
          row.proxyRatio = round(row.proxy.rps / row.direct.rps, 3);
          row.apiVsProxy = round(row.api.rps / row.proxy.rps, 3);
        }
        if (row.split) row.splitRatio = round(row.split.rps / row.direct.rps, 3);
        if (row.nostore) row.noStoreRatio = round(row.nostore.rps / row.direct.rps, 3);
        row.goalMet = kind === 'understood' ? null : row.throughputRatio >= TEXT_GOAL;
      }
      log(`  ${KIND_LABEL[kind]}, c=${concurrency}: API ${fmtInt(row.api.rps)} req/s p50 ${fmtMs(row.api.p50)} ms | ${sides.slice(1).map((s) => `${s.key} ${fmtInt(row[s.key].rps)} req/s p50 ${fmtMs(row[s.key].p50)} ms`).join(' | ')}`);
      results.push(row);
    }
  }
  return results;
}

export async function runSearchSection({ apiBase, cachedBase, noStoreBase, proxy, meili, index, documents, settings, pids, log }) {
  const equality = await checkNearbyEquality({ apiBase, meili, index, queries: equalityQueries(settings.seed, settings.equalityQueries), log });
  const load = await runSearchLoad({ apiBase, noStoreBase, meili, index, proxy, seed: settings.seed, ...settings.load, pids, log });
  log('  repeated mix: API with and without the response cache, and direct');
  const mix = await runMixSection({ cachedBase, uncachedBase: apiBase, meili, index, seed: settings.seed, ...settings.load, log });
  const profile = await nearbyBreakdown({ meili, index, postcodes: searchQueries(settings.seed, 40).nearby.map((x) => x.postcode) });
  const strategies = await apiStrategies(apiBase);
  return {
    documents,
    goal: { textThroughputRatio: TEXT_GOAL, nearbySpeedup: NEARBY_GOAL },
    method: {
      ...settings.load,
      perPage: PER_PAGE,
      nearbyRadiusKm: DEFAULT_RADIUS_KM,
      direct: 'the queries the API sends with understand=false and without its hit store (status = active, every hit field in attributesToRetrieve, highlight, facets, page/hitsPerPage; with category and day one multi-search with the two disjunctive facet-only queries): what a client asks Meilisearch for the same hits (the API marks the words itself instead of asking Meilisearch to highlight)',
      naive: '_geoRadius(lat, lng, 10000) AND status = active, sort _geoPoint(lat, lng):asc, facets, hitsPerPage 20: one request',
    },
    equality,
    load,
    mix,
    nearbyProfile: profile,
    apiStrategies: strategies,
    goalMet: load.every((r) => r.goalMet !== false) && mix.rows.every((r) => r.goalMet) && equality.failures.length === 0,
  };
}

/** How the API answered (its /metrics counter of search strategies), when it exposes one. */
async function apiStrategies(apiBase) {
  try {
    const res = await fetch(new URL('/metrics', apiBase));
    if (!res.ok) return null;
    const out = {};
    const text = await res.text();
    for (const m of text.matchAll(/^sk_search_strategy_total\{strategy="([^"]+)"\} (\d+)/gm)) out[m[1]] = Number(m[2]);
    // Where the hits' fields came from (search-api src/hit-store.ts).
    for (const m of text.matchAll(/^sk_hit_store_documents_total\{result="([^"]+)"\} (\d+)/gm)) out[`hit store ${m[1]}`] = Number(m[2]);
    return out;
  } catch {
    return null;
  }
}

export function searchTables(section) {
  const rows = [];
  for (const r of section.load) {
    const others = r.kind === 'nearby' ? ['naive', 'naiveHitsOnly'] : ['direct', ...(r.proxy ? ['proxy'] : []), ...(r.split ? ['split'] : []), ...(r.nostore ? ['nostore'] : [])];
    rows.push([KIND_LABEL[r.kind], r.concurrency, r.api.name, fmtMs(r.api.p50), fmtMs(r.api.p99), fmtInt(r.api.rps), '', '']);
    for (const k of others) {
      if (k === 'split') {
        rows.push(['', '', r[k].name, fmtMs(r[k].p50), fmtMs(r[k].p99), fmtInt(r[k].rps), '', `info: split / direct ${fmtRatio(r.splitRatio, '×')}`]);
        continue;
      }
      if (k === 'nostore') {
        rows.push(['', '', r[k].name, fmtMs(r[k].p50), fmtMs(r[k].p99), fmtInt(r[k].rps), '', `info: without the store / direct ${fmtRatio(r.noStoreRatio, '×')}`]);
        continue;
      }
      const ratio = r.kind === 'nearby' ? (k === 'naive' ? r.speedup : r.speedupHitsOnly) : k === 'proxy' ? r.apiVsProxy : r.throughputRatio;
      const goal = k === 'naiveHitsOnly' || k === 'proxy' || r.goalMet === null ? (k === 'proxy' ? `info: proxy / direct ${fmtRatio(r.proxyRatio, '×')}` : 'info') : goalCell(r.goalMet);
      rows.push(['', '', r[k].name, fmtMs(r[k].p50), fmtMs(r[k].p99), fmtInt(r[k].rps), k === 'proxy' ? `${fmtRatio(ratio, '×')} (API / proxy)` : fmtRatio(ratio, '×'), goal]);
    }
  }
  const table = markdownTable(['query kind', 'concurrency:', 'target', 'p50 ms:', 'p99 ms:', 'req/s:', 'API / direct req/s:', 'goal'], rows);
  const cpu = cpuTable(section.load);
  const eq = section.equality;
  const eqLine = `Nearby equality check: ${eq.checked - eq.failures.length}/${eq.checked} sampled nearby queries (radius default/2/5/25 km) return exactly the naive top ${PER_PAGE} in the same order${eq.failures.length ? ' — **FAILED**' : ''}. One at a time, the API's nearby answer took ${fmtMs(eq.apiRoundTripMsP50)} ms round trip at p50, of which ${fmtMs(eq.apiTookMsP50)} ms inside its search function (\`tookMs\`: Meilisearch calls included).`;
  const profile = section.nearbyProfile
    ? `\n\nNearby profile (Meilisearch processingTimeMs, median over 40 sampled postcodes, radius ${DEFAULT_RADIUS_KM} km, one query at a time):\n\n${markdownTable(['query sent to Meilisearch', 'Meilisearch ms p50:', 'round trip ms p50:'], section.nearbyProfile.map((r) => [r.query, r.meiliProcessingMsP50, fmtMs(r.wallMsP50)]))}`
    : '';
  const strategies = section.apiStrategies ? `\nAPI search strategies during the run, and where its hits' fields came from (its /metrics): ${Object.entries(section.apiStrategies).map(([k, v]) => `${k} ${fmtInt(v)}`).join(', ')}.` : '';
  return `${table}\n\n${cpu}${mixTable(section.mix)}${profile}\n${strategies}\n\nGoals: text kinds API ≥ ${TEXT_GOAL} × direct throughput (both sending the same queries: understanding off; the understanding row shows what it costs); nearby API ≥ ${NEARBY_GOAL}× the naive query's throughput.\n${eqLine}`;
}

/**
 * CPU ms per request of each process during the load slices (/proc utime + stime): on two
 * cores the API's own CPU comes out of what Meilisearch and the client could use, so
 * throughput at high concurrency tends to (Meilisearch + client) / (API + Meilisearch + client).
 */
function cpuTable(load) {
  const rows = [];
  for (const r of load) {
    const sides = r.kind === 'nearby' ? ['api', 'naive'] : ['api', 'direct', ...(r.proxy ? ['proxy'] : []), ...(r.split ? ['split'] : []), ...(r.nostore ? ['nostore'] : [])];
    for (const k of sides) {
      const c = r[k].cpuMsPerRequest;
      if (!c) continue;
      const front = k === 'proxy' ? c.proxy : k === 'nostore' ? c.nostore : k === 'api' ? c.api : undefined;
      const total = (front ?? 0) + (c.meili ?? 0) + (c.client ?? 0);
      rows.push([k === 'api' ? KIND_LABEL[r.kind] : '', k === 'api' ? r.concurrency : '', r[k].name, front === undefined ? '–' : fmtMs(front), c.meili === undefined ? '–' : fmtMs(c.meili), fmtMs(c.client), fmtMs(total)]);
    }
  }
  if (rows.length === 0) return '';
  return `CPU time per request during the load slices (ms; /proc utime + stime of each process, this load client included; "in front" is the API process, or the bare proxy on its rows):\n\n${markdownTable(['query kind', 'concurrency:', 'target', 'in front:', 'Meilisearch:', 'load client:', 'all:'], rows)}\n\n`;
}
