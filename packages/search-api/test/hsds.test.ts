import type { ValidateFunction } from 'ajv';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { ndjsonResponse, NDJSON_BATCH } from '../src/hsds/ndjson.js';
import { buildActivities } from './fixtures/activities.js';
import { useApi } from './helpers.js';
import { hsdsValidators, schemaErrors } from './hsds-schemas.js';

const base = buildActivities({ seed: 5, utrecht: 60, rural: 20, maastricht: 10 });
// One service at two locations.
const multi = base.filter((d) => d._geo).slice(0, 2).map((d) => ({ ...d, serviceId: 'svc-multi', title: 'Wandelen in de wijk' }));
const docs = [...base.filter((d) => !multi.some((m) => m.id === d.id)), ...multi];
const api = useApi(() => docs);

let fullService: ValidateFunction;
let listItem: ValidateFunction;
let page: ValidateFunction;

beforeAll(() => {
  const v = hsdsValidators();
  fullService = v.service;
  listItem = v.serviceList;
  page = v.page;
});

const errors = schemaErrors;

describe('HSDS read API', () => {
  it('describes itself at /hsds/', async () => {
    const { status, body } = await api.json('/hsds/');
    expect(status).toBe(200);
    expect(body).toMatchObject({ version: '3.1' });
    expect(body.openapi_url).toMatch(/\/openapi\.json$/);
    expect(body.profile).toMatch(/^https:\/\//);
  });

  it('pages services in the HSDS page shape; every item validates against service_list.json', async () => {
    const services = new Set(docs.map((d) => d.serviceId));
    const seen = new Set<string>();
    let number = 1;
    for (;;) {
      const { status, body } = await api.json(`/hsds/services?page=${number}&per_page=25`);
      expect(status).toBe(200);
      expect(page(body), errors(page)).toBe(true);
      expect(body.total_items).toBe(services.size);
      expect(body.page_number).toBe(number);
      for (const item of body.contents) {
        expect(listItem(item), errors(listItem)).toBe(true);
        seen.add(item.id);
      }
      if (body.last_page) break;
      number++;
    }
    expect(seen.size).toBe(services.size);
  });

  it('returns full records that validate against service_with_definitions.json', async () => {
    const list = (await api.json('/hsds/services?per_page=100&full=true')).body;
    expect(list.contents.length).toBeGreaterThan(50);
    for (const record of list.contents) expect(fullService(record), errors(fullService)).toBe(true);
    const multiRecord = list.contents.find((r: { name: string }) => r.name === 'Wandelen in de wijk');
    expect(multiRecord.service_at_locations).toHaveLength(2);
  });

  it('serves one service by its HSDS id and 404s unknown ones', async () => {
    const item = (await api.json('/hsds/services?search=' + encodeURIComponent('Wandelen in de wijk'))).body.contents[0];
    const { status, body } = await api.json(`/hsds/services/${item.id}`);
    expect(status).toBe(200);
    expect(fullService(body), errors(fullService)).toBe(true);
    expect(body.service_at_locations).toHaveLength(2);
    expect(body.attributes.length).toBeGreaterThan(0);
    const missing = await api.json('/hsds/services/00000000-0000-5000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('filters by taxonomy term (key or term id), text and modified_after', async () => {
    const exercise = new Set(docs.filter((d) => d.categories.includes('exercise')).map((d) => d.serviceId));
    const byKey = (await api.json('/hsds/services?taxonomy_term_id=exercise&per_page=100')).body;
    expect(byKey.total_items).toBe(exercise.size);
    const full = (await api.json(`/hsds/services/${byKey.contents[0].id}`)).body;
    const term = full.attributes.find((a: { value: string }) => a.value === 'exercise').taxonomy_term_id;
    const byId = (await api.json(`/hsds/services?taxonomy_term_id=${term}&per_page=100`)).body;
    expect(byId.total_items).toBe(exercise.size);
    const cutoff = '2024-12-01T00:00:00Z';
    const recent = new Set(docs.filter((d) => d.lastModifiedTs >= Date.parse(cutoff)).map((d) => d.serviceId));
    const modified = (await api.json(`/hsds/services?modified_after=${cutoff}&per_page=100`)).body;
    expect(modified.total_items).toBe(recent.size);
    const unknown = (await api.json('/hsds/services?taxonomy_term_id=nothing-like-this')).body;
    expect(unknown).toMatchObject({ total_items: 0, empty: true });
    expect(page(unknown)).toBe(true);
    const bad = await api.json('/hsds/services?modified_after=gisteren');
    expect(bad.status).toBe(400);
  });

  it('streams ndjson across batches: every item once, in order, each line ending in a newline', async () => {
    const count = NDJSON_BATCH * 2 + 7;
    const asked: Array<[number, number]> = [];
    const app = new Hono().get('/', (c) =>
      ndjsonResponse(c, async (offset, limit) => {
        asked.push([offset, limit]);
        return Array.from({ length: Math.max(0, Math.min(limit, count - offset)) }, (_, i) => ({ n: offset + i }));
      }, 1000),
    );
    const text = await (await app.request('/')).text();
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l).n)).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(asked).toEqual([[0, NDJSON_BATCH], [NDJSON_BATCH, NDJSON_BATCH], [NDJSON_BATCH * 2, NDJSON_BATCH]]);
  });
});
