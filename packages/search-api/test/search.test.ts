import { describe, expect, it } from 'vitest';
import { searchResponseSchema, suggestResponseSchema, activityResponseSchema, problemSchema, distanceKm, geocodePostcode } from '@sociale-kaart/schema';
import { buildActivities, KNOWN_NEED_CATEGORIES, UTRECHT } from './fixtures/activities.js';
import { useApi } from './helpers.js';

const docs = buildActivities();
const api = useApi(() => docs);

function expectProblem(status: number, body: unknown, res: Response) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(problemSchema.parse(body).status).toBe(status);
}

describe('GET /v1/search', () => {
  it('answers the response contract with active activities only', async () => {
    const { status, body } = await api.json('/v1/search?per_page=50');
    expect(status).toBe(200);
    const parsed = searchResponseSchema.parse(body);
    expect(parsed.total).toBe(docs.filter((d) => d.status === 'active').length);
    expect(parsed.totalIsEstimate).toBe(false);
    expect(parsed.hits).toHaveLength(50);
    expect(parsed.hits.every((h) => h.status === 'active')).toBe(true);
    expect(parsed.query).toMatchObject({ q: '', status: ['active'], page: 1, perPage: 50, sort: 'relevance', lang: 'nl' });
  });

  it('finds text, highlights with private-use markers and never HTML', async () => {
    const { body } = await api.json('/v1/search?q=zangvogels');
    const hit = body.hits.find((h: { id: string }) => h.id === 'koor-utrecht');
    expect(hit).toBeDefined();
    expect(hit.highlight.title).toBe('Buurtkoor De \uE000Zangvogels\uE001');
    expect(hit.highlight.title).not.toMatch(/<em>/);
    expect(hit.schedule).toBe('elke dinsdag 10:00–12:00');
    // clock: Monday 13 January 2025 12:00 UTC
    expect(hit.nextSession).toBe('2025-01-14T10:00:00+01:00');
    expect(hit.categories).toContainEqual({ key: 'music_dance', label: 'Muziek, zang & dans' });
    expect(hit.needs).toEqual([{ key: 'eenzaamheid', label: 'Eenzaamheid' }]);
  });

  it('keeps hostile text as text and strips marker characters that come from the data', async () => {
    const { body } = await api.json('/v1/search?q=marker');
    const hit = body.hits.find((h: { id: string }) => h.id === 'hostile-2');
    expect(hit.title).toBe('Marker \uE000 in titel');
    expect(hit.highlight.title).not.toMatch(/[\uE000\uE001]/);
    const hostile = (await api.json('/v1/search?q=yoga+extra')).body.hits.find((h: { id: string }) => h.id === 'hostile-1');
    expect(hostile.summary).toContain('<script>');
  });

  it('labels facets in the requested language', async () => {
    const nl = (await api.json('/v1/search?lang=nl')).body;
    const en = (await api.json('/v1/search?lang=en')).body;
    expect(nl.facets.category.find((f: { key: string }) => f.key === 'exercise').label).toBe('Bewegen & sport');
    expect(en.facets.category.find((f: { key: string }) => f.key === 'exercise').label).toBe('Exercise & sport');
    expect(nl.facets.day.map((f: { key: string }) => f.key)).toEqual(['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo']);
    expect(nl.facets.free.map((f: { label: string }) => f.label).sort()).toEqual(['Gratis', 'Met kosten']);
    const active = docs.filter((d) => d.status === 'active');
    expect(nl.facets.category.find((f: { key: string }) => f.key === 'exercise').count).toBe(active.filter((d) => d.categories.includes('exercise')).length);
  });

  it('counts a filter group without its own selection, so choosing one more value (OR) stays possible', async () => {
    const all = (await api.json('/v1/search')).body;
    const one = (await api.json('/v1/search?category=exercise&day=di')).body;
    const active = docs.filter((d) => d.status === 'active');
    // The category chips count as if no category were chosen (but with the day filter).
    const onTuesday = active.filter((d) => d.days.includes('di'));
    for (const f of one.facets.category as Array<{ key: string; count: number }>) {
      expect(f.count, f.key).toBe(onTuesday.filter((d) => d.categories.includes(f.key as never)).length);
    }
    expect(one.facets.category.length).toBeGreaterThan(1);
    // And the day chips as if no day were chosen (but within exercise).
    const exercise = active.filter((d) => d.categories.includes('exercise'));
    for (const f of one.facets.day as Array<{ key: string; count: number }>) {
      expect(f.count, f.key).toBe(exercise.filter((d) => d.days.includes(f.key as never)).length);
    }
    // Groups without a selection count within every filter, as before.
    expect(one.total).toBe(exercise.filter((d) => d.days.includes('di')).length);
    const freeTrue = (one.facets.free as Array<{ key: string; count: number }>).find((f) => f.key === 'true')?.count ?? 0;
    expect(freeTrue).toBe(exercise.filter((d) => d.days.includes('di') && d.free).length);
    expect(all.facets.category.length).toBeGreaterThanOrEqual(one.facets.category.length);
  });

  it('filters by category (repeatable and comma separated), day, part of day, free, audience, wheelchair', async () => {
    const a = (await api.json('/v1/search?category=exercise&category=creative&per_page=50')).body;
    const b = (await api.json('/v1/search?category=exercise,creative&per_page=50')).body;
    expect(a.total).toBe(b.total);
    expect(a.total).toBe(docs.filter((d) => d.status === 'active' && d.categories.some((c) => c === 'exercise' || c === 'creative')).length);
    const c = (await api.json('/v1/search?day=di&part_of_day=ochtend&free=true&audience=ouderen&wheelchair=true&per_page=50')).body;
    const expected = docs.filter(
      (d) => d.status === 'active' && d.days.includes('di') && d.partsOfDay.includes('ochtend') && d.free && d.audience.includes('ouderen') && d.wheelchairAccessible === true,
    );
    expect(c.total).toBe(expected.length);
    expect(c.hits.map((h: { id: string }) => h.id).sort()).toEqual(expected.map((d) => d.id).sort());
  });

  it('shows closed activities only when asked by status', async () => {
    const { body } = await api.json('/v1/search?status=temporarily_closed,inactive');
    expect(body.total).toBe(docs.filter((d) => d.status !== 'active').length);
  });

  it('expands a need to its categories and ranks activities tagged with the need first', async () => {
    const { body } = await api.json('/v1/search?need=eenzaam&per_page=50');
    const active = docs.filter((d) => d.status === 'active');
    const tagged = active.filter((d) => d.needs.includes('eenzaamheid'));
    const union = active.filter((d) => d.needs.includes('eenzaamheid') || d.categories.some((c) => KNOWN_NEED_CATEGORIES.includes(c)));
    expect(body.query.need).toEqual(['eenzaamheid']);
    expect(body.total).toBe(union.length);
    const ids: string[] = body.hits.map((h: { id: string }) => h.id);
    const firstUntagged = ids.findIndex((id) => !tagged.some((t) => t.id === id));
    expect(firstUntagged).toBe(Math.min(tagged.length, 50));
    // The second page continues exactly where the first stopped.
    const all: string[] = [];
    for (let page = 1; page <= Math.ceil(union.length / 50); page++) {
      all.push(...(await api.json(`/v1/search?need=eenzaamheid&per_page=50&page=${page}`)).body.hits.map((h: { id: string }) => h.id));
    }
    expect(new Set(all).size).toBe(union.length);
    expect(all.slice(0, tagged.length).every((id) => tagged.some((t) => t.id === id))).toBe(true);
  });

  it('sorts by distance around a postcode and reports distanceKm', async () => {
    const { body } = await api.json('/v1/search?postcode=3511ab&radius=3&per_page=30');
    const center = geocodePostcode('3511')!;
    expect(body.query).toMatchObject({ postcode: '3511 AB', radius: 3, sort: 'distance' });
    expect(body.center.lat).toBeCloseTo(center.lat, 5);
    const dists: number[] = body.hits.map((h: { distanceKm: number }) => h.distanceKm);
    expect(dists.length).toBeGreaterThan(0);
    for (let i = 1; i < dists.length; i++) expect(dists[i]!).toBeGreaterThanOrEqual(dists[i - 1]!);
    expect(Math.max(...dists)).toBeLessThanOrEqual(3.05);
    for (const h of body.hits) expect(h.distanceKm).toBeCloseTo(distanceKm(center, h.geo), 1);
  });

  it('combines text with a place (relevance, within the radius)', async () => {
    const { body } = await api.json(`/v1/search?q=koor&near=${UTRECHT.lat},${UTRECHT.lng}&radius=5`);
    expect(body.query.sort).toBe('relevance');
    for (const h of body.hits) expect(h.distanceKm).toBeLessThanOrEqual(5.05);
  });

  it('includes online activities when online=true', async () => {
    const { body } = await api.json('/v1/search?online=true&per_page=50');
    expect(body.total).toBe(docs.filter((d) => d.status === 'active' && d.online).length);
    expect(body.hits.every((h: { online: boolean }) => h.online)).toBe(true);
  });

  it('rejects unknown parameters, bad values and out-of-range numbers with 400 problem+json naming each', async () => {
    const { status, body, res } = await api.json('/v1/search?foo=1&per_page=500&day=maandagochtend&radius=-1&sort=random');
    expectProblem(400, body, res);
    expect(status).toBe(400);
    const params = body.errors.map((e: { parameter: string }) => e.parameter).sort();
    expect(params).toEqual(['day', 'foo', 'per_page', 'radius', 'sort']);
    expect(body.errors.find((e: { parameter: string }) => e.parameter === 'foo').message).toBe('unknown parameter');
    expect(body).not.toHaveProperty('stack');
  });

  it('rejects bad places and impossible combinations', async () => {
    for (const q of ['postcode=12345', 'postcode=0000AA', 'near=91,5', 'near=abc', 'sort=distance', 'postcode=3511&near=52,5', 'page=400&per_page=50', 'need=geluk']) {
      const { body, res } = await api.json(`/v1/search?${q}`);
      expectProblem(400, body, res);
    }
  });

  it('never lets filter injection reach Meilisearch', async () => {
    const honest = (await api.json('/v1/search?category=exercise&per_page=50')).body;
    const attempts = [
      'category=' + encodeURIComponent('exercise" OR status = "inactive'),
      'category=' + encodeURIComponent('exercise\\'),
      'category=' + encodeURIComponent('_geoRadius(52,5,100000)'),
      'category=' + encodeURIComponent('(exercise) OR (creative)'),
      'category=' + encodeURIComponent('exercise\nOR status = inactive'),
      'need=' + encodeURIComponent('eenzaamheid" OR needs EXISTS'),
      'audience=' + encodeURIComponent('ouderen"]'),
      'status=' + encodeURIComponent('active" OR status = "inactive'),
      'postcode=' + encodeURIComponent('3511") OR ("'),
      'near=' + encodeURIComponent('52.09,5.12), _geoRadius(0,0,1'),
    ];
    for (const a of attempts) {
      const { body, res } = await api.json(`/v1/search?${a}`);
      expectProblem(400, body, res);
    }
    // Free text never becomes filter syntax.
    const text = await api.json('/v1/search?q=' + encodeURIComponent('exercise" OR status = "inactive _geoRadius( \\ )') + '&per_page=50');
    expect(text.status).toBe(200);
    expect(text.body.hits.every((h: { status: string }) => h.status === 'active')).toBe(true);
    expect(honest.hits.every((h: { categories: Array<{ key: string }> }) => h.categories.some((c) => c.key === 'exercise'))).toBe(true);
  });
});

describe('GET /v1/activities/{id}', () => {
  it('returns the full activity with display fields', async () => {
    const { status, body } = await api.json('/v1/activities/koor-utrecht?lang=en');
    expect(status).toBe(200);
    const a = activityResponseSchema.parse(body);
    expect(a.description).toBe(docs.find((d) => d.id === 'koor-utrecht')!.description);
    expect(a.scheduleText).toBe('every Tuesday 10:00–12:00');
    expect(a.categoryItems[0]!.label).toBe('Music, singing & dance');
  });
  it('answers 404 problem+json for an unknown id and 400 for a malformed one', async () => {
    const a = await api.json('/v1/activities/does-not-exist');
    expectProblem(404, a.body, a.res);
    const b = await api.json('/v1/activities/' + encodeURIComponent('a"b'));
    expectProblem(400, b.body, b.res);
  });
});

describe('GET /v1/suggest', () => {
  it('suggests needs from Dutch synonyms, categories and activity titles', async () => {
    const { body } = await api.json('/v1/suggest?q=eenzaam');
    suggestResponseSchema.parse(body);
    expect(body.needs[0]).toEqual({ key: 'eenzaamheid', label: 'Eenzaamheid' });
    const koor = (await api.json('/v1/suggest?q=zangvog')).body;
    expect(koor.activities).toContainEqual({ id: 'koor-utrecht', title: 'Buurtkoor De Zangvogels' });
    const wandel = (await api.json('/v1/suggest?q=wandel&lang=en')).body;
    expect(wandel.categories).toContainEqual({ key: 'walking_nature', label: 'Walking & nature' });
  });
  it('requires q', async () => {
    const { body, res } = await api.json('/v1/suggest');
    expectProblem(400, body, res);
  });
});

describe('GET /v1/taxonomy', () => {
  it('lists the taxonomy with labels in the requested language', async () => {
    const nl = (await api.json('/v1/taxonomy')).body;
    const en = (await api.json('/v1/taxonomy?lang=en')).body;
    expect(nl.categories).toHaveLength(17);
    expect(nl.categories[0]).toMatchObject({ key: 'social_contact', label: 'Ontmoeting' });
    expect(en.categories[0].label).toBe('Meeting people');
    expect(nl.needs.find((n: { key: string }) => n.key === 'eenzaamheid').synonyms).toContain('eenzaam');
    expect(nl.pgDimensions).toHaveLength(6);
    expect(nl.domains4d).toHaveLength(4);
    const bad = await api.json('/v1/taxonomy?lang=de');
    expectProblem(400, bad.body, bad.res);
  });
});

describe('HTTP behaviour', () => {
  it('sets ETag and Cache-Control and answers 304 when unchanged', async () => {
    const first = await api.get('/v1/search?q=koor');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    const second = await api.get('/v1/search?q=koor', { headers: { 'If-None-Match': etag! } });
    expect(second.status).toBe(304);
    const other = await api.get('/v1/search?q=koren');
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it('changes the ETag when the live index changes', async () => {
    const before = (await api.get('/v1/taxonomy')).headers.get('etag');
    const task = await api.meili.client.index('activities').updateDocuments([{ id: 'eetcafe-utrecht', summary: 'Voor weinig geld samen eten.' }]);
    await api.meili.client.tasks.waitForTask(task.taskUid);
    await new Promise((r) => setTimeout(r, 1100));
    const after = (await api.get('/v1/taxonomy')).headers.get('etag');
    expect(after).not.toBe(before);
  });

  it('allows configured origins on /v1 and every origin on /hsds', async () => {
    const ok = await api.get('/v1/taxonomy', { headers: { Origin: 'https://huisarts.example.nl' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://huisarts.example.nl');
    const other = await api.get('/v1/taxonomy', { headers: { Origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const hsds = await api.get('/hsds/services', { headers: { Origin: 'https://evil.example.com' } });
    expect(hsds.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('sends security headers on every response, errors included', async () => {
    for (const path of ['/v1/taxonomy', '/nope', '/v1/search?bad=1']) {
      const res = await api.get(path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('strict-transport-security')).toBeTruthy();
    }
    const nf = await api.json('/nope');
    expectProblem(404, nf.body, nf.res);
  });

  it('logs one JSON line per request with route, status and duration, never the query', async () => {
    api.logs.length = 0;
    await api.get('/v1/search?q=geheimewoord');
    expect(api.logs).toHaveLength(1);
    expect(api.logs[0]).toMatchObject({ route: '/v1/search', status: 200, method: 'GET' });
    expect(typeof api.logs[0]!.durationMs).toBe('number');
    expect(JSON.stringify(api.logs)).not.toContain('geheimewoord');
  });

  it('serves health, readiness, metrics, the OpenAPI document and its docs page', async () => {
    expect((await api.json('/healthz')).body).toEqual({ status: 'ok' });
    expect((await api.json('/readyz')).status).toBe(200);
    const metrics = await (await api.get('/metrics')).text();
    expect(metrics).toMatch(/sk_http_requests_total\{method="GET",route="\/v1\/search",status="200"\} \d+/);
    expect(metrics).toMatch(/sk_http_request_duration_seconds_bucket\{method="GET",route="\/v1\/search",le="0.1"\} \d+/);
    expect(metrics).toContain('sk_meilisearch_errors_total{kind="timeout"}');
    const doc = (await api.json('/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/search', '/v1/activities/{id}', '/v1/suggest', '/v1/taxonomy', '/hsds/services', '/hsds/services/{id}']));
    const params = doc.paths['/v1/search'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['q', 'category', 'need', 'postcode', 'near', 'radius', 'day', 'part_of_day', 'free', 'audience', 'wheelchair', 'online', 'status', 'page', 'per_page', 'sort', 'lang']));
    const docs = await api.get('/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/openapi.json');
  });
});
