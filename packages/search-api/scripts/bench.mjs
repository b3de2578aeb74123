#!/usr/bin/env node
/**
 * Throwaway benchmark (not part of the tests): 100,000 generated activities in a managed
 * Meilisearch, then
 *  1. naive `_geoRadius` + `_geoPoint` vs the bounding-box path, sequentially, per query;
 *  2. autocannon: /v1/search for three query kinds, each beside the same query sent
 *     straight to Meilisearch.
 * Run after `pnpm --filter @sociale-kaart/search-api build`:
 *   node packages/search-api/scripts/bench.mjs [--docs 100000] [--seconds 8]
 */
import autocannon from 'autocannon';
import { createActivityIndex, createMeiliClient, startMeilisearch, waitForTask, buildFilter } from '@sociale-kaart/meili';
import { allPc4, geocodePostcode } from '@sociale-kaart/schema';
import { defaultConfig, fastNearby, naiveNearby, createMeiliBackend, startServer } from '../dist/index.js';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const DOCS = arg('docs', 100_000);
const SECONDS = arg('seconds', 8);

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = rng(2026);
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const CATS = ['social_contact', 'cooking_eating', 'exercise', 'walking_nature', 'creative', 'music_dance', 'volunteering', 'learning', 'peer_support', 'mental_resilience'];
const WORDS = ['Wandelen', 'Koffieochtend', 'Koor', 'Samen koken', 'Schilderen', 'Taalcafé', 'Yoga', 'Moestuin', 'Breiclub', 'Fietsen', 'Bingo', 'Lotgenoten'];
const DAYS = [['MO', 'ma'], ['TU', 'di'], ['WE', 'wo'], ['TH', 'do'], ['FR', 'vr']];
// Cities with weights: most activities cluster where people live; the rest spread over the country.
const CITIES = ['1012', '3011', '3511', '2511', '5611', '9711', '6211', '6811', '7511', '8011'].map((p) => geocodePostcode(p));
const pc4s = allPc4();

function doc(i) {
  const c = rnd() < 0.75 ? pick(CITIES) : geocodePostcode(pick(pc4s));
  const lat = c.lat + (rnd() - 0.5) * 0.08;
  const lng = c.lng + (rnd() - 0.5) * 0.12;
  const [rr, dk] = pick(DAYS);
  const cat = pick(CATS);
  const title = `${pick(WORDS)} ${i}`;
  const ts = Date.UTC(2024, 0, 1) + Math.floor(rnd() * 500) * 86400000;
  return {
    id: `b${i}`, serviceId: `s${i}`, source: 'bench', sourceRecordId: String(i), lastModified: new Date(ts).toISOString(), lastModifiedTs: ts, assuredDate: null,
    title, summary: `${title}: gezellig samen bezig zijn in de buurt.`, description: 'Iedereen is welkom. Aanmelden niet nodig.',
    organization: { id: `o${i % 500}`, name: `Welzijn ${i % 500}`, website: null, kvk: null },
    categories: [cat], needs: rnd() < 0.3 ? ['eenzaamheid'] : [], categoryLabels: [cat], needLabels: [], categorySource: 'feed', pgDimensions: [], domains4d: [],
    audience: ['ouderen'], minAge: null, maxAge: null, languages: ['nl'],
    schedules: [{ freq: 'weekly', interval: 1, byday: [rr], bymonthday: [], opensAt: '10:00', closesAt: '12:00', validFrom: null, validTo: null, date: null, description: null }],
    days: [dk], partsOfDay: ['ochtend'],
    location: { name: 'Buurthuis', street: 'Dorpsstraat 1', postcode: null, city: null, gemeente: null }, gemeente: null, _geo: { lat, lng }, online: false,
    free: rnd() < 0.6, costDescription: null, wheelchairAccessible: true, accessibilityNotes: null, phone: null, email: null, url: null,
    acceptsWelzijnOpRecept: true, referralRequired: false, isWelzijnscoach: false, intake: null, status: rnd() < 0.95 ? 'active' : 'inactive',
  };
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (n) => n.toFixed(2);

const meili = await startMeilisearch({ maxIndexingThreads: 2, maxIndexingMemory: '2GiB' });
try {
  const client = createMeiliClient({ url: meili.url, apiKey: meili.masterKey, timeoutMs: 60_000 });
  await createActivityIndex(client, 'activities');
  const t0 = Date.now();
  for (let i = 0; i < DOCS; i += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, DOCS - i) }, (_, j) => doc(i + j));
    await waitForTask(client, await client.index('activities').addDocuments(batch, { primaryKey: 'id' }), { timeoutMs: 600_000 });
  }
  console.log(`indexed ${DOCS} documents in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // 1. nearby, sequential, one query at a time
  const backend = createMeiliBackend({ url: meili.url, apiKey: meili.masterKey, index: 'activities', timeoutMs: 2000 });
  const points = Array.from({ length: 300 }, (_, i) => (i % 2 ? pick(CITIES) : geocodePostcode(pick(pc4s))));
  const filter = buildFilter({ status: ['active'] });
  for (const radiusKm of [5, 10]) {
    const times = { naive: [], fast: [] };
    let queries = 0;
    let mismatches = 0;
    for (const center of points) {
      const req = { filter, center, radiusKm, offset: 0, limit: 20, facets: ['categories', 'needs', 'days', 'partsOfDay', 'free', 'audience'] };
      let t = performance.now();
      const a = await naiveNearby(backend, req);
      times.naive.push(performance.now() - t);
      t = performance.now();
      const b = await fastNearby(backend, req);
      times.fast.push(performance.now() - t);
      queries += b.queries;
      if (a.hits.map((h) => h.id).join() !== b.hits.map((h) => h.id).join()) mismatches++;
    }
    console.log(
      `nearby R=${radiusKm} km, 20 hits + facets, ${points.length} points: naive p50 ${fmt(pct(times.naive, 50))} ms p99 ${fmt(pct(times.naive, 99))} ms | box p50 ${fmt(pct(times.fast, 50))} ms p99 ${fmt(pct(times.fast, 99))} ms | Meilisearch queries per box search ${(queries / points.length).toFixed(2)} | mismatches ${mismatches}`,
    );
  }
  backend.close();

  // 2. throughput and latency under load: API vs Meilisearch directly
  const server = await startServer(defaultConfig({ port: 0, meiliUrl: meili.url, meiliKey: meili.masterKey, rateLimitPerSecond: 0, cacheMaxAgeSeconds: 0 }), { requestLog: () => {} });
  const utrecht = geocodePostcode('3511');
  const facets = ['categories', 'needs', 'days', 'partsOfDay', 'free', 'audience'];
  const hl = { attributesToHighlight: ['title', 'summary'], highlightPreTag: '\uE000', highlightPostTag: '\uE001' };
  const kinds = [
    { name: 'text', api: '/v1/search?q=wandelen', meili: { q: 'wandelen', filter: ['status = "active"'], hitsPerPage: 20, page: 1, facets, ...hl } },
    { name: 'text+category', api: '/v1/search?q=wandelen&category=walking_nature', meili: { q: 'wandelen', filter: ['status = "active"', 'categories = "walking_nature"'], hitsPerPage: 20, page: 1, facets, ...hl } },
    {
      name: 'postcode-only nearby',
      api: '/v1/search?postcode=3511',
      meili: { q: '', filter: ['status = "active"', `_geoRadius(${utrecht.lat}, ${utrecht.lng}, 10000)`], sort: [`_geoPoint(${utrecht.lat}, ${utrecht.lng}):asc`], hitsPerPage: 20, page: 1, facets },
    },
  ];
  const run = (opts) => new Promise((resolve, reject) => autocannon({ connections: 8, duration: SECONDS, ...opts }, (err, res) => (err ? reject(err) : resolve(res))));
  console.log(`\nautocannon, 8 connections, ${SECONDS} s each (p50 / p99 latency in ms, requests/s)`);
  for (const k of kinds) {
    const api = await run({ url: `${server.url}${k.api}` });
    const direct = await run({
      url: `${meili.url}/indexes/activities/search`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${meili.masterKey}` },
      body: JSON.stringify(k.meili),
    });
    const bad = api.non2xx + direct.non2xx;
    console.log(
      `${k.name.padEnd(22)} API p50 ${api.latency.p50} p99 ${api.latency.p99} (${Math.round(api.requests.average)}/s) | Meilisearch p50 ${direct.latency.p50} p99 ${direct.latency.p99} (${Math.round(direct.requests.average)}/s) | ratio p50 ${(api.latency.p50 / Math.max(direct.latency.p50, 0.01)).toFixed(2)} p99 ${(api.latency.p99 / Math.max(direct.latency.p99, 0.01)).toFixed(2)}${bad ? ` | non-2xx ${bad}` : ''}`,
    );
  }
  await server.close();
} finally {
  await meili.stop();
}
