// The hit store (src/hit-store.ts) over a real Meilisearch: a search retrieves only ids and
// revisions (the API marks the query's words itself, src/highlight.ts), and the answer is exactly the
// answer of a search that retrieves every hit field; a repeated page reads no document; an edit (a new revision) is
// seen at once; documents without a revision are read every time and still answered right.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForTask, withRevision } from '@sociale-kaart/meili';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { searchResponseSchema, type Activity, type SearchResponse } from '@sociale-kaart/schema';
import { createApp } from '../src/app.js';
import { createMeiliBackend, type SearchBackend } from '../src/backend.js';
import { defaultConfig } from '../src/config.js';
import { buildActivities } from './fixtures/activities.js';
import { INDEX, forwardingBackend, loadActivities } from './helpers.js';

const docs = buildActivities();
const meili = useMeilisearch({ startTimeoutMs: 60_000 });
const now = new Date(Date.UTC(2025, 0, 13, 12));
let backend: SearchBackend & { close(): void };
/** Ids asked of `documents/fetch`, and the attributes each search for hits retrieved (count-only queries retrieve nothing). */
const fetched: string[] = [];
const retrieved: unknown[] = [];
/** `attributesToHighlight` of each search for hits. */
const highlighted: unknown[] = [];

function appWith(hitStoreSize: number) {
  const watched = forwardingBackend(() => backend, {
    search: (r) => (r.hitsPerPage !== 0 && (retrieved.push(r.attributesToRetrieve), highlighted.push(r.attributesToHighlight)), backend.search(r)),
    multiSearch: (rs) => (rs.forEach((r) => r.hitsPerPage !== 0 && (retrieved.push(r.attributesToRetrieve), highlighted.push(r.attributesToHighlight))), backend.multiSearch(rs)),
    getDocuments: (ids, fields) => (fetched.push(...ids), backend.getDocuments(ids, fields)),
  });
  return createApp({ backend: watched, config: defaultConfig({ rateLimitPerSecond: 0, searchCacheSize: 0, hitStoreSize }), log: () => {}, clock: () => now });
}

let stored: ReturnType<typeof createApp>;
let plain: ReturnType<typeof createApp>;

beforeAll(async () => {
  await loadActivities(meili, docs);
  backend = createMeiliBackend({ url: meili.url, apiKey: meili.masterKey, index: INDEX, timeoutMs: 2000 });
  stored = appWith(1000);
  plain = appWith(0);
});
afterAll(() => backend?.close());

async function get(app: ReturnType<typeof createApp>, path: string) {
  const before = fetched.length;
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  const body: SearchResponse = searchResponseSchema.parse(await res.json());
  return { body, fetchedIds: fetched.slice(before) };
}
/** The answer without its timing. */
const same = (b: SearchResponse) => ({ ...b, tookMs: 0 });

const PATHS = [
  '/v1/search?q=koor',
  '/v1/search?q=wandelen&understand=false&per_page=5&page=2',
  '/v1/search?q=eenzaam',
  '/v1/search?q=taalcafe&category=social_contact&day=di',
  '/v1/search?postcode=3511&sort=distance&per_page=12',
  '/v1/search?need=eenzaamheid&postcode=3511',
  '/v1/search?category=exercise&lang=en',
  '/v1/search?q=marker',
  '/v1/search?q=yoga',
];

describe('hit store', () => {
  it('answers exactly what a search retrieving every hit field answers, cold and warm', async () => {
    for (const path of PATHS) {
      const want = same((await get(plain, path)).body);
      const cold = await get(stored, path);
      expect(same(cold.body), path).toEqual(want);
      const warm = await get(stored, path);
      expect(same(warm.body), path).toEqual(want);
      expect(warm.fetchedIds, `${path}: a repeated page reads no document`).toEqual([]);
    }
    expect(retrieved.some((a) => Array.isArray(a) && a.includes('schedules')), 'the store-less app retrieves every hit field').toBe(true);
  });

  it('asks Meilisearch to highlight only the queries the API does not read like it (quotes, -word)', async () => {
    highlighted.length = 0;
    await get(stored, '/v1/search?q=moestuin&per_page=7');
    await get(stored, '/v1/search?q=taalcafe&category=social_contact&day=di');
    expect(highlighted.length).toBeGreaterThan(0);
    expect(highlighted.every((a) => a === undefined)).toBe(true);
    highlighted.length = 0;
    const quoted = await get(stored, `/v1/search?q=${encodeURIComponent('"moestuin"')}&per_page=7`);
    expect(highlighted).toContainEqual(['title', 'summary']);
    expect(quoted.body.hits.some((h) => h.highlight.title.includes('\uE000') || h.highlight.summary.includes('\uE000'))).toBe(true);
  });

  it('asks searches only for ids and revisions (nearby ones also the point), and reads each unknown document of a page once', async () => {
    retrieved.length = 0;
    const first = await get(stored, '/v1/search?q=moestuin&per_page=7');
    expect(first.body.hits.length).toBeGreaterThan(0);
    expect(new Set(retrieved.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify(['id', 'rev'])]));
    // The API marks the words of title and summary without Meilisearch retrieving or highlighting them.
    expect(first.body.hits.some((h) => h.highlight.title.includes('\uE000') || h.highlight.summary.includes('\uE000'))).toBe(true);
    expect(first.fetchedIds.length).toBeLessThanOrEqual(first.body.hits.length);
    expect(new Set(first.fetchedIds).size).toBe(first.fetchedIds.length);
    expect((await get(stored, '/v1/search?q=moestuin&per_page=7')).fetchedIds).toEqual([]);
    retrieved.length = 0;
    await get(stored, '/v1/search?postcode=3511&sort=distance&per_page=12');
    expect(retrieved.length).toBeGreaterThan(0);
    expect(new Set(retrieved.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify(['id', 'rev', '_geo'])]));
  });

  it('shows an edit at once: the edited document has a new revision and is read again', async () => {
    const path = '/v1/search?q=zangvogels&understand=false';
    const before = await get(stored, path);
    expect(before.body.hits.map((h) => h.id)).toContain('koor-utrecht');
    expect(before.body.hits.find((h) => h.id === 'koor-utrecht')?.organization.name).not.toBe('Zangvereniging Nieuw');
    expect((await get(stored, path)).fetchedIds).toEqual([]);
    const doc = (await meili.client.index(INDEX).getDocument('koor-utrecht')) as Activity;
    // A field the search does not retrieve: only the revision tells the store it changed.
    const edited = withRevision({ ...doc, organization: { ...doc.organization, name: 'Zangvereniging Nieuw' } });
    expect(edited.rev).not.toBe((doc as Activity & { rev?: string }).rev);
    await waitForTask(meili.client, await meili.client.index(INDEX).addDocuments([edited]));
    const after = await get(stored, path);
    expect(after.fetchedIds).toEqual(['koor-utrecht']);
    expect(after.body.hits.find((h) => h.id === 'koor-utrecht')?.organization.name).toBe('Zangvereniging Nieuw');
    expect(same(after.body)).toEqual(same((await get(plain, path)).body));
  });

  it('reads documents without a revision every time, and still answers them right', async () => {
    const old = buildActivities({ seed: 9, utrecht: 30, rural: 5, maastricht: 5 }).map((d) => ({ ...d, id: `old-${d.id}` }));
    await loadActivities(meili, old, 'old-writer', { revisions: false });
    const oldBackend = createMeiliBackend({ url: meili.url, apiKey: meili.masterKey, index: 'old-writer', timeoutMs: 2000 });
    try {
      const app = (size: number) => createApp({ backend: oldBackend, config: defaultConfig({ rateLimitPerSecond: 0, searchCacheSize: 0, hitStoreSize: size }), log: () => {}, clock: () => now });
      const [withStore, without] = [app(1000), app(0)];
      const path = '/v1/search?q=wandelen&per_page=10';
      for (let i = 0; i < 2; i++) {
        const a = searchResponseSchema.parse(await (await withStore.request(path)).json());
        const b = searchResponseSchema.parse(await (await without.request(path)).json());
        expect(a.hits.length).toBeGreaterThan(0);
        expect(same(a)).toEqual(same(b));
      }
      const metrics = await (await withStore.request('/metrics')).text();
      const count = (result: string) => Number(new RegExp(`sk_hit_store_documents_total\\{result="${result}"\\} (\\d+)`).exec(metrics)?.[1]);
      expect(count('found')).toBe(0);
      expect(count('read')).toBeGreaterThan(0);
      expect(metrics).toMatch(/^sk_hit_store_size 0$/m);
    } finally {
      oldBackend.close();
    }
  });

  it('counts documents found and read in /metrics', async () => {
    const path = '/v1/search?q=zwemmen&per_page=5';
    await get(stored, path);
    const metrics = async () => (await stored.request('/metrics')).text();
    const count = (text: string, result: string) => Number(new RegExp(`sk_hit_store_documents_total\\{result="${result}"\\} (\\d+)`).exec(text)?.[1]);
    const before = await metrics();
    const again = await get(stored, path);
    const after = await metrics();
    expect(count(after, 'found') - count(before, 'found')).toBe(again.body.hits.length);
    expect(count(after, 'read')).toBe(count(before, 'read'));
    expect(Number(/^sk_hit_store_size (\d+)$/m.exec(after)?.[1])).toBeGreaterThan(0);
  });
});
