/**
 * Labels of facet keys as the search API last named them (facets, hits and chosen
 * suggestions), per language: a selected chip keeps its label when a later answer no longer
 * counts it.
 */
import type { SearchResponse } from '../internal/api-client.js';
import type { Lang } from '../internal/i18n.js';

export class FacetLabels {
  private readonly labels = new Map<string, string>();
  private lang: Lang | null = null;

  remember(res: SearchResponse, lang: Lang): void {
    if (this.lang !== lang) {
      this.labels.clear();
      this.lang = lang;
    }
    for (const [group, items] of Object.entries(res.facets)) for (const f of items) this.set(group, f.key, f.label);
    for (const h of res.hits) {
      for (const c of h.categories) this.set('category', c.key, c.label);
      for (const n of h.needs) this.set('need', n.key, n.label);
    }
  }

  set(group: string, key: string, label: string): void {
    this.labels.set(`${group}:${key}`, label);
  }

  /** The label, else the key made readable (`weinig_beweging` → "weinig beweging"). */
  get(group: string, key: string): string {
    return this.labels.get(`${group}:${key}`) ?? key.replaceAll('_', ' ');
  }
}
