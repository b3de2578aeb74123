// The repeated-query mix: what a live sociale kaart is asked. A few questions come back again
// and again (the gemeente page's first load; the words and needs GPs type most), most come
// rarely: Zipf over a pool of sampled queries, plus the gemeente pages' first loads. The API
// with its response cache, the API without it, and Meilisearch asked directly the same
// questions take turns (A B C C B A …), like the other search kinds.
import { createAgent, runLoad, summarize } from './load.mjs';
import { samplePostcodes, searchQueries, seededRandom } from './queries.mjs';
import { DEFAULT_RADIUS_KM, apiUrl, directSearch, directText, naiveNearbyParams } from './search.mjs';
import { fmtInt, fmtMs, fmtRatio, goalCell, markdownTable, round } from './stats.mjs';

export const MIX_CACHE_GOAL = 2;
/** Zipf exponent: the k-th most asked question is asked 1/k^s as often as the first. */
const ZIPF_S = 1;
const GEMEENTE_SHARE = 0.3;
const GEMEENTE_PAGES = 8;
/** What the example gemeente page's <sk-finder postcode="…" per-page="12"> asks first. */
const GEMEENTE_PER_PAGE = 12;

/** `count` requests: Zipf over `poolSize` sampled text, filtered and nearby queries, and gemeente first loads. */
export function mixQueries(seed, count, poolSize = 300) {
  const rnd = seededRandom(seed ^ 0x3c6ef372);
  const sampled = searchQueries(seed ^ 0x1b873593, poolSize);
  const pool = [];
  for (let i = 0; pool.length < poolSize; i++) {
    const r = i % 10;
    if (r < 4) pool.push({ kind: 'text', ...sampled.text[i] });
    else if (r < 7) pool.push({ kind: 'filtered', ...sampled.filtered[i] });
    else pool.push({ kind: 'nearby', ...sampled.nearby[i] });
  }
  const weights = pool.map((_, k) => 1 / (k + 1) ** ZIPF_S);
  const sum = weights.reduce((a, b) => a + b, 0);
  const cumulative = [];
  weights.reduce((acc, w) => (cumulative.push((acc + w) / sum), acc + w), 0);
  const pages = samplePostcodes(rnd, GEMEENTE_PAGES).map((postcode) => ({ kind: 'gemeente', postcode }));
  const out = [];
  for (let i = 0; i < count; i++) {
    if (rnd() < GEMEENTE_SHARE) out.push(pages[Math.floor(rnd() * pages.length)]);
    else {
      const x = rnd();
      out.push(pool[Math.max(0, cumulative.findIndex((c) => c >= x))]);
    }
  }
  return { queries: out, distinct: new Set(out.map((q) => JSON.stringify(q))).size };
}

function apiRequest(base, query) {
  switch (query.kind) {
    case 'text':
    case 'filtered':
      return { url: apiUrl(base, { q: query.q, category: query.category, day: query.day, understand: false }) };
    case 'nearby':
      return { url: apiUrl(base, { postcode: query.postcode, sort: 'distance' }) };
    default:
      return { url: apiUrl(base, { postcode: query.postcode, lang: 'nl' }, GEMEENTE_PER_PAGE) };
  }
}

function directRequest(meili, index, query) {
  if (query.kind === 'text' || query.kind === 'filtered') return directText(meili, index, query);
  return directSearch(meili, index, naiveNearbyParams(query.postcode, DEFAULT_RADIUS_KM, { limit: query.kind === 'gemeente' ? GEMEENTE_PER_PAGE : undefined }));
}

async function cacheCounts(apiBase) {
  const text = await (await fetch(new URL('/metrics', apiBase))).text();
  let hits = 0;
  let all = 0;
  for (const m of text.matchAll(/^sk_search_strategy_total\{strategy="([^"]+)"\} (\d+)/gm)) {
    all += Number(m[2]);
    if (m[1] === 'cache') hits += Number(m[2]);
  }
  return { hits, all };
}

export async function runMixSection({ cachedBase, uncachedBase, meili, index, seed, durationMs, warmupMs, rounds, concurrencies, log }) {
  const { queries, distinct } = mixQueries(seed, 5000);
  const sides = [
    { key: 'cached', name: 'API, response cache on (default)', request: (q) => apiRequest(cachedBase, q) },
    { key: 'uncached', name: 'API, --cache-size 0', request: (q) => apiRequest(uncachedBase, q) },
    { key: 'direct', name: 'Meilisearch direct (the same questions)', request: (q) => directRequest(meili, index, q) },
  ];
  const before = await cacheCounts(cachedBase);
  const rows = [];
  for (const concurrency of concurrencies) {
    const agents = new Map(sides.map((s) => [s.key, createAgent(concurrency)]));
    // The cached API is a fresh process here (the other one served the kinds): a longer warm-up
    // gives its JIT and its cache the steady state a running API has.
    for (const s of sides) await runLoad({ target: s, queries, concurrency, durationMs: Math.max(3 * warmupMs, 3000), agent: agents.get(s.key) });
    const runs = new Map(sides.map((s) => [s.key, []]));
    const cursor = new Map(sides.map((s) => [s.key, 0]));
    for (let r = 0; r < rounds; r++) {
      for (const s of r % 2 === 0 ? sides : [...sides].reverse()) {
        const run = await runLoad({ target: s, queries, concurrency, durationMs: durationMs / rounds, agent: agents.get(s.key), startAt: cursor.get(s.key) });
        cursor.set(s.key, run.next);
        runs.get(s.key).push(run);
      }
    }
    for (const a of agents.values()) a.destroy();
    const row = { concurrency };
    for (const s of sides) {
      const sum = summarize(runs.get(s.key));
      if (sum.errors > 0) throw new Error(`${s.name} (repeated mix, c=${concurrency}): ${sum.errors} failed requests; first: ${sum.firstError}`);
      row[s.key] = { name: s.name, requests: sum.requests, rps: round(sum.rps, 1), p50: round(sum.p50, 3), p99: round(sum.p99, 3) };
    }
    row.cachedRatio = round(row.cached.rps / row.direct.rps, 3);
    row.uncachedRatio = round(row.uncached.rps / row.direct.rps, 3);
    row.goalMet = row.cachedRatio >= MIX_CACHE_GOAL;
    log(`  repeated mix, c=${concurrency}: cached ${fmtInt(row.cached.rps)} req/s | uncached ${fmtInt(row.uncached.rps)} req/s | direct ${fmtInt(row.direct.rps)} req/s`);
    rows.push(row);
  }
  const after = await cacheCounts(cachedBase);
  const searches = after.all - before.all;
  return { requests: queries.length, distinct, zipfS: ZIPF_S, gemeenteShare: GEMEENTE_SHARE, gemeentePages: GEMEENTE_PAGES, cacheHitRate: searches ? round((after.hits - before.hits) / searches, 3) : null, rows, goal: MIX_CACHE_GOAL };
}

export function mixTable(mix) {
  const rows = [];
  for (const r of mix.rows) {
    rows.push(['repeated mix', r.concurrency, r.cached.name, fmtMs(r.cached.p50), fmtMs(r.cached.p99), fmtInt(r.cached.rps), fmtRatio(r.cachedRatio, '×'), goalCell(r.goalMet)]);
    rows.push(['', '', r.uncached.name, fmtMs(r.uncached.p50), fmtMs(r.uncached.p99), fmtInt(r.uncached.rps), fmtRatio(r.uncachedRatio, '×'), 'info']);
    rows.push(['', '', r.direct.name, fmtMs(r.direct.p50), fmtMs(r.direct.p99), fmtInt(r.direct.rps), '', '']);
  }
  return [
    `Repeated-query mix: a seeded sequence of ${fmtInt(mix.requests)} requests (${fmtInt(mix.distinct)} distinct), ${Math.round(mix.gemeenteShare * 100)}% the first load of one of ${mix.gemeentePages} gemeente pages (\`postcode=…&per_page=12\`, as \`<sk-finder postcode>\` asks), the rest Zipf (s = ${mix.zipfS}) over 300 sampled text, text + category + day and nearby queries. Direct: the same questions as the API would send them without understanding (nearby: the naive query). Cache hits during the run: ${mix.cacheHitRate === null ? '–' : `${Math.round(mix.cacheHitRate * 100)}%`} of the cached API's searches.`,
    '',
    markdownTable(['query kind', 'concurrency:', 'target', 'p50 ms:', 'p99 ms:', 'req/s:', 'API / direct req/s:', `goal (cache on ≥ ${MIX_CACHE_GOAL}×)`], rows),
  ].join('\n');
}
