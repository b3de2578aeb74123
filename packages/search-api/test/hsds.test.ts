import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildActivities } from './fixtures/activities.js';
import { useApi } from './helpers.js';

// The official HSDS 3.1 schemas, vendored in the schema package (with their licence).
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SCHEMA_DIR = join(repoRoot, 'packages', 'schema', 'vendor', 'hsds', '3.1', 'schema');
const readSchema = (name: string) => JSON.parse(readFileSync(join(SCHEMA_DIR, name), 'utf8')) as Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const base = buildActivities({ seed: 5, utrecht: 60, rural: 20, maastricht: 10 });
// One service at two locations.
const multi = base.filter((d) => d._geo).slice(0, 2).map((d) => ({ ...d, serviceId: 'svc-multi', title: 'Wandelen in de wijk' }));
const docs = [...base.filter((d) => !multi.some((m) => m.id === d.id)), ...multi];
const api = useApi(() => docs);

let fullService: ValidateFunction;
let listItem: ValidateFunction;
let page: ValidateFunction;

beforeAll(() => {
  // Official schemas carry table metadata keywords (name, core, constraints …): not strict.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  fullService = ajv.compile(readSchema('compiled/service_with_definitions.json'));
  listItem = ajv.compile(readSchema('compiled/service_list.json'));
  const openapi = readSchema('openapi.json') as { components: { schemas: { Page: Record<string, unknown> } } };
  page = ajv.compile({ ...openapi.components.schemas.Page, required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty'] });
});

const errors = (v: ValidateFunction) => JSON.stringify(v.errors?.slice(0, 5));

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
});
