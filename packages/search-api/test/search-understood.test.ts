// Query understanding on /v1/search: typed words that name a need or a category rank that
// need's activities first, as if chosen; the answer says what was understood; plain text
// that names nothing is answered exactly as without understanding.
import { describe, expect, it } from 'vitest';
import { searchResponseSchema, type SearchResponse } from '@sociale-kaart/schema';
import { buildActivities } from './fixtures/activities.js';
import { useApi } from './helpers.js';

const docs = buildActivities();
const api = useApi(() => docs);

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
