// A search with no other in flight asks Meilisearch in two concurrent requests (search.ts
// `parallel`: its hits and its counts, or with a selection the search and its facet-only
// queries); under load it sends one. Both must give the very same answer, and the API must
// choose by what is in flight, not by chance.
import { describe, expect, it } from 'vitest';
import type { SearchRequest } from '../src/backend.js';
import { createApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
import { searchQuerySchema } from '../src/params.js';
import { HitStore } from '../src/hit-store.js';
import { findSearch, normalizeSearchQuery } from '../src/search.js';
import { buildActivities } from './fixtures/activities.js';
import { forwardingBackend, useApi } from './helpers.js';

const api = useApi(() => buildActivities());
const now = new Date(Date.UTC(2025, 0, 13, 12));

const QUERIES = [
  'q=buurtkoor',
  'q=wandelgroep&per_page=7&page=2',
  'q=koffieochtend&day=di&day=do',
  'q=activiteit&day=ma&day=wo&part_of_day=ochtend&audience=ouderen',
  'q=zangvogels&free=true',
  'q=wandel&postcode=3511AB&radius=5',
  'q=buurtkoor&postcode=3511AB&sort=distance',
  'category=creative&day=do',
  'q=stoelyoga&online=false&postcode=3511',
  'q=iets+dat+nergens+staat',
];

/** Tiered searches: a need chosen, or named by the text (understanding on). */
const TIERED = ['q=eenzaam', 'q=schulden&day=di', 'need=eenzaamheid', 'need=eenzaamheid&q=koffieochtend', 'q=eenzaam+moestuin&per_page=23&page=2', 'q=rouw&postcode=3511AB'];

/** Every value of a repeated parameter, as the route reads them; understanding off unless asked. */
function parse(qs: string, { understand = false } = {}) {
  const params = new URLSearchParams(understand ? qs : `${qs}&understand=false`);
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    raw[key] = all.length > 1 ? all : all[0]!;
  }
  return normalizeSearchQuery(searchQuerySchema.parse(raw));
}

describe('a search alone splits its work in two, with the same answer', () => {
  it('finds the same hits (order, highlights), total and facet counts either way', async () => {
    // With a category and a day the data has for the text (the fixture's tags are random).
    const filtered: string[] = [];
    for (const q of ['stoelyoga', 'koffieochtend']) {
      const top = async (qs: string, facet: string) => {
        const found = await findSearch(api.backend, parse(qs), { now });
        return Object.entries(found.facetDistribution[facet] ?? {}).sort((a, b) => b[1] - a[1])[0]![0];
      };
      const withCategory = `q=${q}&category=${await top(`q=${q}`, 'categories')}`;
      filtered.push(withCategory, `${withCategory}&day=${await top(withCategory, 'days')}`);
    }
    let found = 0;
    const strategies = new Set<string>();
    const cases = [...[...QUERIES, ...filtered].map((qs) => ({ qs, understand: false })), ...TIERED.map((qs) => ({ qs, understand: true }))];
    for (const { qs, understand } of cases) {
      const n = parse(qs, { understand });
      const one = await findSearch(api.backend, n, { now, parallel: false });
      const two = await findSearch(api.backend, n, { now, parallel: true });
      expect(two, qs).toEqual(one);
      if (one.hits.length > 0) found++;
      strategies.add(one.strategy);
    }
    expect([...strategies].sort()).toEqual(['distance', 'need', 'relevance', 'understood']);
    expect(found).toBe(QUERIES.length + filtered.length + TIERED.length - 1); // all but the text found nowhere
    // The set reaches into every part of the answer: hits, highlights and each facet.
    const busy = await findSearch(api.backend, parse('q=koffieochtend&day=di&day=do'), { now, parallel: false });
    expect(busy.hits.length).toBeGreaterThan(0);
    expect(busy.hits.some((h) => String(h.formatted?.title).includes('\uE000'))).toBe(true);
    expect(Object.keys(busy.facetDistribution).sort()).toEqual(['audience', 'categories', 'days', 'free', 'needs', 'partsOfDay']);
  });

  it('splits only when no other search is in flight', async () => {
    // The back end holds every request until released, and records what was asked.
    const asked: Array<{ kind: 'search' | 'multi'; requests: SearchRequest[] }> = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const waiting: Array<{ q: string; resolve: () => void }> = [];
    /** Resolves once a request with text `q` has been asked. */
    const askedFor = (q: string) => new Promise<void>((resolve) => waiting.push({ q, resolve }));
    const record = (kind: 'search' | 'multi', requests: SearchRequest[]) => {
      asked.push({ kind, requests });
      for (const w of waiting) if (requests.some((r) => r.q === w.q)) w.resolve();
      return gate;
    };
    const held = forwardingBackend(() => api.backend, {
      search: async (r) => (await record('search', [r]), api.backend.search(r)),
      multiSearch: async (rs) => (await record('multi', rs), api.backend.multiSearch(rs)),
    });
    const app = createApp({ backend: held, config: defaultConfig({ rateLimitPerSecond: 0, searchCacheSize: 0 }), log: () => {}, clock: () => now });
    const koorAsked = askedFor('buurtkoor');
    const yogaAsked = askedFor('stoelyoga');
    const first = app.request('/v1/search?q=buurtkoor&understand=false');
    await koorAsked;
    // The first search is waiting for Meilisearch: the second is not alone.
    const second = app.request('/v1/search?q=stoelyoga&understand=false');
    await yogaAsked;
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const byText = (q: string) => asked.filter((x) => x.requests.some((r) => r.q === q));
    // Alone: the hits (with a limit) and the counts (hitsPerPage 0) as two requests.
    expect(byText('buurtkoor').map((x) => x.kind)).toEqual(['search', 'search']);
    expect(byText('buurtkoor').map((x) => x.requests[0])).toEqual([expect.objectContaining({ limit: 20 }), expect.objectContaining({ hitsPerPage: 0 })]);
    // Every facet is counted beside the hits: the hits, ranked and highlighted, take longer.
    expect(byText('buurtkoor')[0]!.requests[0]!.facets).toBeUndefined();
    expect(byText('buurtkoor')[1]!.requests[0]!.facets).toEqual(['categories', 'needs', 'days', 'partsOfDay', 'free', 'audience']);
    // Not alone: one request with hits, total and facets.
    expect(byText('stoelyoga')).toHaveLength(1);
    expect(byText('stoelyoga')[0]!.requests[0]).toMatchObject({ page: 1, hitsPerPage: 20 });
    expect((await a.json()).hits.length).toBeGreaterThan(0);
    expect((await b.json()).total).toBeGreaterThan(0);
  });

  it('with facet-only queries, sends the search beside them: each query asked once', async () => {
    const asked: Array<{ kind: 'search' | 'multi'; requests: SearchRequest[] }> = [];
    const recording = forwardingBackend(() => api.backend, {
      search: (r) => (asked.push({ kind: 'search', requests: [r] }), api.backend.search(r)),
      multiSearch: (rs) => (asked.push({ kind: 'multi', requests: rs }), api.backend.multiSearch(rs)),
    });
    const n = parse('q=koffieochtend&day=di&audience=ouderen');
    const two = await findSearch(recording, n, { now, parallel: true });
    expect(asked.map((x) => x.kind)).toEqual(['search', 'multi']);
    // The search: hits, exact total and the facets of the groups without a selection.
    expect(asked[0]!.requests[0]).toMatchObject({ q: 'koffieochtend', page: 1, hitsPerPage: 20, facets: ['categories', 'needs', 'partsOfDay', 'free'] });
    // Beside it one facet-only query per selected group (days, audience), nothing else.
    expect(asked[1]!.requests.map((r) => [r.hitsPerPage, r.facets])).toEqual([
      [0, ['days']],
      [0, ['audience']],
    ]);
    expect(two).toEqual(await findSearch(api.backend, n, { now, parallel: false }));
  });

  it('reads the documents of the hits while Meilisearch is still counting', async () => {
    // The count is held until the page's documents are read (or, when they are not, 2 s):
    // completed only after the count, the read would come after the release.
    const events: string[] = [];
    let documentsRead!: () => void;
    const read = new Promise<void>((r) => (documentsRead = r));
    const held = forwardingBackend(() => api.backend, {
      search: async (r) => {
        if (r.hitsPerPage === 0) {
          await Promise.race([read, new Promise((t) => setTimeout(t, 2000))]);
          events.push('count released');
        }
        return api.backend.search(r);
      },
      getDocuments: (ids, fields) => {
        events.push('documents read');
        documentsRead();
        return api.backend.getDocuments(ids, fields);
      },
    });
    const found = await findSearch(held, parse('q=koffieochtend'), { now, parallel: true, hitStore: new HitStore(100) });
    expect(found.hits.length).toBeGreaterThan(0);
    expect(found.hits.every((h) => h.kept !== undefined)).toBe(true);
    expect(events).toEqual(['documents read', 'count released']);
  });
});
