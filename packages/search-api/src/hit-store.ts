/**
 * What the API keeps of the documents its searches return, so a search asks Meilisearch only
 * for what it cannot know: which documents match and in which order. Everything else a hit is made of (organisation, categories, needs, place,
 * schedules, contact, flags, dates: `HIT_ATTRIBUTES`) comes from here.
 *
 * Exact by construction, with no index version to ask: every document carries its revision
 * (`rev`, a hash of the rest of it, set by every writer: meili `src/revision.ts`), each search
 * retrieves it, and a document is kept by `id` with its `rev` and found only under both. An
 * edited document has a new revision, so its next search misses, reads it again and replaces
 * the old entry.
 * A miss costs one `documents/fetch` for all the page's unknown documents together; a fetched
 * document is kept only when its revision is the one the search returned (an edit in between
 * is not kept under the old revision). A document without a revision (written by an older
 * indexer) is read in full every time.
 *
 * Each kept document also keeps, per language, the part of its hit that depends on nothing
 * else (hits.ts `staticHitJson`), written once as ASCII JSON, its title and summary as JSON
 * and its check date (hits.ts `hitText`), and its next session for as long as that answer
 * holds (schema `nextOccurrenceUntil`): an answer writes only the distance, highlighted text
 * and staleness of each hit.
 *
 * Why: the fields a hit is made of are most of what Meilisearch serialises and the API parses
 * for a search, twice over when highlighting (`_formatted` repeats every retrieved field), and
 * the same few thousand documents come back again and again.
 */
import { nextOccurrenceUntil, type Activity, type Lang } from '@sociale-kaart/schema';
import type { SearchBackend } from './backend.js';
import { HIT_ATTRIBUTES, hitText, knownHit, staticHitJson, type FoundHit, type HitText, type KnownHit } from './hits.js';
import { LruCache } from './nearby.js';

/**
 * What a hit query retrieves when the store is on: identity and revision. The API marks the
 * query's words itself (highlight.ts); when it leaves that to Meilisearch, the highlighted
 * title and summary come in `_formatted` all the same (Meilisearch highlights the attributes of
 * `attributesToHighlight` whether retrieved or not).
 */
export const SEARCH_ATTRIBUTES = ['id', 'rev'] as const;
/** Nearby hit queries also need the point: nearby.ts orders and proves hits by it. */
export const NEARBY_SEARCH_ATTRIBUTES = [...SEARCH_ATTRIBUTES, '_geo'] as const;

type Searched = Activity & { rev?: string; _formatted?: Record<string, unknown> };

/** A kept document and what is known of its hit (opaque outside this file). */
export interface KeptDocument {
  /** Kept only with the revision the search returned (`doc.rev`). */
  doc: Searched;
  /** hitText of the document, worked out the first time a hit of it is shown. */
  text?: HitText;
  /** staticHitJson per language, written the first time a hit of it is shown. */
  json: Partial<Record<Lang, string>>;
  /** The next session worked out at `from`, the same for every moment before `until`. */
  next?: { from: number; until: number; value: string | null };
}

/** A completed hit, with the store's entry of its document when it keeps it. */
export interface StoredHit extends FoundHit {
  kept?: KeptDocument | undefined;
}

type Entry = KeptDocument;

/** Hits as they came from Meilisearch, none kept: what a search without a store (or an empty page) completes to. */
export const unkeptHits = (hits: readonly Searched[]): StoredHit[] => hits.map((h) => ({ doc: h, formatted: h._formatted }));

export class HitStore {
  private readonly kept: LruCache<Entry>;
  /** Documents found here / read from Meilisearch, since start (metrics). */
  found = 0;
  read = 0;

  constructor(readonly capacity: number) {
    this.kept = new LruCache(Math.max(capacity, 1));
  }

  get enabled(): boolean {
    return this.capacity > 0;
  }

  /** `attributesToRetrieve` of every hit query (`nearby`: of the nearby path's). */
  retrieve(nearby = false): string[] {
    if (!this.enabled) return [...HIT_ATTRIBUTES];
    return nearby ? [...NEARBY_SEARCH_ATTRIBUTES] : [...SEARCH_ATTRIBUTES];
  }

  get size(): number {
    return this.kept.size;
  }

  /**
   * The hits of a search, each with its whole document (every field of `HIT_ATTRIBUTES`) from
   * the store or, for the documents it does not hold, from one fetch, and the search's
   * highlighted text. A document deleted between the search and the fetch is left out.
   */
  async complete(backend: SearchBackend, hits: readonly Searched[]): Promise<StoredHit[]> {
    if (!this.enabled || hits.length === 0) return unkeptHits(hits);
    const entries: Array<Entry | undefined> = hits.map((h) => {
      const entry = h.rev ? this.kept.get(h.id) : undefined;
      return entry?.doc.rev === h.rev ? entry : undefined;
    });
    const docs: Array<Searched | undefined> = entries.map((e) => e?.doc);
    const missing = hits.filter((_, i) => docs[i] === undefined).map((h) => h.id);
    this.found += hits.length - missing.length;
    this.read += missing.length;
    if (missing.length > 0) {
      const fetched = new Map((await backend.getDocuments<Searched>(missing, [...HIT_ATTRIBUTES, 'rev'])).map((d) => [d.id, d]));
      hits.forEach((h, i) => {
        if (docs[i] !== undefined) return;
        const doc = fetched.get(h.id);
        docs[i] = doc;
        if (doc && h.rev && doc.rev === h.rev) this.kept.set(h.id, (entries[i] = { doc, json: {} }));
      });
    }
    const out: StoredHit[] = [];
    hits.forEach((h, i) => {
      const doc = docs[i];
      if (doc) out.push({ doc, formatted: h._formatted, kept: entries[i] });
    });
    return out;
  }

  /**
   * What is known of a hit `complete` gave out, to write it in `lang` at `now` (hits.ts
   * `searchHitJson`): its static part, written once per document and language, and its next
   * session while that holds. A hit the store does not keep is worked out in full.
   */
  known(hit: StoredHit, lang: Lang, now: Date): KnownHit {
    const entry = hit.kept;
    if (!entry) return knownHit(hit.doc, lang);
    const t = now.getTime();
    let next = entry.next;
    if (!next || t < next.from || t >= next.until) {
      const { next: value, until } = nextOccurrenceUntil(entry.doc.schedules ?? [], t);
      next = entry.next = { from: t, until, value };
    }
    return { staticJson: (entry.json[lang] ??= staticHitJson(entry.doc, lang)), text: (entry.text ??= hitText(entry.doc)), nextSession: next.value };
  }
}

/** /metrics lines of a store: documents found in it and read from Meilisearch, and its size. */
export function hitStoreMetrics(store: HitStore): string[] {
  return [
    '# HELP sk_hit_store_documents_total Search hits by where their fields came from: the hit store (found) or Meilisearch (read).',
    '# TYPE sk_hit_store_documents_total counter',
    `sk_hit_store_documents_total{result="found"} ${store.found}`,
    `sk_hit_store_documents_total{result="read"} ${store.read}`,
    '# HELP sk_hit_store_size Documents held by the hit store.',
    '# TYPE sk_hit_store_size gauge',
    `sk_hit_store_size ${store.size}`,
  ];
}
