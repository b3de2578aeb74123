import { ApiClient } from './api-client.js';

/** Need labels per API and language, fetched once per page and shared by every element. */
const cache = new Map<string, Promise<Map<string, string>>>();

export function needLabels(api: string, lang: string): Promise<Map<string, string>> {
  const key = `${api}|${lang}`;
  let entry = cache.get(key);
  if (!entry) {
    // Not tied to one element's signal: other elements may be waiting on the same answer.
    entry = new ApiClient(api).taxonomy(lang, new AbortController().signal).then((t) => new Map(t.needs.map((n) => [n.key, n.label])));
    entry.catch(() => cache.delete(key));
    cache.set(key, entry);
  }
  return entry;
}

/** A label for a need key: from the taxonomy, else the key made readable. */
export function needLabel(labels: Map<string, string> | null | undefined, key: string): string {
  return labels?.get(key) ?? key.replaceAll('_', ' ');
}
