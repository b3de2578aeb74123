import type { Settings, Synonyms } from 'meilisearch';
import { audiences, needs } from '@sociale-kaart/schema';

/** Default uid of the live activity index; the indexer swaps a staging index into it. */
export const ACTIVITY_INDEX_UID = 'activities';
/** Every activity document is keyed by its stable, Meilisearch-safe `id`. */
export const ACTIVITY_PRIMARY_KEY = 'id';

/** Searchable fields, most important first: Meilisearch's `attribute` rule ranks by this order. */
export const SEARCHABLE_ATTRIBUTES = [
  'title',
  'needLabels',
  'categoryLabels',
  'summary',
  'organization.name',
  'description',
] as const;

/** Every attribute a filter may mention. The filter builder only accepts these. */
export const FILTERABLE_ATTRIBUTES = [
  'categories',
  'needs',
  'audience',
  'days',
  'partsOfDay',
  'free',
  'wheelchairAccessible',
  'online',
  'status',
  'gemeente',
  'source',
  '_geo',
  'serviceId',
  'organization.id',
  'acceptsWelzijnOpRecept',
  'isWelzijnscoach',
  'lastModifiedTs',
  // The HSDS API's age and time-of-day filters (ORUK minimum_age, maximum_age, start_time, end_time).
  'minAge',
  'maxAge',
  'schedules.opensAt',
  'schedules.closesAt',
] as const;
export type FilterableAttribute = (typeof FILTERABLE_ATTRIBUTES)[number];

export const SORTABLE_ATTRIBUTES = ['_geo', 'title', 'lastModifiedTs'] as const;
export type SortableAttribute = (typeof SORTABLE_ATTRIBUTES)[number];

/**
 * `sort` comes right after `words`: when a caller asks for distance order, every hit that
 * contains the query words is ordered by distance instead of distance only breaking ties
 * at the very end. Without a `sort` parameter the rule does nothing.
 */
export const RANKING_RULES = ['words', 'sort', 'typo', 'proximity', 'attribute', 'exactness'] as const;

/** Feed text and labels are Dutch; the English labels in the label fields tokenize the same way. */
const DUTCH_TEXT_ATTRIBUTES = [...SEARCHABLE_ATTRIBUTES];

// A synonym and a head word are treated as forms of one word when they share a long
// prefix ("eenzaam" / "eenzaamheid", "taal" / "taalachterstand"). Only such pairs are made
// mutual: expanding "eenzaamheid" to every synonym would drag in everyday words such as
// "alleen" (also: "only") or "druk" (also: "busy") and flood the results.
function sameStem(a: string, b: string): boolean {
  if (a.includes(' ') || b.includes(' ')) return false;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4) return false;
  let common = 0;
  while (common < shorter && a[common] === b[common]) common++;
  return common >= Math.min(5, shorter);
}

function normalizeTerm(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

function addSynonym(map: Map<string, Set<string>>, from: string, to: string): void {
  if (from === to || from === '' || to === '') return;
  let targets = map.get(from);
  if (!targets) map.set(from, (targets = new Set()));
  targets.add(to);
}

/**
 * Dutch search synonyms derived from the taxonomy.
 *
 * Meilisearch synonyms are one-way: `{ a: [b] }` makes a query for `a` also match `b`.
 * - Every Dutch synonym of a need points to the need's head words: its Dutch label and,
 *   when different, its key read as words ("verdriet" → "rouw en verlies", "rouw").
 *   A synonym shared by two needs ("onzeker") points to the head words of both.
 * - The reverse direction (head word → synonym) is added only for forms of the same word.
 * - Audience synonyms point to the audience's Dutch label ("senioren" → "ouderen").
 * Keys and values are lower case; multi-word entries are allowed.
 */
export function synonymsFromTaxonomy(): Record<string, string[]> {
  const map = new Map<string, Set<string>>();

  for (const need of needs) {
    const label = normalizeTerm(need.label.nl);
    const keyWords = normalizeTerm(need.key.replace(/_/g, ' '));
    const heads = keyWords === label ? [label] : [label, keyWords];
    for (const raw of need.synonyms) {
      const synonym = normalizeTerm(raw);
      if (heads.includes(synonym)) continue;
      for (const head of heads) {
        addSynonym(map, synonym, head);
        if (sameStem(synonym, head)) addSynonym(map, head, synonym);
      }
    }
  }

  for (const audience of audiences) {
    const label = normalizeTerm(audience.label.nl);
    for (const raw of audience.synonyms) {
      const synonym = normalizeTerm(raw);
      // "55+" and the like tokenize to a bare number; as a synonym it would match any "55".
      if (!/\p{L}/u.test(synonym)) continue;
      addSynonym(map, synonym, label);
      if (sameStem(synonym, label)) addSynonym(map, label, synonym);
    }
  }

  const out: Record<string, string[]> = {};
  for (const key of [...map.keys()].sort()) out[key] = [...map.get(key)!].sort();
  return out;
}

/** The complete settings of an activity index. Apply with {@link applySettings}. */
export function activityIndexSettings(): Settings {
  return {
    searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
    filterableAttributes: [...FILTERABLE_ATTRIBUTES],
    sortableAttributes: [...SORTABLE_ATTRIBUTES],
    displayedAttributes: ['*'],
    rankingRules: [...RANKING_RULES],
    synonyms: synonymsFromTaxonomy() satisfies Synonyms,
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    },
    pagination: { maxTotalHits: 10000 },
    // Facet values counted by count, not alphabetically. Every reader puts the values in its
    // own (taxonomy) order, and every facet has far fewer values than maxValuesPerFacet, so
    // the counts are the same either way; but for up to 3000 candidates Meilisearch counts
    // alphabetically by reading every candidate's facet values, and by count from the facet
    // value bitmaps, which for these few values is several times cheaper (a search with
    // filters: ~45% less Meilisearch time).
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
    localizedAttributes: [{ attributePatterns: DUTCH_TEXT_ATTRIBUTES, locales: ['nld'] }],
  };
}

/** The settings as a value, for callers that only read them. */
export const indexSettings: Readonly<Settings> = activityIndexSettings();
