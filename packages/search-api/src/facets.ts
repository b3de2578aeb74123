/**
 * Facet counts as the answer shows them: labelled in the requested language, in taxonomy
 * order (days Monday first), zero counts left out.
 */
import { asciiString } from './http/json.js';
import { audiences, categories as categoryList, categoryLabel, days, needLabel, needs as needList, partsOfDay, type Lang, type SearchResponse } from '@sociale-kaart/schema';

/** The facets every search asks Meilisearch for. */
export const FACET_ATTRIBUTES = ['categories', 'needs', 'days', 'partsOfDay', 'free', 'audience'] as const;
export type FacetAttribute = (typeof FACET_ATTRIBUTES)[number];

/** Every value a facet can have, in the order the answer shows them. */
export const FACET_VALUES: Record<FacetAttribute, readonly string[]> = {
  categories: categoryList.map((c) => c.key),
  needs: needList.map((x) => x.key),
  days: days.map((d) => d.key),
  partsOfDay: partsOfDay.map((p) => p.key),
  free: ['true', 'false'],
  audience: audiences.map((a) => a.key),
};

const FREE_LABELS: Record<Lang, Record<string, string>> = {
  nl: { true: 'Gratis', false: 'Met kosten' },
  en: { true: 'Free', false: 'Paid' },
};

function facetLabel(facet: string, key: string, lang: Lang): string {
  switch (facet) {
    case 'categories':
      return categoryLabel(key, lang);
    case 'needs':
      return needLabel(key, lang);
    case 'days':
      return days.find((d) => d.key === key)?.label[lang] ?? key;
    case 'partsOfDay':
      return partsOfDay.find((p) => p.key === key)?.label[lang] ?? key;
    case 'audience':
      return audiences.find((a) => a.key === key)?.label[lang] ?? key;
    case 'free':
      return FREE_LABELS[lang][key] ?? key;
    default:
      return key;
  }
}

/** The facets of the answer, by their name in it. */
const ANSWER_FACETS = [
  ['category', 'categories'],
  ['need', 'needs'],
  ['day', 'days'],
  ['partOfDay', 'partsOfDay'],
  ['free', 'free'],
  ['audience', 'audience'],
] as const;

const rank = new Map(Object.entries(FACET_VALUES).map(([facet, keys]) => [facet, new Map(keys.map((k, i) => [k, i]))]));

/** The non-zero counts of `facet`, in taxonomy order (keys outside it last, alphabetically). */
function counted(dist: Record<string, Record<string, number>>, facet: string): Array<[string, number]> {
  const ranks = rank.get(facet);
  const at = (key: string) => ranks?.get(key) ?? 999;
  return Object.entries(dist[facet] ?? {})
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => at(a) - at(b) || a.localeCompare(b));
}

/** Facet counts with labels, in taxonomy order (days Monday first), zero counts left out. */
export function facetsFor(dist: Record<string, Record<string, number>>, lang: Lang): SearchResponse['facets'] {
  const one = (facet: string) => counted(dist, facet).map(([key, count]) => ({ key, label: facetLabel(facet, key, lang), count }));
  return Object.fromEntries(ANSWER_FACETS.map(([name, facet]) => [name, one(facet)])) as SearchResponse['facets'];
}

const headJson = (facet: string, key: string, lang: Lang) => `${asciiString(JSON.stringify({ key, label: facetLabel(facet, key, lang) })).slice(0, -1)},"count":`;

/** `{"key":…,"label":…,"count":` of every taxonomy value, per language and facet, as ASCII JSON. */
const headsIn = (lang: Lang) => new Map(Object.entries(FACET_VALUES).map(([facet, keys]) => [facet, new Map(keys.map((k) => [k, headJson(facet, k, lang)]))]));
const HEADS: Record<Lang, Map<string, Map<string, string>>> = { nl: headsIn('nl'), en: headsIn('en') };
// A value outside the taxonomy (it comes from the index) is written each time.
const headOf = (facet: string, key: string, lang: Lang) => HEADS[lang].get(facet)?.get(key) ?? headJson(facet, key, lang);

/** `JSON.stringify(facetsFor(dist, lang))` as ASCII JSON (http/json.ts), each entry's key and label written once. */
export function facetsJson(dist: Record<string, Record<string, number>>, lang: Lang): string {
  const one = (facet: string) => counted(dist, facet).map(([key, count]) => `${headOf(facet, key, lang)}${count}}`).join(',');
  return `{${ANSWER_FACETS.map(([name, facet]) => `"${name}":[${one(facet)}]`).join(',')}}`;
}
