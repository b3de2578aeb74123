/**
 * The main endpoints over the demo feeds (examples/feeds) as the indexer publishes them.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ingest } from '@sociale-kaart/indexer';
import { activityResponseSchema, geocodePostcode, searchResponseSchema, type Activity } from '@sociale-kaart/schema';
import { createApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
import { useApi } from './helpers.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const feeds = join(repoRoot, 'examples', 'feeds');
const SCHEMA_DIR = join(repoRoot, 'packages', 'schema', 'vendor', 'hsds', '3.1', 'schema');
const inputs = [join(feeds, 'hsds-json', 'utrecht.json'), join(feeds, 'hsds-json', 'rotterdam.ndjson'), join(feeds, 'hsds-csv', 'maastricht'), join(feeds, 'csv-template', 'oldambt.csv')];

let all: Activity[] = [];
const api = useApi(() => [], {
  load: async (meili) => {
    const report = await ingest({ inputs, client: meili.client, index: 'activities', force: true });
    expect(report.published).toBe(true);
    const docs = await meili.client.index('activities').getDocuments({ limit: 10_000 });
    all = docs.results as unknown as Activity[];
  },
});

describe('the API over the demo feeds', () => {
  it('holds at least 400 activities in 4 gemeenten and searches them', async () => {
    expect(all.length).toBeGreaterThanOrEqual(400);
    expect(new Set(all.map((d) => d.gemeente).filter(Boolean)).size).toBeGreaterThanOrEqual(4);
    const { status, body } = await api.json('/v1/search?q=wandelen');
    expect(status).toBe(200);
    const parsed = searchResponseSchema.parse(body);
    expect(parsed.total).toBeGreaterThan(0);
    expect(parsed.hits.every((h) => h.status === 'active')).toBe(true);
    const everything = (await api.json('/v1/search?per_page=1')).body;
    expect(everything.total).toBe(all.filter((d) => d.status === 'active').length);
  });

  it('answers "near this postcode" in distance order, identical to the naive query', async () => {
    const naiveApp = createApp({ backend: api.backend, config: defaultConfig({ rateLimitPerSecond: 0 }), fastNearby: false, log: () => {} });
    for (const q of ['postcode=3511AB', 'postcode=3021&radius=5', 'postcode=6211&per_page=50', 'postcode=9675&radius=25', 'postcode=3511&need=eenzaamheid&page=2']) {
      const fast = (await api.json(`/v1/search?${q}`)).body;
      const naive = (await (await naiveApp.request(`/v1/search?${q}`)).json()) as any;
      expect(fast.hits.map((h: { id: string }) => h.id), q).toEqual(naive.hits.map((h: { id: string }) => h.id));
      const d = fast.hits.map((h: { distanceKm: number }) => h.distanceKm);
      for (let i = 1; i < d.length; i++) expect(d[i]).toBeGreaterThanOrEqual(d[i - 1]);
    }
    const utrecht = (await api.json('/v1/search?postcode=3511AB')).body;
    expect(utrecht.hits.length).toBeGreaterThan(5);
    expect(utrecht.center.lat).toBeCloseTo(geocodePostcode('3511')!.lat, 4);
  });

  it('ranks activities tagged with a need before those only in its categories', async () => {
    const { body } = await api.json('/v1/search?need=eenzaamheid&per_page=50');
    const tagged = body.hits.map((h: { needs: Array<{ key: string }> }) => h.needs.some((n) => n.key === 'eenzaamheid'));
    const firstUntagged = tagged.indexOf(false);
    if (firstUntagged >= 0) expect(tagged.slice(firstUntagged).every((t: boolean) => !t)).toBe(true);
    expect(body.facets.category.length).toBeGreaterThan(0);
  });

  it('serves every activity detail and valid HSDS records', async () => {
    for (const d of all.slice(0, 40)) {
      const { status, body } = await api.json(`/v1/activities/${d.id}`);
      expect(status).toBe(200);
      activityResponseSchema.parse(body);
    }
    const ajv = new Ajv({ strict: false, allErrors: true });
    (addFormatsModule as unknown as (a: Ajv) => Ajv)(ajv);
    const full = ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, 'compiled', 'service_with_definitions.json'), 'utf8')));
    const item = ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, 'compiled', 'service_list.json'), 'utf8')));
    for (let page = 1; ; page++) {
      const { body } = await api.json(`/hsds/services?per_page=100&page=${page}&full=true`);
      for (const r of body.contents) expect(full(r), JSON.stringify(full.errors?.slice(0, 3))).toBe(true);
      if (body.last_page) break;
    }
    const list = (await api.json('/hsds/services?per_page=100')).body;
    for (const r of list.contents) expect(item(r), JSON.stringify(item.errors?.slice(0, 3))).toBe(true);
    const one = (await api.json(`/hsds/services/${list.contents[0].id}`));
    expect(one.status).toBe(200);
  });

  it('suggests needs from synonyms and activity titles', async () => {
    const { body } = await api.json('/v1/suggest?q=eenzaam');
    expect(body.needs[0].key).toBe('eenzaamheid');
    const title = all.find((d) => d.status === 'active')!.title;
    const word = title.split(/\s+/).find((w) => w.length > 4) ?? title;
    expect((await api.json(`/v1/suggest?q=${encodeURIComponent(word)}`)).body.activities.length).toBeGreaterThan(0);
  });
});
