// Query understanding on /v1/search: typed words that name a need or a category rank that
// need's activities first, as if chosen; the answer says what was understood; plain text
// that names nothing is answered exactly as without understanding.
import { describe, expect, it } from 'vitest';
import { categoriesForNeeds, searchResponseSchema, type SearchHit, type SearchResponse } from '@sociale-kaart/schema';
import { buildActivities } from './fixtures/activities.js';
import { useApi } from './helpers.js';

const docs = buildActivities();
const api = useApi(() => docs);
const active = docs.filter((d) => d.status === 'active');

/** The answer without what differs between two identical searches (the time they took). */
const comparable = ({ tookMs: _t, query: _q, ...rest }: SearchResponse) => rest;

async function search(path: string): Promise<SearchResponse> {
  const { status, body } = await api.json(path);
  expect(status, path).toBe(200);
  return searchResponseSchema.parse(body);
}

describe('understood', () => {
  it('says which needs and categories the text names, by key', async () => {
    expect((await search('/v1/search?q=schulden')).understood).toEqual({ need: ['geldzorgen'], category: [] });
    expect((await search('/v1/search?q=partner+overleden')).understood).toEqual({ need: ['rouw'], category: [] });
    expect((await search('/v1/search?q=wandelen+in+het+park')).understood).toEqual({ need: [], category: ['walking_nature'] });
    expect((await search('/v1/search?q=piekeren+en+slecht+slapen')).understood).toEqual({ need: ['angst', 'slaapproblemen'], category: [] });
  });

  it('is empty without text, for text that names nothing, and with understand=false', async () => {
    const empty = { need: [], category: [] };
    expect((await search('/v1/search')).understood).toEqual(empty);
    expect((await search('/v1/search?q=zangvogels')).understood).toEqual(empty);
    const off = await search('/v1/search?q=schulden&understand=false');
    expect(off.understood).toEqual(empty);
    expect(off.query).toMatchObject({ understand: false });
  });

  it('leaves out what is already chosen', async () => {
    const res = await search('/v1/search?q=schulden+en+wandelen&need=geldzorgen');
    expect(res.understood).toEqual({ need: [], category: ['walking_nature'] });
  });

  it('refuses an understand value that is not a flag', async () => {
    const { status, body } = await api.json('/v1/search?q=schulden&understand=misschien');
    expect(status).toBe(400);
    expect(body.errors).toContainEqual(expect.objectContaining({ parameter: 'understand', message: 'must be true or false' }));
  });

  it('is documented in the OpenAPI document: the parameter and the response field', async () => {
    const doc = (await api.json('/openapi.json')).body;
    const op = doc.paths['/v1/search'].get;
    const param = op.parameters.find((p: { name: string }) => p.name === 'understand');
    expect(param).toMatchObject({ in: 'query', required: false });
    expect(param.description).toMatch(/understood/);
    const schema = op.responses['200'].content['application/json'].schema;
    const resolved = schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;
    expect(resolved.required).toContain('understood');
    expect(Object.keys(resolved.properties.understood.properties ?? {}).sort()).toEqual(['category', 'need']);
  });
});
describe('ranking by what was understood', () => {
  const tagged = (need: string) => active.filter((d) => d.needs.includes(need as never));
  const helping = (need: string) => active.filter((d) => !d.needs.includes(need as never) && d.categories.some((c) => categoriesForNeeds([need as never]).includes(c)));

  it('ranks a typed need as if it had been chosen: tagged first, then the helping categories', async () => {
    const res = await search('/v1/search?q=schulden&per_page=50');
    const tags = tagged('geldzorgen').map((d) => d.id);
    const helps = helping('geldzorgen').map((d) => d.id);
    expect(tags.length).toBeGreaterThan(0);
    expect(res.hits.slice(0, tags.length).map((h) => h.id).sort()).toEqual([...tags].sort());
    const next = res.hits.slice(tags.length, tags.length + helps.length).map((h) => h.id);
    expect(next.length).toBeGreaterThan(0);
    for (const id of next) expect(helps, id).toContain(id);
    // As many as choosing the need finds (the fixture has no other "schulden" text).
    const chosen = await search('/v1/search?need=geldzorgen&per_page=50');
    expect(res.total).toBe(chosen.total);
    // The need chips of a chosen need are counted without it (disjunctive); the others alike.
    const { need: _n, ...others } = res.facets;
    const { need: _c, ...chosenOthers } = chosen.facets;
    expect(others).toEqual(chosenOthers);
  });

  it('then lists the other text matches, and pages through the whole list exactly once', async () => {
    // "eenzaam" names eenzaamheid: its activities first; "moestuin" names nothing: then the
    // vegetable gardens outside it.
    const all: SearchHit[] = [];
    let first: SearchResponse | undefined;
    for (let page = 1; page <= 20; page++) {
      const res = await search(`/v1/search?q=eenzaam+moestuin&per_page=23&page=${page}`);
      first ??= res;
      all.push(...res.hits);
      if (res.hits.length < 23) break;
    }
    expect(first!.understood).toEqual({ need: ['eenzaamheid'], category: [] });
    const ids = all.map((h) => h.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(first!.total);
    const inNeed = new Set([...tagged('eenzaamheid'), ...helping('eenzaamheid')].map((d) => d.id));
    const lastInNeed = Math.max(...ids.map((id, i) => (inNeed.has(id) ? i : -1)));
    const firstOther = ids.findIndex((id) => !inNeed.has(id));
    expect(firstOther).toBeGreaterThan(lastInNeed);
    // The others are text matches of the words that named nothing.
    expect(all.slice(firstOther).every((h) => /moestuin/i.test(h.title))).toBe(true);
    expect(all.slice(firstOther).length).toBeGreaterThan(0);
  });

  it('ranks the surest first, then by the other words, and keeps every activity of the need', async () => {
    const helps = categoriesForNeeds(['eenzaamheid']);
    const sure = tagged('eenzaamheid').filter((d) => d.categories.some((c) => helps.includes(c)));
    const inNeed = [...tagged('eenzaamheid'), ...helping('eenzaamheid')];
    const gardens = new Set(sure.filter((d) => /moestuin/i.test(d.title)).map((d) => d.id));
    expect(gardens.size).toBeGreaterThan(0);
    expect(sure.length).toBeGreaterThan(gardens.size);
    const all: SearchHit[] = [];
    for (let page = 1; page <= 10 && all.length < sure.length; page++) all.push(...(await search(`/v1/search?q=eenzaam+moestuin&per_page=50&page=${page}`)).hits);
    // Tagged with the need and in a helping category first, among them the gardens first.
    const first = all.slice(0, sure.length).map((h) => h.id);
    expect([...first].sort()).toEqual(sure.map((d) => d.id).sort());
    expect(first.slice(0, gardens.size).every((id) => gardens.has(id))).toBe(true);

    // Words that match nothing do not narrow: every activity of the need, as if only the need was chosen.
    const ignored = await search('/v1/search?q=eenzaam+zwxq&per_page=50');
    expect(ignored.understood).toEqual({ need: ['eenzaamheid'], category: [] });
    expect(ignored.total).toBe(inNeed.length);
  });

  it('counts a filter group without its own selection over every tier (disjunctive facets)', async () => {
    const all = await search('/v1/search?q=schulden&per_page=50');
    const tuesday = await search('/v1/search?q=schulden&day=di&per_page=50');
    expect(tuesday.facets.day).toEqual(all.facets.day);
    expect(tuesday.total).toBe(all.facets.day.find((f) => f.key === 'di')!.count);
    expect(tuesday.hits.every((h) => h.days.includes('di'))).toBe(true);
  });

  it('answers plain text that names nothing exactly as without understanding', async () => {
    for (const q of ['zangvogels', 'koor', 'yoga extra', 'Buurtrestaurant Aan Tafel']) {
      const path = `/v1/search?q=${encodeURIComponent(q)}&per_page=30`;
      const on = await search(path);
      const off = await search(`${path}&understand=false`);
      expect(on.understood, q).toEqual({ need: [], category: [] });
      expect(comparable(on), q).toEqual(comparable(off));
    }
  });

  it('turns the ranking off with understand=false: text matches only', async () => {
    const off = await search('/v1/search?q=schulden&understand=false&per_page=50');
    // Only the text: activities tagged with the need carry "schulden" among their need labels.
    expect(off.hits.every((h) => h.needs.some((x) => x.key === 'geldzorgen'))).toBe(true);
    const on = await search('/v1/search?q=schulden&per_page=50');
    expect(on.total).toBeGreaterThan(off.total);
  });
});
