// Search quality over the judged GP queries in bench/relevance/queries.json: precision at 5
// (the share of the first five hits that have a relevant category) and first-hit accuracy
// (the share of queries whose first hit is relevant). Deterministic: same data, same numbers.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const RELEVANCE_FLOOR = { precisionAt5: 0.8, firstHit: 0.9 };

export function judgedQueries() {
  const file = fileURLToPath(new URL('../relevance/queries.json', import.meta.url));
  return JSON.parse(readFileSync(file, 'utf8')).queries;
}

const isRelevant = (hit, relevant) => (hit.categories ?? []).some((c) => relevant.includes(typeof c === 'string' ? c : c.key));

/** `search(q)` answers the hits of one query (objects with `categories`), best first. */
export async function measureRelevance(search, queries = judgedQueries()) {
  const rows = [];
  for (const { q, relevant } of queries) {
    const hits = (await search(q)).slice(0, 5);
    const good = hits.filter((h) => isRelevant(h, relevant)).length;
    rows.push({ q, precisionAt5: hits.length ? good / 5 : 0, firstHit: hits.length > 0 && isRelevant(hits[0], relevant), firstTitle: hits[0]?.title ?? null });
  }
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
  return {
    queries: rows.length,
    precisionAt5: mean(rows.map((r) => r.precisionAt5)),
    firstHit: mean(rows.map((r) => (r.firstHit ? 1 : 0))),
    misses: rows.filter((r) => !r.firstHit || r.precisionAt5 < 0.8),
  };
}
