/**
 * Every parameter of the HSDS API over the demo data, each with an assertion that fails
 * when the parameter is ignored: the expected answer is computed from the documents.
 * Several values of one parameter mean OR, different parameters AND.
 */
import { describe, expect, it } from 'vitest';
import { distanceKm, lookupPc4, type Activity } from '@sociale-kaart/schema';
import { useDemoApi } from './hsds-demo.js';

const { api, docs } = useDemoApi();

const services = (list: Activity[]) => new Set(list.map((d) => d.serviceId));
const total = async (query: string, path = '/services') => {
  const { status, body } = await api.json(`/hsds${path}?${query}`);
  expect(status, `${path}?${query}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
  return body.total_items as number;
};
const termId = async (code: string) => {
  const terms = (await api.json('/hsds/taxonomy_terms?per_page=100')).body.contents as Array<{ id: string; code: string }>;
  return terms.find((t) => t.code === code)!.id;
};
const everything = () => services(docs()).size;

describe('HSDS parameters over the demo data', () => {
  it('search narrows by text', async () => {
    const n = await total('search=wandelen');
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(everything());
  });

  it('taxonomy_term_id: one term, several terms (OR), a key, and an unknown term', async () => {
    const exercise = await termId('exercise');
    const grief = await termId('grief_loss');
    const has = (k: string) => docs().filter((d) => d.categories.includes(k as never));
    expect(await total(`taxonomy_term_id=${exercise}`)).toBe(services(has('exercise')).size);
    const either = services([...has('exercise'), ...has('grief_loss')]).size;
    expect(either).toBeGreaterThan(services(has('exercise')).size);
    expect(await total(`taxonomy_term_id=${exercise},${grief}`)).toBe(either);
    expect(await total(`taxonomy_term_id=${exercise}&taxonomy_term_id=${grief}`)).toBe(either);
    expect(await total('taxonomy_term_id=eenzaamheid')).toBe(services(docs().filter((d) => d.needs.includes('eenzaamheid'))).size);
    expect(await total('taxonomy_term_id=00000000-0000-5000-8000-000000000000')).toBe(0);
    // A 4D domain is the parent of its categories: it selects all of them.
    const sociaal = await termId('sociaal');
    const children = (await api.json(`/hsds/taxonomy_terms?parent_id=${sociaal}`)).body.contents.map((t: { code: string }) => t.code);
    expect(await total(`taxonomy_term_id=${sociaal}`)).toBe(services(docs().filter((d) => d.categories.some((c) => children.includes(c)))).size);
  });

  it('taxonomy_id selects services with any term of the taxonomy; unknown ones match nothing', async () => {
    const taxonomies = (await api.json('/hsds/taxonomies')).body.contents as Array<{ id: string; name: string }>;
    const audiences = taxonomies.find((t) => t.name === 'Doelgroepen')!;
    const withAudience = services(docs().filter((d) => d.audience.length > 0)).size;
    expect(withAudience).toBeLessThan(everything());
    expect(await total(`taxonomy_id=${audiences.id}`)).toBe(withAudience);
    expect(await total('taxonomy_id=00000000-0000-5000-8000-000000000000')).toBe(0);
  });

  it('organization_id (its HSDS id or several of them) and modified_after', async () => {
    const orgs = (await api.json('/hsds/organizations?per_page=2')).body.contents as Array<{ id: string }>;
    const one = (await api.json(`/hsds/organizations/${orgs[0]!.id}`)).body.services.length;
    const two = (await api.json(`/hsds/organizations/${orgs[1]!.id}`)).body.services.length;
    expect(await total(`organization_id=${orgs[0]!.id}`)).toBe(one);
    expect(await total(`organization_id=${orgs[0]!.id},${orgs[1]!.id}`)).toBe(one + two);
    const times = [...new Set(docs().map((d) => d.lastModifiedTs))].sort((a, b) => a - b);
    const cutoff = times[Math.floor(times.length / 2)]!;
    const expected = services(docs().filter((d) => d.lastModifiedTs >= cutoff)).size;
    expect(expected).toBeLessThan(everything());
    expect(await total(`modified_after=${new Date(cutoff).toISOString()}`)).toBe(expected);
  });

  it('minimum_age and maximum_age keep services whose age range overlaps', async () => {
    const fits = (d: Activity, from?: number, to?: number) => (from === undefined || d.maxAge === null || d.maxAge >= from) && (to === undefined || d.minAge === null || d.minAge <= to);
    const old = services(docs().filter((d) => fits(d, 70))).size;
    const young = services(docs().filter((d) => fits(d, undefined, 12))).size;
    expect(young).toBeLessThan(everything());
    expect(await total('minimum_age=70')).toBe(old);
    expect(await total('maximum_age=12')).toBe(young);
    expect(await total('minimum_age=12&maximum_age=17')).toBe(services(docs().filter((d) => fits(d, 12, 17))).size);
  });

  it('day=monday returns only services with a Monday session, fewer than without; several days mean any', async () => {
    const monday = services(docs().filter((d) => d.days.includes('ma')));
    expect(monday.size).toBeLessThan(everything());
    expect(await total('day=monday')).toBe(monday.size);
    const page = (await api.json('/hsds/services?day=monday&full=true&per_page=100')).body.contents as Array<{ service_at_locations: Array<{ schedules: Array<{ byday?: string }> }> }>;
    for (const s of page) expect(s.service_at_locations.some((l) => l.schedules.some((x) => /MO/.test(x.byday ?? '')))).toBe(true);
    expect(await total('day=saturday,sunday')).toBe(services(docs().filter((d) => d.days.includes('za') || d.days.includes('zo'))).size);
    expect(await total('day=MO&taxonomy_term_id=exercise')).toBe(services(docs().filter((d) => d.days.includes('ma') && d.categories.includes('exercise'))).size);
  });

  it('start_time and end_time keep services with a session in that span', async () => {
    const after = (d: Activity, t: string) => d.schedules.some((s) => (s.closesAt !== null && s.closesAt > t) || (s.opensAt !== null && s.opensAt >= t));
    const before = (d: Activity, t: string) => d.schedules.some((s) => s.opensAt !== null && s.opensAt < t);
    const evening = services(docs().filter((d) => after(d, '18:00'))).size;
    expect(evening).toBeGreaterThan(0);
    expect(evening).toBeLessThan(everything());
    expect(await total('start_time=18:00')).toBe(evening);
    expect(await total('end_time=10:00')).toBe(services(docs().filter((d) => before(d, '10:00'))).size);
    expect(await total('start_time=09:00&end_time=12:00')).toBe(services(docs().filter((d) => after(d, '09:00') && before(d, '12:00'))).size);
  });

  it('postcode orders service_at_locations by distance; with proximity only those within that many metres', async () => {
    const centre = lookupPc4('3511')!;
    const within = docs().filter((d) => d._geo && distanceKm(centre, d._geo) * 1000 <= 3000);
    expect(within.length).toBeGreaterThan(0);
    expect(within.length).toBeLessThan(docs().length);
    expect(await total('postcode=3511AB&proximity=3000', '/service_at_locations')).toBe(within.length);
    const near = (await api.json('/hsds/service_at_locations?postcode=3511%20AB&per_page=20')).body.contents as Array<{ location: { latitude: number; longitude: number } }>;
    const distances = near.map((s) => distanceKm(centre, { lat: s.location.latitude, lng: s.location.longitude }));
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('minimal=true gives only id, name, status and last_modified', async () => {
    const { body } = await api.json('/hsds/services?minimal=true&per_page=10');
    for (const item of body.contents) expect(Object.keys(item).sort()).toEqual(['id', 'last_modified', 'name', 'status']);
  });

  it('format=ndjson streams every result, one object per line, without the page envelope', async () => {
    const res = await api.get('/hsds/services?format=ndjson&day=monday');
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const text = await res.text();
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(services(docs().filter((d) => d.days.includes('ma'))).size);
    expect(lines[0]).not.toHaveProperty('contents');
    expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
    const sal = (await (await api.get('/hsds/service_at_locations?format=ndjson')).text()).trimEnd().split('\n');
    expect(sal).toHaveLength(docs().length);
    const terms = (await (await api.get('/hsds/taxonomy_terms?format=ndjson&top_only=true')).text()).trimEnd().split('\n');
    expect(terms.length).toBeGreaterThan(4);
  });

  it('taxonomy_terms: taxonomy_id, top_only and parent_id', async () => {
    const taxonomies = (await api.json('/hsds/taxonomies')).body.contents as Array<{ id: string; name: string }>;
    const categories = taxonomies.find((t) => t.name === 'Categorieën')!;
    const inCategories = (await api.json(`/hsds/taxonomy_terms?taxonomy_id=${categories.id}&per_page=100`)).body.contents as Array<{ taxonomy_id: string; parent_id?: string; id: string }>;
    expect(inCategories).toHaveLength(4 + 17);
    expect(inCategories.every((t) => t.taxonomy_id === categories.id)).toBe(true);
    const top = (await api.json(`/hsds/taxonomy_terms?taxonomy_id=${categories.id}&top_only=true`)).body.contents as Array<{ id: string; parent_id?: string }>;
    expect(top).toHaveLength(4);
    expect(top.every((t) => t.parent_id === undefined)).toBe(true);
    const children = (await api.json(`/hsds/taxonomy_terms?parent_id=${top[0]!.id}`)).body.contents as Array<{ parent_id: string }>;
    expect(children.length).toBeGreaterThan(0);
    expect(children.every((t) => t.parent_id === top[0]!.id)).toBe(true);
    expect((await api.json('/hsds/taxonomy_terms?search=eenzaam')).body.total_items).toBe(1);
  });

  it('answers a bad value with a 400 problem that names the parameter', async () => {
    for (const [query, parameter] of [
      ['/services?day=funday', 'day'],
      ['/services?start_time=25:00', 'start_time'],
      ['/services?minimum_age=old', 'minimum_age'],
      ['/services?per_page=0', 'per_page'],
      ['/services?modified_after=gisteren', 'modified_after'],
      ['/services?colour=red', 'colour'],
      ['/service_at_locations?proximity=500', 'proximity'],
      ['/service_at_locations?postcode=ABCD', 'postcode'],
      ['/taxonomy_terms?top_only=maybe', 'top_only'],
      ['/organizations?format=xml', 'format'],
    ] as const) {
      const { status, body, res } = await api.json(`/hsds${query}`);
      expect(status, query).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect(JSON.stringify(body.errors), query).toContain(parameter);
    }
  });
});
