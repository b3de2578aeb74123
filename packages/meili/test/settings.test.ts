import { audiences, needs } from '@sociale-kaart/schema';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_INDEX_UID, activityIndexSettings, applySettings, indexSettings, synonymsFromTaxonomy, waitForTask } from '../src/index.js';
import { useMeilisearch } from '../src/testing.js';

describe('synonymsFromTaxonomy', () => {
  const synonyms = synonymsFromTaxonomy();

  it('maps every Dutch need synonym to the need’s Dutch label', () => {
    for (const need of needs) {
      const label = need.label.nl.toLowerCase();
      for (const synonym of need.synonyms) {
        if (synonym === label || synonym === need.key.replace(/_/g, ' ')) continue;
        expect(synonyms[synonym], `${synonym} → ${label}`).toContain(label);
      }
    }
    expect(synonyms['verdriet']).toEqual(['rouw', 'rouw en verlies']);
    expect(synonyms['geen contact']).toEqual(['eenzaamheid']);
  });

  it('is mutual only for forms of the same word', () => {
    expect(synonyms['eenzaam']).toContain('eenzaamheid');
    expect(synonyms['eenzaamheid']).toEqual(['eenzaam']);
    expect(synonyms['somberheid']).toContain('somber');
    // "alleen" also means "only": it may lead to eenzaamheid, never the other way round.
    expect(synonyms['alleen']).toEqual(['eenzaamheid']);
    expect(synonyms['eenzaamheid']).not.toContain('alleen');
  });

  it('points a synonym shared by two needs to both', () => {
    expect(synonyms['onzeker']).toEqual(expect.arrayContaining(['angst en piekeren', 'weinig zelfvertrouwen']));
  });

  it('includes audience synonyms with letters, and skips bare numbers such as 55+', () => {
    expect(synonyms['senioren']).toEqual(['ouderen']);
    expect(audiences.some((a) => a.synonyms.includes('55+'))).toBe(true);
    expect(synonyms['55+']).toBeUndefined();
  });

  it('is lower case, trimmed, and never maps a term to itself', () => {
    for (const [from, targets] of Object.entries(synonyms)) {
      expect(from).toBe(from.toLowerCase().trim());
      expect(targets.length).toBeGreaterThan(0);
      expect(targets).not.toContain(from);
      for (const to of targets) expect(to).toBe(to.toLowerCase().trim());
    }
  });
});

describe('activity index settings on a real Meilisearch', () => {
  const meili = useMeilisearch();

  it('are accepted and read back unchanged', async () => {
    await applySettings(meili.client, ACTIVITY_INDEX_UID);
    const read = await meili.client.index(ACTIVITY_INDEX_UID).getSettings();
    const wanted = activityIndexSettings();
    expect(read.searchableAttributes).toEqual(wanted.searchableAttributes);
    expect(read.filterableAttributes).toEqual(wanted.filterableAttributes);
    expect([...(read.sortableAttributes ?? [])].sort()).toEqual([...(wanted.sortableAttributes ?? [])].sort());
    expect(read.rankingRules).toEqual(wanted.rankingRules);
    expect(read.displayedAttributes).toEqual(['*']);
    expect(read.synonyms).toEqual(wanted.synonyms);
    expect(read.typoTolerance).toMatchObject({ enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } });
    expect(read.pagination).toEqual({ maxTotalHits: 10000 });
    expect(read.faceting).toEqual({ maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } });
    expect(read.localizedAttributes).toEqual([{ attributePatterns: wanted.searchableAttributes, locales: ['nld'] }]);
    expect(indexSettings).toEqual(wanted);
  });

  it('make Dutch synonyms, field order, filters and distance sorting work in searches', async () => {
    const index = meili.client.index('activities_search');
    await applySettings(meili.client, 'activities_search');
    await waitForTask(
      meili.client,
      await index.addDocuments(
        [
          { id: 'rouw', title: 'Gespreksgroep rouw en verlies', description: 'Samen praten.', status: 'active', _geo: { lat: 52.09, lng: 5.12 } },
          { id: 'wandel', title: 'Wandelclub', description: 'Wandelen tegen eenzaamheid.', status: 'active', _geo: { lat: 52.37, lng: 4.89 } },
          { id: 'koor', title: 'Koor Eenzaamheid', description: 'Zingen.', status: 'inactive', _geo: { lat: 52.1, lng: 5.1 } },
        ],
        { primaryKey: 'id' },
      ),
    );

    // "verdriet" appears in no document: only the synonym leads to "rouw en verlies".
    expect((await index.search('verdriet')).hits.map((h) => h.id)).toEqual(['rouw']);
    // "eenzaam" → "eenzaamheid"; the title match ranks above the description match.
    expect((await index.search('eenzaam')).hits.map((h) => h.id)).toEqual(['koor', 'wandel']);
    expect((await index.search('eenzaam', { filter: ['status = "active"'] })).hits.map((h) => h.id)).toEqual(['wandel']);
    // Near Amsterdam: distance order.
    const near = await index.search('', { sort: ['_geoPoint(52.37, 4.9):asc'] });
    expect(near.hits.map((h) => h.id)).toEqual(['wandel', 'koor', 'rouw']);
  });
});
