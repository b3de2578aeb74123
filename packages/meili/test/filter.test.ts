import { beforeAll, describe, expect, it } from 'vitest';
import {
  FilterError,
  applySettings,
  buildFilter,
  eq,
  filterToString,
  inList,
  not,
  quoteFilterValue,
  waitForTask,
  type ActivityFilter,
  type FilterableAttribute,
  type MeiliFilter,
} from '../src/index.js';
import { useMeilisearch } from '../src/testing.js';

describe('quoteFilterValue', () => {
  it('quotes and escapes backslashes and double quotes', () => {
    expect(quoteFilterValue('exercise')).toBe('"exercise"');
    expect(quoteFilterValue('a"b')).toBe('"a\\"b"');
    expect(quoteFilterValue('a\\b')).toBe('"a\\\\b"');
    expect(quoteFilterValue('\\"')).toBe('"\\\\\\""');
    expect(quoteFilterValue('end\\')).toBe('"end\\\\"');
  });
  it('rejects empty and over-long strings', () => {
    expect(() => quoteFilterValue('')).toThrow();
    expect(() => quoteFilterValue('x'.repeat(513))).toThrow();
  });
});

describe('eq and inList', () => {
  it('build one expression for allow-listed attributes', () => {
    expect(eq('free', true)).toBe('free = true');
    expect(eq('organization.id', 'org-1')).toBe('organization.id = "org-1"');
    expect(eq('lastModifiedTs', 1700000000000)).toBe('lastModifiedTs = 1700000000000');
    expect(inList('categories', ['exercise', 'a"b'])).toBe('categories IN ["exercise", "a\\"b"]');
  });
  it('negate a built condition with not(), in parentheses', () => {
    expect(not(inList('needs', ['rouw', 'eenzaamheid']))).toBe('NOT (needs IN ["rouw", "eenzaamheid"])');
    expect(not(eq('status', 'a"b'))).toBe('NOT (status = "a\\"b")');
  });

  it('refuse other attributes, empty lists and non-finite numbers', () => {
    expect(() => eq('title' as FilterableAttribute, 'x')).toThrow(FilterError);
    expect(() => eq('status = "x" OR free' as FilterableAttribute, 'x')).toThrow(/not a filterable attribute/);
    expect(() => inList('categories', [])).toThrow(FilterError);
    expect(() => eq('lastModifiedTs', Number.NaN)).toThrow(FilterError);
    expect(() => eq('lastModifiedTs', Number.POSITIVE_INFINITY)).toThrow(FilterError);
  });
});

describe('buildFilter', () => {
  it('ORs within a field and ANDs across fields', () => {
    expect(
      buildFilter({
        categories: ['exercise', 'creative'],
        needs: ['eenzaamheid'],
        days: ['ma', 'di'],
        partsOfDay: ['ochtend'],
        status: ['active'],
        organizationId: ['org-1'],
        free: true,
        wheelchairAccessible: false,
        modifiedSince: 1700000000000,
      }),
    ).toEqual([
      'categories IN ["exercise", "creative"]',
      'needs = "eenzaamheid"',
      'days IN ["ma", "di"]',
      'partsOfDay = "ochtend"',
      'status = "active"',
      'organization.id = "org-1"',
      'free = true',
      'wheelchairAccessible = false',
      'lastModifiedTs >= 1700000000000',
    ]);
  });

  it('ignores empty lists and de-duplicates values', () => {
    expect(buildFilter({})).toEqual([]);
    expect(buildFilter({ categories: [], gemeente: ['Utrecht', 'Utrecht', 'Zeist'] })).toEqual(['gemeente IN ["Utrecht", "Zeist"]']);
  });

  it('writes geo conditions with plain decimal numbers', () => {
    expect(buildFilter({ geoRadius: { lat: 52.0907, lng: 5.1214, meters: 5000 } })).toEqual(['_geoRadius(52.0907, 5.1214, 5000)']);
    expect(buildFilter({ geoRadius: { lat: 0.0000001, lng: -0.000000001, meters: 0.5 } })).toEqual(['_geoRadius(0.0000001, 0, 0.5)']);
    expect(
      buildFilter({ geoBoundingBox: { topRight: { lat: 52.5, lng: 5.5 }, bottomLeft: { lat: 52, lng: 4.5 } } }),
    ).toEqual(['_geoBoundingBox([52.5, 5.5], [52, 4.5])']);
  });

  it('puts geo and online in one OR group with includeOnline', () => {
    const filter = buildFilter({ status: ['active'], geoRadius: { lat: 52, lng: 5, meters: 1000 }, includeOnline: true });
    expect(filter).toEqual(['status = "active"', ['_geoRadius(52, 5, 1000)', 'online = true']]);
    expect(filterToString(filter)).toBe('(status = "active") AND ((_geoRadius(52, 5, 1000)) OR (online = true))');
    expect(buildFilter({ includeOnline: true })).toEqual([]);
  });

  it('escapes hostile values instead of passing syntax through', () => {
    expect(buildFilter({ categories: ['exercise" OR status = "inactive'] })).toEqual(['categories = "exercise\\" OR status = \\"inactive"']);
    expect(buildFilter({ source: ['x\\" OR free = true OR "'] })).toEqual(['source = "x\\\\\\" OR free = true OR \\""']);
  });

  it.each<[string, unknown]>([
    ['an unknown field', { title: ['x'] }],
    ['a latitude above 90', { geoRadius: { lat: 90.5, lng: 5, meters: 10 } }],
    ['a longitude below -180', { geoRadius: { lat: 52, lng: -181, meters: 10 } }],
    ['a NaN latitude', { geoRadius: { lat: Number.NaN, lng: 5, meters: 10 } }],
    ['a zero radius', { geoRadius: { lat: 52, lng: 5, meters: 0 } }],
    ['a negative radius', { geoRadius: { lat: 52, lng: 5, meters: -5 } }],
    ['an infinite radius', { geoRadius: { lat: 52, lng: 5, meters: Number.POSITIVE_INFINITY } }],
    ['a radius as a string', { geoRadius: { lat: 52, lng: 5, meters: '1000) OR (free = true' } }],
    ['extra keys in geoRadius', { geoRadius: { lat: 52, lng: 5, meters: 10, resolution: 'x' } }],
    ['a boolean as a string', { free: 'true' }],
    ['a boolean as a number', { online: 1 }],
    ['a string instead of a list', { categories: 'exercise' }],
    ['a number in a list', { categories: [1] }],
    ['an empty string', { gemeente: [''] }],
    ['too many values', { gemeente: Array.from({ length: 101 }, (_, i) => `g${i}`) }],
    ['a fractional timestamp', { modifiedSince: 1.5 }],
    ['an upside-down bounding box', { geoBoundingBox: { topRight: { lat: 50, lng: 5 }, bottomLeft: { lat: 52, lng: 4 } } }],
  ])('rejects %s', (_name, spec) => {
    expect(() => buildFilter(spec as ActivityFilter)).toThrow(FilterError);
  });
});

describe('buildFilter against a real Meilisearch', () => {
  const meili = useMeilisearch();
  const indexUid = 'filter_test';

  const hostile = {
    injection: 'exercise" OR status = "inactive',
    quotes: 'Den "Haag"',
    backslashes: 'C:\\temp\\',
    or: 'Bergen OR Utrecht',
    and: 'Zeist AND (Utrecht)',
    geo: '_geoRadius(52.1, 5.1, 100000)',
    newline: 'regel een\nregel twee',
    backslashQuote: '\\" OR free = true OR "\\',
    closeParen: '") OR (status = "active',
  };

  const docs = [
    { id: 'plain', categories: ['exercise'], status: 'active', gemeente: 'Utrecht', source: 'feed-a', free: true, online: false, _geo: { lat: 52.09, lng: 5.12 } },
    { id: 'injection', categories: [hostile.injection], status: 'active', gemeente: 'Zeist', source: 'feed-a', free: false, online: false, _geo: { lat: 52.09, lng: 5.23 } },
    { id: 'inactive', categories: ['creative'], status: 'inactive', gemeente: 'Utrecht', source: 'feed-b', free: false, online: false, _geo: { lat: 52.1, lng: 5.1 } },
    { id: 'quotes', categories: ['music_dance'], status: 'active', gemeente: hostile.quotes, source: 'feed-b', free: false, online: false, _geo: { lat: 52.07, lng: 4.3 } },
    { id: 'backslashes', categories: ['learning'], status: 'active', gemeente: hostile.backslashes, source: 'feed-b', free: false, online: false, _geo: { lat: 51.9, lng: 4.5 } },
    { id: 'or', categories: ['learning'], status: 'active', gemeente: hostile.or, source: 'feed-b', free: false, online: false, _geo: { lat: 52.6, lng: 4.7 } },
    { id: 'and', categories: ['learning'], status: 'active', gemeente: hostile.and, source: 'feed-b', free: false, online: false, _geo: { lat: 52.1, lng: 5.2 } },
    { id: 'geo', categories: ['learning'], status: 'active', gemeente: 'Amersfoort', source: hostile.geo, free: false, online: false, _geo: { lat: 52.15, lng: 5.38 } },
    { id: 'newline', categories: ['learning'], status: 'active', gemeente: hostile.newline, source: 'feed-b', free: false, online: false, _geo: { lat: 53.2, lng: 6.56 } },
    { id: 'backslashQuote', categories: ['learning'], status: 'active', gemeente: hostile.backslashQuote, source: 'feed-b', free: false, online: false, _geo: { lat: 51.44, lng: 5.47 } },
    { id: 'online', categories: ['learning'], status: 'active', gemeente: null, source: 'feed-c', free: true, online: true },
  ];
  const allIds = docs.map((d) => d.id).sort();

  beforeAll(async () => {
    await applySettings(meili.client, indexUid);
    await waitForTask(meili.client, await meili.client.index(indexUid).addDocuments(docs, { primaryKey: 'id' }));
  });

  async function ids(filter: MeiliFilter | string): Promise<string[]> {
    const result = await meili.client.index(indexUid).search('', { filter, limit: 100 });
    return result.hits.map((h) => String(h.id)).sort();
  }

  it('really is hostile: pasting the value into a filter unescaped returns other documents', async () => {
    expect(await ids(`categories = "${hostile.injection}"`)).toContain('inactive');
    expect(await ids(`(gemeente = "${hostile.closeParen}")`)).toContain('plain');
  });

  it('a category value with an injected OR matches only the document that has that literal value', async () => {
    expect(await ids(buildFilter({ categories: [hostile.injection] }))).toEqual(['injection']);
    expect(await ids(buildFilter({ categories: ['exercise'] }))).toEqual(['plain']);
    expect(await ids(buildFilter({ categories: [hostile.injection], status: ['active'] }))).toEqual(['injection']);
  });

  it.each([
    ['quotes', hostile.quotes],
    ['backslashes', hostile.backslashes],
    ['or', hostile.or],
    ['and', hostile.and],
    ['newline', hostile.newline],
    ['backslashQuote', hostile.backslashQuote],
  ])('gemeente with %s matches exactly its own document', async (id, value) => {
    expect(await ids(buildFilter({ gemeente: [value] }))).toEqual([id]);
    expect(await ids(filterToString(buildFilter({ gemeente: [value], status: ['active'] })))).toEqual([id]);
  });

  it('a value that looks like _geoRadius( is only a string', async () => {
    expect(await ids(buildFilter({ source: [hostile.geo] }))).toEqual(['geo']);
  });

  it('hostile values that no document has match nothing, never everything', async () => {
    for (const value of [hostile.closeParen, 'x" OR id EXISTS OR "', 'Utrecht\\', '\\"Utrecht\\"', 'Utrecht" OR gemeente = "Zeist']) {
      expect(await ids(buildFilter({ gemeente: [value] })), value).toEqual([]);
      expect(await ids(buildFilter({ gemeente: ['Zeist', value] })), value).toEqual(['injection']);
    }
  });

  it('lists, booleans and fields combine as OR within and AND across', async () => {
    expect(await ids(buildFilter({ gemeente: ['Utrecht', 'Zeist'] }))).toEqual(['inactive', 'injection', 'plain']);
    expect(await ids(buildFilter({ gemeente: ['Utrecht', 'Zeist'], status: ['active'] }))).toEqual(['injection', 'plain']);
    expect(await ids(buildFilter({ free: true }))).toEqual(['online', 'plain']);
    expect(await ids(buildFilter({ free: true, online: false }))).toEqual(['plain']);
    expect(await ids(buildFilter({}))).toEqual(allIds);
  });

  it('not() excludes what the condition matches, and a hostile value stays a value', async () => {
    expect(await ids([not(inList('gemeente', ['Utrecht', 'Zeist']))])).toEqual(allIds.filter((id) => !['plain', 'injection', 'inactive'].includes(id)));
    expect(await ids([eq('status', 'active'), not(eq('categories', 'learning'))])).toEqual(['injection', 'plain', 'quotes']);
    // Negating an injected OR must not turn into "everything except one" plus the injected part.
    expect(await ids([not(eq('categories', hostile.injection))])).toEqual(allIds.filter((id) => id !== 'injection'));
    expect(await ids([not(not(eq('categories', 'exercise')))])).toEqual(['plain']);
  });

  it('geo radius, bounding box and includeOnline', async () => {
    // 10 km around Utrecht centre.
    const utrecht = { lat: 52.0907, lng: 5.1214, meters: 10_000 };
    expect(await ids(buildFilter({ geoRadius: utrecht }))).toEqual(['and', 'inactive', 'injection', 'plain']);
    expect(await ids(buildFilter({ geoRadius: utrecht, includeOnline: true }))).toEqual(['and', 'inactive', 'injection', 'online', 'plain']);
    expect(await ids(buildFilter({ geoRadius: utrecht, includeOnline: true, status: ['active'], free: true }))).toEqual(['online', 'plain']);
    expect(
      await ids(buildFilter({ geoBoundingBox: { topRight: { lat: 53.5, lng: 7 }, bottomLeft: { lat: 53, lng: 6 } } })),
    ).toEqual(['newline']);
  });
});
