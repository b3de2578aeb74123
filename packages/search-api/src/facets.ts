/**
 * Facet counts as the answer shows them: labelled in the requested language, in taxonomy
 * order (days Monday first), zero counts left out.
 */
import { audiences, categories as categoryList, categoryLabel, days, needLabel, needs as needList, partsOfDay, type Lang, type SearchResponse } from '@sociale-kaart/schema';

/** The facets every search asks Meilisearch for. */
export const FACET_ATTRIBUTES = ['categories', 'needs', 'days', 'partsOfDay', 'free', 'audience'] as const;
export type FacetAttribute = (typeof FACET_ATTRIBUTES)[number];

const ORDER: Record<string, readonly string[]> = {
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

/** Facet counts with labels, in taxonomy order (days Monday first), zero counts left out. */
export function facetsFor(dist: Record<string, Record<string, number>>, lang: Lang): SearchResponse['facets'] {
  const one = (facet: string) => {
    const counts = dist[facet] ?? {};
    const order = ORDER[facet] ?? [];
    return Object.entries(counts)
      .filter(([, count]) => count > 0)
      .sort(([a], [b]) => {
        const ia = order.indexOf(a);
        const ib = order.indexOf(b);
        return (ia < 0 ? 999 : ia) - (ib < 0 ? 999 : ib) || a.localeCompare(b);
      })
      .map(([key, count]) => ({ key, label: facetLabel(facet, key, lang), count }));
  };
  return {
    category: one('categories'),
    need: one('needs'),
    day: one('days'),
    partOfDay: one('partsOfDay'),
    free: one('free'),
    audience: one('audience'),
  };
}

