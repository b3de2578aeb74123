/**
 * The API marks the words of a text search itself (src/highlight.ts) instead of asking
 * Meilisearch to. Over the demo feeds on a real Meilisearch, what it marks must be what
 * Meilisearch marks for the same hits: exactly, for what people type (words, several words,
 * prefixes, other case and diacritics, synonyms, compounds written apart), and for words with
 * a typo the same words (Meilisearch marks, of a word found through a typo in the query's
 * last word, the part that is a word of its index, which the API cannot know: the length of
 * that mark may differ, never which words are marked). With query understanding on, each
 * tier's hits are marked by the text the tier searched with, as Meilisearch marked them.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingest } from '@sociale-kaart/indexer';
import { createApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../src/hits.js';
import { useApi } from './helpers.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const feeds = join(repoRoot, 'examples', 'feeds');
const inputs = [join(feeds, 'hsds-json', 'utrecht.json'), join(feeds, 'hsds-json', 'rotterdam.ndjson'), join(feeds, 'hsds-csv', 'maastricht'), join(feeds, 'csv-template', 'oldambt.csv')];
const judged = (JSON.parse(readFileSync(join(repoRoot, 'bench', 'relevance', 'queries.json'), 'utf8')) as { queries: Array<{ q: string }> }).queries.map((x) => x.q);

const api = useApi(() => [], {
  load: async (meili) => {
    const report = await ingest({ inputs, client: meili.client, index: 'activities', force: true });
    expect(report.published).toBe(true);
  },
});

type Hit = { id: string; highlight: { title: string; summary: string } };
type Formatted = { id: string; _formatted: { title: string; summary: string } };

/** For `q`: per hit of the API's first page, the API's marked title and summary and Meilisearch's. */
async function both(q: string): Promise<Array<{ id: string; field: 'title' | 'summary'; api: string; meili: string }>> {
  const { status, body } = await api.json(`/v1/search?q=${encodeURIComponent(q)}&understand=false&per_page=20`);
  expect(status, q).toBe(200);
  const hits = body.hits as Hit[];
  if (hits.length === 0) return [];
  const res = await api.meili.client.index('activities').search(q, {
    // The same search (the API's plain one): its first page is among the first hundred.
    filter: 'status = active',
    limit: 100,
    attributesToRetrieve: ['id'],
    attributesToHighlight: ['title', 'summary'],
    highlightPreTag: HIGHLIGHT_START,
    highlightPostTag: HIGHLIGHT_END,
  });
  const theirs = new Map((res.hits as unknown as Formatted[]).map((h) => [h.id, h._formatted]));
  expect(hits.filter((h) => !theirs.has(h.id)).map((h) => h.id), q).toEqual([]);
  return hits.flatMap((h) => (['title', 'summary'] as const).map((field) => ({ id: h.id, field, api: h.highlight[field], meili: theirs.get(h.id)![field] })));
}

/** Where each mark starts, in the text without marks: which words are marked. */
function markStarts(marked: string): number[] {
  const out: number[] = [];
  let at = 0;
  for (const ch of marked) {
    if (ch === HIGHLIGHT_START) out.push(at);
    else if (ch !== HIGHLIGHT_END) at += ch.length;
  }
  return out;
}

const TYPED = [
  'wandelen', 'koor', 'taalcafé', 'taalcafe', 'koken', 'rouw', 'eenzaam', 'schilderen', 'moestuin', 'maatje', 'schuldhulp', 'mantelzorg',
  'geheugen', 'bewegen', 'ontmoeting', 'vrijwilligerswerk', 'koffie', 'stress', 'repair café', 'repaircafé', 'klaverjassen', 'tai chi',
  'jeu de boules', 'zingeving', 'geldzaken', 'ouderen', 'somberheid', 'piekeren', 'Café', 'KOFFIE', 'wandel', 'mantelz', 'koffie drinken',
  'samen eten', 'burn-out', 'senioren', 'alleen', 'geld zorgen', 'jeu de b', '55', 'buurt', 'taal', 'beweeg',
];
const WITH_TYPOS = ['wandelne', 'mantelzrog', 'koffei', 'eenzam', 'schuldhlup', 'ontmoetnig', 'vrijwiligerswerk', 'somberhied', 'taalcaffe', 'repiar'];

describe('the API marks what Meilisearch marks', () => {
  it('exactly, for typed words, phrases, prefixes, synonyms and the judged GP queries', async () => {
    const differences: string[] = [];
    let compared = 0;
    let marked = 0;
    for (const q of [...TYPED, ...judged]) {
      for (const r of await both(q)) {
        compared++;
        if (r.api.includes(HIGHLIGHT_START)) marked++;
        if (r.api !== r.meili) differences.push(`${JSON.stringify(q)} ${r.id} ${r.field}:\n  api:   ${r.api}\n  meili: ${r.meili}`);
      }
    }
    expect(differences.slice(0, 5).join('\n')).toBe('');
    // Not an empty comparison: most hits have marked words.
    expect(compared).toBeGreaterThan(1000);
    expect(marked).toBeGreaterThan(compared / 3);
  });

  it('the same words for words with typos', async () => {
    const differences: string[] = [];
    let typoMarked = 0;
    for (const q of WITH_TYPOS) {
      for (const r of await both(q)) {
        if (r.api.includes(HIGHLIGHT_START)) typoMarked++;
        if (JSON.stringify(markStarts(r.api)) !== JSON.stringify(markStarts(r.meili))) differences.push(`${JSON.stringify(q)} ${r.id} ${r.field}:\n  api:   ${r.api}\n  meili: ${r.meili}`);
      }
    }
    expect(differences.slice(0, 5).join('\n')).toBe('');
    expect(typoMarked).toBeGreaterThan(50);
  });

  it('whole answers, understanding on (tiers marked by their own text), equal those Meilisearch highlights', async () => {
    // Hit store and response cache off: each answer as Meilisearch gives it.
    const config = defaultConfig({ rateLimitPerSecond: 0, searchCacheSize: 0, hitStoreSize: 0 });
    const clock = () => new Date(Date.UTC(2025, 0, 13, 12));
    const theirs = createApp({ backend: api.backend, config, log: () => {}, clock, meiliHighlights: true });
    const ours = createApp({ backend: api.backend, config, log: () => {}, clock });
    const answer = async (app: ReturnType<typeof createApp>, path: string) => {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      return { ...((await res.json()) as { understood: { need: string[] } }), tookMs: 0 };
    };
    let understood = 0;
    for (const q of [...judged, ...TYPED]) {
      for (const path of [`/v1/search?q=${encodeURIComponent(q)}`, `/v1/search?q=${encodeURIComponent(q)}&page=2&per_page=10`, `/v1/search?q=${encodeURIComponent(q)}&need=eenzaamheid`]) {
        const want = await answer(theirs, path);
        if (want.understood.need.length > 0) understood++;
        expect(await answer(ours, path), path).toEqual(want);
      }
    }
    // The tiered searches are there: many of these texts name a need.
    expect(understood).toBeGreaterThan(40);
  });
});
