// /v1/search's answer text (src/search.ts searchResponseJson): byte for byte the ASCII JSON of
// presentSearch's answer, with the hits' static parts written once per document revision and
// language by the hit store, for every kind of query over a real Meilisearch and for odd
// documents (markers in the text, no place, no schedules, emoji, English).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRevision } from '@sociale-kaart/meili';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { categoryLabel, type Activity, type Lang } from '@sociale-kaart/schema';
import { createMeiliBackend, type SearchBackend } from '../src/backend.js';
import { HitStore } from '../src/hit-store.js';
import { asciiString } from '../src/http/json.js';
import { searchQuerySchema } from '../src/params.js';
import { findSearch, normalizeSearchQuery, presentSearch, searchResponseJson, type SearchFindings, type SearchOptions } from '../src/search.js';
import { buildActivities } from './fixtures/activities.js';
import { INDEX, forwardingBackend, loadActivities } from './helpers.js';

const now = new Date(Date.UTC(2025, 0, 13, 12));
const docs = buildActivities();
const meili = useMeilisearch({ startTimeoutMs: 60_000 });
let backend: SearchBackend & { close(): void };

beforeAll(async () => {
  await loadActivities(meili, docs);
  backend = createMeiliBackend({ url: meili.url, apiKey: meili.masterKey, index: INDEX, timeoutMs: 2000 });
});
afterAll(() => backend?.close());

const query = (params: Record<string, string>) => normalizeSearchQuery(searchQuerySchema.parse(params));
/** What /v1/search wrote before the hit store kept JSON: presentSearch's answer as ASCII JSON. */
const reference = (found: SearchFindings, n: ReturnType<typeof query>, options: SearchOptions, tookMs = 4.25) => asciiString(JSON.stringify(presentSearch(found, n, options, tookMs)));
const ascii = /^[\x00-\x7e]*$/;

const QUERIES: Array<Record<string, string>> = [
  { q: 'koor' },
  { q: 'wandelen', understand: 'false', per_page: '5', page: '2' },
  { q: 'eenzaam' },
  { q: 'taalcafe', category: 'social_contact', day: 'di' },
  { postcode: '3511', sort: 'distance', per_page: '12' },
  { postcode: '3511', q: 'koffie' },
  { need: 'eenzaamheid', postcode: '3511' },
  { category: 'exercise', lang: 'en' },
  { q: 'yoga', lang: 'en', free: 'true' },
  { q: 'geen-enkel-resultaat-xyz' },
];

describe('searchResponseJson', () => {
  it('writes exactly presentSearch as ASCII JSON for every kind of query, with the store cold, warm and off', async () => {
    const store = new HitStore(1000);
    for (const params of QUERIES) {
      const n = query(params);
      for (const hitStore of [store, store, undefined]) {
        const options: SearchOptions = { now, staleAfterDays: 180, ...(hitStore ? { hitStore } : {}) };
        const found = await findSearch(backend, n, options);
        const text = searchResponseJson(found, n, options, 4.25);
        expect(text, JSON.stringify(params)).toBe(reference(found, n, options));
        expect(ascii.test(text)).toBe(true);
      }
    }
    expect(store.size).toBeGreaterThan(0);
  });

  it('keeps each hit static part per revision and language: a second language is written anew, an edit is never shown from the old one', async () => {
    const store = new HitStore(1000);
    const counting = forwardingBackend(() => backend);
    for (const lang of ['nl', 'en', 'nl'] as Lang[]) {
      const n = query({ q: 'wandelen', lang });
      const options: SearchOptions = { now, hitStore: store };
      const found = await findSearch(counting, n, options);
      expect(found.hits.length).toBeGreaterThan(0);
      expect(searchResponseJson(found, n, options, 1)).toBe(reference(found, n, options, 1));
      const first = JSON.parse(searchResponseJson(found, n, options, 1)).hits[0].categories[0];
      expect(first.label).toBe(categoryLabel(first.key, lang));
    }
    // The same id with another revision (an edit) gets its own static part, from its own fields.
    const [hit] = (await findSearch(counting, query({ q: 'wandelen' }), { now, hitStore: store })).hits;
    expect(hit!.kept, 'the store keeps the document it gave out').toBeDefined();
    const doc = hit!.doc as Activity & { rev: string };
    const edited = withRevision({ ...doc, organization: { name: 'Andere Stichting' } }) as Activity & { rev: string };
    expect(edited.rev).not.toBe(doc.rev);
    const [again] = await store.complete(forwardingBackend(() => backend, { getDocuments: async <T>() => [edited as T] }), [{ ...doc, rev: edited.rev }]);
    expect(again!.kept).not.toBe(hit!.kept);
    expect(store.known(again!, 'nl', now).staticJson).toContain('"organization":{"name":"Andere Stichting"}');
    expect(store.known(hit!, 'nl', now).staticJson).not.toContain('Andere Stichting');
  });

  it('gives every hit its next session as of each answer, from one search answered at many moments (and back in time)', async () => {
    const store = new HitStore(1000);
    const n = query({ q: 'wandelen', per_page: '20' });
    const found = await findSearch(backend, n, { now, hitStore: store });
    const sessions = new Set<string>();
    const hours = [0, 1, 2, 5, 9, 13, 26, 50, 75, 170, 3, 400, 0];
    for (const h of hours) {
      const at = new Date(now.getTime() + h * 3_600_000 + 17 * 60_000);
      const options: SearchOptions = { now: at, hitStore: store };
      const text = searchResponseJson(found, n, options, 1);
      expect(text, at.toISOString()).toBe(reference(found, n, options, 1));
      for (const hit of JSON.parse(text).hits) sessions.add(hit.nextSession);
    }
    // The moments must move next sessions on, or this shows nothing.
    expect(sessions.size).toBeGreaterThan(found.hits.length);
  });

  it('writes odd documents right: markers and emoji in the text, no place, no schedules, no point, a distance', () => {
    const [a, b, c] = docs;
    const odd: Array<Activity & { rev?: string; _formatted?: Record<string, unknown> }> = [
      { ...withRevision({ ...a!, title: 'Zingen \u{1F3B5} met \uE000ster\uE001', summary: 'Caf\u00e9 \u201cDe Hoek\u201d \ud83d half' }), _formatted: { title: 'x', summary: 'Caf\u00e9 \uE000\u201cDe\uE001 Hoek\u201d \ud83d half' } },
      { ...b!, location: null, schedules: [], _geo: undefined, phone: undefined, email: undefined, url: undefined } as unknown as Activity,
      { ...withRevision(c!), _formatted: { title: `\uE000${c!.title}\uE001`, summary: c!.summary } },
    ];
    const found: SearchFindings = { hits: odd.map((d) => ({ doc: d, formatted: d._formatted })), total: 3, totalIsEstimate: false, facetDistribution: { categories: { social_contact: 2 } }, understood: { need: [], category: [] }, strategy: 'relevance' };
    for (const lang of ['nl', 'en'] as const) {
      const n = query({ q: 'ster', postcode: '3511', lang });
      for (const hitStore of [new HitStore(10), undefined]) {
        const options: SearchOptions = { now, staleAfterDays: 30, ...(hitStore ? { hitStore } : {}) };
        const text = searchResponseJson(found, n, options, 4.25);
        expect(text).toBe(reference(found, n, options));
        expect(ascii.test(text)).toBe(true);
        const hits = JSON.parse(text).hits;
        expect(hits[0].title).toBe(odd[0]!.title);
        expect(hits[0].highlight.summary).toBe('Caf\u00e9 \uE000\u201cDe\uE001 Hoek\u201d \ud83d half');
        expect(hits[1].location).toBeNull();
        expect(hits[2].distanceKm).toEqual(expect.any(Number));
      }
    }
  });
});
