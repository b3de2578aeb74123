/**
 * The checks of the Open Referral UK validator, re-done over the demo data (examples/feeds
 * ingested into a real Meilisearch): every GET path of the official openapi.json; page 1, a
 * middle page and the last page from `total_pages` with their flags; up to 10 ids of each
 * list fetched on its {id} path; every answer validated against the official schemas; CORS.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useDemoApi } from './hsds-demo.js';
import { hsdsValidators, readSchema, schemaErrors, type HsdsValidators } from './hsds-schemas.js';

const { api, docs } = useDemoApi();

let v: HsdsValidators;
beforeAll(() => {
  v = hsdsValidators();
});

const ORIGIN = { headers: { Origin: 'https://gemeente.example.nl' } };

/** Which schema validates the items of each list path, and the records of its {id} path. */
const LISTS: Record<string, { item: keyof HsdsValidators; record: keyof HsdsValidators; perPage: number }> = {
  '/services': { item: 'serviceList', record: 'service', perPage: 40 },
  '/service_at_locations': { item: 'serviceAtLocationList', record: 'serviceAtLocation', perPage: 40 },
  '/organizations': { item: 'organizationList', record: 'organization', perPage: 7 },
  '/taxonomies': { item: 'taxonomy', record: 'taxonomy', perPage: 1 },
  '/taxonomy_terms': { item: 'taxonomyTerm', record: 'taxonomyTerm', perPage: 10 },
};

describe('HSDS conformance over the demo data', () => {
  it('the validators can fail: a service without a name, a page without its flags', () => {
    expect(v.service({ id: '8a8b7a41-4c43-4a52-9c1f-1c8a0a0a0a0a', status: 'active' })).toBe(false);
    expect(v.page({ contents: [] })).toBe(false);
    expect(v.taxonomyTerm({ id: 'not-a-uuid', name: 'x', description: 'y' })).toBe(false);
  });

  it('serves every GET path of the official openapi.json, and no path is left out', () => {
    const openapi = readSchema('openapi.json') as { paths: Record<string, Record<string, unknown>> };
    const getPaths = Object.entries(openapi.paths).filter(([, ops]) => 'get' in ops).map(([p]) => p);
    const ours = ['/', ...Object.keys(LISTS), ...Object.keys(LISTS).map((p) => `${p}/{id}`)];
    expect(getPaths.sort()).toEqual(ours.sort());
  });

  it('answers / with the version, profile and openapi_url, with CORS open', async () => {
    const { status, body, res } = await api.json('/hsds/', ORIGIN);
    expect(status).toBe(200);
    expect(v.info(body), schemaErrors(v.info)).toBe(true);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  for (const [path, kind] of Object.entries(LISTS)) {
    it(`${path}: page 1, a middle page and the last page are valid pages with the right flags; up to 10 ids resolve on ${path}/{id}`, async () => {
      const get = async (page: number) => {
        const { status, body, res } = await api.json(`/hsds${path}?page=${page}&per_page=${kind.perPage}`, ORIGIN);
        expect(status, `${path} page ${page}`).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(res.headers.get('access-control-allow-origin')).toBe('*');
        expect(v.page(body), schemaErrors(v.page)).toBe(true);
        for (const item of body.contents) expect(v[kind.item](item), `${path} item: ${schemaErrors(v[kind.item])}`).toBe(true);
        return body;
      };
      const first = await get(1);
      expect(first.total_pages).toBeGreaterThanOrEqual(3);
      expect(first.total_pages).toBe(Math.ceil(first.total_items / kind.perPage));
      const middleNumber = Math.ceil(first.total_pages / 2);
      const middle = await get(middleNumber);
      const last = await get(first.total_pages);
      expect(first).toMatchObject({ page_number: 1, first_page: true, last_page: false, empty: false, size: kind.perPage });
      expect(middle).toMatchObject({ page_number: middleNumber, first_page: false, last_page: false, empty: false, size: kind.perPage, total_items: first.total_items });
      const lastSize = first.total_items - (first.total_pages - 1) * kind.perPage;
      expect(last).toMatchObject({ page_number: first.total_pages, first_page: false, last_page: true, empty: false, size: lastSize, total_items: first.total_items });
      expect(last.contents).toHaveLength(lastSize);
      const beyond = await get(first.total_pages + 1);
      expect(beyond).toMatchObject({ empty: true, size: 0, last_page: true, first_page: false });
      // No item twice across pages.
      const ids = [...first.contents, ...middle.contents, ...last.contents].map((i: { id: string }) => i.id);
      expect(new Set(ids).size).toBe(ids.length);

      for (const item of first.contents.slice(0, 10)) {
        const { status, body, res } = await api.json(`/hsds${path}/${item.id}`, ORIGIN);
        expect(status, `${path}/${item.id}`).toBe(200);
        expect(res.headers.get('access-control-allow-origin')).toBe('*');
        expect(body.id).toBe(item.id);
        expect(v[kind.record](body), `${path}/{id}: ${schemaErrors(v[kind.record])}`).toBe(true);
        expect(JSON.stringify(body)).not.toContain('null');
      }
      const missing = await api.json(`/hsds${path}/00000000-0000-5000-8000-000000000000`);
      expect(missing.status).toBe(404);
      expect(missing.res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(missing.body.status).toBe(404);
    });
  }

  it('full=true and full_service=true nest valid records on every list', async () => {
    const services = (await api.json('/hsds/services?full=true&per_page=100')).body;
    expect(services.contents).toHaveLength(100);
    for (const s of services.contents) expect(v.service(s), schemaErrors(v.service)).toBe(true);
    const sals = (await api.json('/hsds/service_at_locations?full=true&per_page=100')).body;
    for (const s of sals.contents) expect(v.serviceAtLocation(s), schemaErrors(v.serviceAtLocation)).toBe(true);
    expect(sals.contents.some((s: { schedules: unknown[] }) => s.schedules.length > 0)).toBe(true);
    const orgs = (await api.json('/hsds/organizations?full_service=true&per_page=5')).body;
    for (const o of orgs.contents) {
      expect(v.organization(o), schemaErrors(v.organization)).toBe(true);
      expect(o.services.length).toBeGreaterThan(0);
      for (const s of o.services) expect(s.service_at_locations.length).toBeGreaterThan(0);
    }
    const orgFull = (await api.json('/hsds/organizations?full=true&per_page=5')).body;
    for (const o of orgFull.contents) {
      expect(v.organization(o), schemaErrors(v.organization)).toBe(true);
      expect(o.services[0].service_at_locations).toBeUndefined();
    }
    const one = (await api.json(`/hsds/organizations/${orgs.contents[0].id}?full_service=true`)).body;
    expect(one.services).toHaveLength(orgs.contents[0].services.length);
    expect(one.services[0].service_at_locations.length).toBeGreaterThan(0);
    expect(new Set(docs().map((d) => d.serviceId)).size).toBe(services.total_items);
  });
});
