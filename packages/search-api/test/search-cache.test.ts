// The exact response cache of /v1/search over a real Meilisearch: a repeated question is
// answered without asking Meilisearch, with exactly the answer a fresh search gives, and a
// swap (the indexer publishing) or a provider's edit (the portal upserting) makes the next
// answer fresh again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForTask, withRevision } from '@sociale-kaart/meili';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { searchResponseSchema, type Activity, type SearchResponse } from '@sociale-kaart/schema';
import { createApp } from '../src/app.js';
import { createMeiliBackend, type SearchBackend } from '../src/backend.js';
import { defaultConfig, loadConfig } from '../src/config.js';
import { foldQueryText, searchCacheKey } from '../src/response-cache.js';
import { normalizeSearchQuery } from '../src/search.js';
import { searchQuerySchema } from '../src/params.js';
import { buildActivities } from './fixtures/activities.js';
import { INDEX, forwardingBackend, loadActivities } from './helpers.js';

const docs = buildActivities();
const meili = useMeilisearch({ startTimeoutMs: 60_000 });
let now = new Date(Date.UTC(2025, 0, 13, 12));
let backend: SearchBackend & { close(): void };
/** Meilisearch calls made by the search route (the real back end, counted). */
let calls = 0;

function appWith(searchCacheSize: number) {
  const counted = forwardingBackend(() => backend, {
    search: (r) => (calls++, backend.search(r)),
    multiSearch: (r) => (calls++, backend.multiSearch(r)),
    getDocuments: (ids, fields) => (calls++, backend.getDocuments(ids, fields)),
  });
  return createApp({ backend: counted, config: defaultConfig({ rateLimitPerSecond: 0, searchCacheSize }), log: () => {}, clock: () => now });
}

let cached: ReturnType<typeof createApp>;
let uncached: ReturnType<typeof createApp>;
let small: ReturnType<typeof createApp>;

beforeAll(async () => {
  await loadActivities(meili, docs);
  // The default version TTL (1 s, for ETags): the cache asks for the version itself, so a
  // change is seen at once and nothing here waits on time.
  backend = createMeiliBackend({ url: meili.url, apiKey: meili.masterKey, index: INDEX, timeoutMs: 2000 });
  cached = appWith(100);
  uncached = appWith(0);
  small = appWith(2);
});
afterAll(() => backend?.close());

async function get(app: ReturnType<typeof createApp>, path: string) {
  const before = calls;
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  const body: SearchResponse = searchResponseSchema.parse(await res.json());
  return { body, xCache: res.headers.get('x-cache'), meiliCalls: calls - before };
}

/** Everything but the time it took. */
const same = ({ tookMs: _t, ...rest }: SearchResponse) => rest;

describe('the search response cache', () => {
  it('answers a repeated search without Meilisearch, exactly as a fresh search', async () => {
    const path = '/v1/search?q=wandelgroep&category=exercise,walking_nature&per_page=10';
    const first = await get(cached, path);
    expect(first).toMatchObject({ xCache: 'miss' });
    expect(first.meiliCalls).toBeGreaterThan(0);
    const again = await get(cached, path);
    expect(again).toMatchObject({ xCache: 'hit', meiliCalls: 0 });
    const fresh = await get(uncached, path);
    expect(fresh.xCache).toBeNull();
    expect(same(again.body)).toEqual(same(fresh.body));
    expect(again.body.total).toBeGreaterThan(0);
  });

  it('takes case, accents, spacing and the order of listed keys as the same question, and answers in each request’s own words', async () => {
    await get(cached, '/v1/search?q=Taalcaf%C3%A9&day=di,wo&lang=nl');
    const variant = await get(cached, '/v1/search?q=taalcafe++&day=wo&day=di&lang=en');
    expect(variant).toMatchObject({ xCache: 'hit', meiliCalls: 0 });
    const fresh = await get(uncached, '/v1/search?q=taalcafe++&day=wo&day=di&lang=en');
    expect(same(variant.body)).toEqual(same(fresh.body));
    expect(variant.body.query).toMatchObject({ q: 'taalcafe', lang: 'en' });
    expect(variant.body.facets.day.find((f) => f.key === 'di')?.label).toBe('Tuesday');
  });

  it('keeps apart what Meilisearch tells apart: other text, page, filter, place or understanding', async () => {
    await get(cached, '/v1/search?q=schulden');
    for (const path of ['/v1/search?q=schulden&page=2', '/v1/search?q=schulden&free=true', '/v1/search?q=schulden&understand=false', '/v1/search?q=schulden&postcode=3511', '/v1/search?q=%22schulden%22']) {
      const res = await get(cached, path);
      expect(res.xCache, path).toBe('miss');
      expect(same(res.body), path).toEqual(same((await get(uncached, path)).body));
    }
  });

  it('works out next sessions for the moment of each request, not of the cached search', async () => {
    const path = '/v1/search?q=zangvogels';
    await get(cached, path);
    const earlier = now;
    now = new Date(Date.UTC(2025, 0, 15, 12)); // Wednesday: Tuesday's session has passed
    try {
      const later = await get(cached, path);
      expect(later.xCache).toBe('hit');
      const hit = later.body.hits.find((h) => h.id === 'koor-utrecht');
      expect(hit?.nextSession).toBe('2025-01-21T10:00:00+01:00');
      expect(same(later.body)).toEqual(same((await get(uncached, path)).body));
    } finally {
      now = earlier;
    }
  });

  it('is fresh again after a provider edit (a document upserted into the live index)', async () => {
    const path = '/v1/search?q=buurtrestaurant';
    expect((await get(cached, path)).xCache).toBe('miss');
    expect((await get(cached, path)).xCache).toBe('hit');
    const doc = (await meili.client.index(INDEX).getDocument('eetcafe-utrecht')) as Activity;
    await waitForTask(meili.client, await meili.client.index(INDEX).addDocuments([withRevision({ ...doc, title: 'Buurtrestaurant Nieuwe Tafel' })]));
    const after = await get(cached, path);
    expect(after.xCache).toBe('miss');
    expect(after.body.hits.find((h) => h.id === 'eetcafe-utrecht')?.title).toBe('Buurtrestaurant Nieuwe Tafel');
    expect((await get(cached, path)).xCache).toBe('hit');
  });

  it('is fresh again after a swap (the indexer publishing another index)', async () => {
    const path = '/v1/search?q=moestuin&per_page=50';
    const before = await get(cached, path);
    expect((await get(cached, path)).xCache).toBe('hit');
    const next = buildActivities({ seed: 7, utrecht: 40, rural: 10, maastricht: 5 }).map((d) => ({ ...d, id: `next-${d.id}` }));
    await loadActivities(meili, next, 'staging');
    await waitForTask(meili.client, await meili.client.swapIndexes([{ indexes: [INDEX, 'staging'], rename: false }]));
    try {
      const after = await get(cached, path);
      expect(after.xCache).toBe('miss');
      expect(after.body.hits.length).toBeGreaterThan(0);
      expect(after.body.hits.every((h) => h.id.startsWith('next-'))).toBe(true);
      expect(same(after.body)).not.toEqual(same(before.body));
      expect(same(after.body)).toEqual(same((await get(uncached, path)).body));
    } finally {
      await waitForTask(meili.client, await meili.client.swapIndexes([{ indexes: [INDEX, 'staging'], rename: false }]));
      await waitForTask(meili.client, await meili.client.deleteIndex('staging'));
    }
  });

  it('keeps at most --cache-size answers, the least recently used going first', async () => {
    for (const q of ['koor', 'yoga', 'koor']) await get(small, `/v1/search?q=${q}`);
    expect((await get(small, '/v1/search?q=koor')).xCache).toBe('hit');
    await get(small, '/v1/search?q=moestuin'); // evicts yoga, the least recently used
    expect((await get(small, '/v1/search?q=yoga')).xCache).toBe('miss');
    expect((await get(small, '/v1/search?q=moestuin')).xCache).toBe('hit');
  });

  it('with --cache-size 0 asks Meilisearch every time and sends no X-Cache', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await get(uncached, '/v1/search?q=koor');
      expect(res.xCache).toBeNull();
      expect(res.meiliCalls).toBeGreaterThan(0);
    }
  });
});

describe('configuration and key', () => {
  it('reads --cache-size and SEARCH_CACHE_SIZE (default 1000) and refuses nonsense', () => {
    expect(loadConfig([], {}).searchCacheSize).toBe(1000);
    expect(loadConfig(['--cache-size', '0'], {}).searchCacheSize).toBe(0);
    expect(loadConfig([], { SEARCH_CACHE_SIZE: '50' }).searchCacheSize).toBe(50);
    expect(() => loadConfig(['--cache-size', 'veel'], {})).toThrow(/--cache-size: must be a whole number/);
  });

  it('folds case, accents and spaces but keeps quotes', () => {
    expect(foldQueryText('  Taalcafé   Lombok ')).toBe('taalcafe lombok');
    expect(foldQueryText('"samen eten"')).toBe('"samen eten"');
    const key = (query: Record<string, string>) => searchCacheKey(normalizeSearchQuery(searchQuerySchema.parse(query)));
    expect(key({ postcode: '3511 AB' })).toBe(key({ postcode: '3511ab' }));
    expect(key({ q: 'koor', lang: 'en' })).toBe(key({ q: 'Koor' }));
    expect(key({ q: 'koor' })).not.toBe(key({ q: 'koor', per_page: '10' }));
  });
});
