// Search quality over the judged GP queries in bench/relevance/queries.json: precision at 5
// (the share of the first five hits that have a relevant category) and first-hit accuracy
// (the share of queries whose first hit is relevant). Deterministic: same data, same numbers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApi } from './api.mjs';
import { runMeasured } from './procs.mjs';
import { fmtInt, goalCell, markdownTable } from './stats.mjs';

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

/** The demo feeds of `npm start`, as the indexer reads them (examples/feeds/manifest.json). */
export function demoFeedInputs(root) {
  const dir = join(root, 'examples/feeds');
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).feeds.map((f) => join(dir, f.path));
}

/**
 * The judged queries through the real API over the demo data (indexed into its own index),
 * with query understanding and without it (`understand=false`): what understanding adds.
 */
export async function runRelevanceSection({ ctx, meili, log }) {
  const index = 'demo-relevance';
  const report = join(ctx.tmp, 'relevance-ingest.json');
  const r = await runMeasured(process.execPath, [ctx.paths.indexerBin, 'ingest', ...demoFeedInputs(ctx.root), '--meili-url', meili.url, '--index', index, '--force', '--report', report], {
    env: { ...process.env, MEILI_MASTER_KEY: meili.masterKey },
    cwd: ctx.root,
  });
  if (r.exitCode !== 0 && r.exitCode !== 1) throw new Error(`indexing the demo feeds failed (exit ${r.exitCode ?? r.signal})\n${r.stderr.slice(-2000)}`);
  const documents = JSON.parse(readFileSync(report, 'utf8')).documents;
  const api = await startApi({ ctx, meili, index, name: 'sociale-kaart-api (demo data)' });
  try {
    const rows = [];
    for (const understand of [true, false]) {
      const search = async (q) => {
        const res = await fetch(`${api.url}/v1/search?q=${encodeURIComponent(q)}&per_page=5${understand ? '' : '&understand=false'}`);
        if (res.status !== 200) throw new Error(`/v1/search?q=${q} answered ${res.status}`);
        return (await res.json()).hits;
      };
      const m = await measureRelevance(search);
      log(`  relevance ${understand ? 'with' : 'without'} understanding: P@5 ${m.precisionAt5.toFixed(3)}, first hit ${m.firstHit.toFixed(3)}`);
      rows.push({ understand, ...m });
    }
    return { documents, queries: rows[0].queries, rows };
  } finally {
    await api.service.stop();
  }
}

export function relevanceTable(section) {
  const goal = (row) => goalCell(row.precisionAt5 >= RELEVANCE_FLOOR.precisionAt5 && row.firstHit >= RELEVANCE_FLOOR.firstHit);
  const table = markdownTable(
    ['search', 'queries:', 'P@5:', 'first hit relevant:', `floor (P@5 ≥ ${RELEVANCE_FLOOR.precisionAt5}, first ≥ ${RELEVANCE_FLOOR.firstHit})`],
    section.rows.map((row) => [row.understand ? 'with query understanding (default)' : 'text only (`understand=false`)', row.queries, row.precisionAt5.toFixed(3), row.firstHit.toFixed(3), row.understand ? goal(row) : 'info']),
  );
  const misses = section.rows[0].misses.map((m) => `\`${m.q}\` (P@5 ${m.precisionAt5.toFixed(1)}, first: ${m.firstTitle ?? 'none'})`);
  return [
    `Judged GP queries of \`bench/relevance/queries.json\` over the demo data of \`npm start\` (${fmtInt(section.documents)} documents), through the API. A hit is relevant when it has one of the query's relevant categories. Deterministic; \`examples/test/relevance.test.mjs\` asserts the floor.`,
    '',
    table,
    '',
    misses.length ? `Below P@5 0.8 or with an irrelevant first hit (with understanding): ${misses.join('; ')}.` : 'Every query has P@5 ≥ 0.8 and a relevant first hit (with understanding).',
  ].join('\n');
}
