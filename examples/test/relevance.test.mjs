// Search quality as a regression test: the judged GP queries of bench/relevance over the demo
// data, through the real API. Deterministic (same data, same ranking), so a floor, not a timing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELEVANCE_FLOOR, judgedQueries, measureRelevance } from '../../bench/lib/relevance.mjs';
import { startTestDemo } from './helpers.mjs';

let demo;
beforeAll(async () => {
  demo = await startTestDemo();
}, 180_000);
afterAll(() => demo?.stop());

// The demo API limits each client to a burst of requests; a 429 says when to ask again.
const searchWith = (extra) => async (q) => {
  const url = `${demo.urls.api}/search?q=${encodeURIComponent(q)}&per_page=5${extra}`;
  let res = await fetch(url);
  for (let tries = 0; res.status === 429 && tries < 5; tries++) {
    await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
    res = await fetch(url);
  }
  expect(res.status, q).toBe(200);
  return (await res.json()).hits;
};
const search = searchWith('');

describe('search quality over the judged GP queries', () => {
  it('has at least 40 judged queries, each with relevant categories', () => {
    const queries = judgedQueries();
    expect(queries.length).toBeGreaterThanOrEqual(40);
    for (const { q, relevant } of queries) expect(relevant.length, q).toBeGreaterThan(0);
  });

  it(`keeps P@5 ≥ ${RELEVANCE_FLOOR.precisionAt5} and the first hit relevant for ≥ ${RELEVANCE_FLOOR.firstHit * 100}% of them`, async () => {
    const r = await measureRelevance(search);
    const misses = r.misses.map((m) => `${m.q}: P@5 ${m.precisionAt5}, first ${m.firstTitle}`).join('\n');
    expect(r.precisionAt5, misses).toBeGreaterThanOrEqual(RELEVANCE_FLOOR.precisionAt5);
    expect(r.firstHit, misses).toBeGreaterThanOrEqual(RELEVANCE_FLOOR.firstHit);
  }, 60_000);

  it('ranks better with query understanding than with the text alone (understand=false)', async () => {
    const understood = await measureRelevance(search);
    const textOnly = await measureRelevance(searchWith('&understand=false'));
    expect(understood.precisionAt5).toBeGreaterThan(textOnly.precisionAt5);
    expect(understood.firstHit).toBeGreaterThanOrEqual(textOnly.firstHit);
  }, 60_000);

  it('counts a hit without a relevant category as a miss', async () => {
    const r = await measureRelevance(async () => [{ categories: [{ key: 'exercise' }] }], [{ q: 'x', relevant: ['money_admin'] }]);
    expect(r).toMatchObject({ precisionAt5: 0, firstHit: 0 });
  });
});
