// Meilisearch is asked to sort facet values by count (packages/meili settings), and the answer
// orders them itself. That only gives the same, complete counts while no facet can have more
// values than Meilisearch returns per facet.
import { describe, expect, it } from 'vitest';
import { indexSettings } from '@sociale-kaart/meili';
import { FACET_ATTRIBUTES, FACET_VALUES, facetsFor, facetsJson } from '../src/facets.js';

describe('facet values', () => {
  it('fit in what Meilisearch returns per facet, for every facet the API counts', () => {
    const max = indexSettings.faceting?.maxValuesPerFacet ?? 100;
    for (const facet of FACET_ATTRIBUTES) expect(FACET_VALUES[facet].length, facet).toBeLessThanOrEqual(max);
    expect(Object.keys(FACET_VALUES).sort()).toEqual([...FACET_ATTRIBUTES].sort());
  });

  it('come out in taxonomy order whatever order Meilisearch counted them in', () => {
    const byCount = { days: { zo: 9, di: 5, ma: 2, vr: 0 }, free: { false: 3, true: 1 } };
    const facets = facetsFor(byCount, 'nl');
    expect(facets.day.map((f) => [f.key, f.count])).toEqual([['ma', 2], ['di', 5], ['zo', 9]]);
    expect(facets.free.map((f) => f.key)).toEqual(['true', 'false']);
    expect(JSON.parse(facetsJson(byCount, 'nl'))).toEqual(facets);
  });
});
