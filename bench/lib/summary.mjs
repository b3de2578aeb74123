// One table with the goals of the search-quality issue, from the sections of this run:
// API / direct per kind without the cache, the cached repeated mix, the nearby equality
// check, relevance, and the size of the widgets' lazy map chunk.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KIND_LABEL, NEARBY_GOAL, TEXT_GOAL } from './search.mjs';
import { MIX_CACHE_GOAL } from './mix.mjs';
import { RELEVANCE_FLOOR } from './relevance.mjs';
import { fmtBytes, fmtRatio, goalCell, markdownTable } from './stats.mjs';
import { widgetSizes } from './widget.mjs';

/** The lazily loaded map chunk(s) of the CDN bundle (the map, and clustering when it is split off). */
export function mapChunks(widgetsDir) {
  if (!existsSync(join(widgetsDir, 'dist/cdn/sociale-kaart.js'))) return [];
  return widgetSizes(widgetsDir).filter((r) => r.what === 'CDN map chunk (lazy)');
}

export function summaryTable(result, widgetsDir) {
  const rows = [];
  const search = result.sections.search;
  for (const r of search?.load ?? []) {
    if (r.kind === 'understood') rows.push([`${KIND_LABEL[r.kind]}, c=${r.concurrency}`, 'API / direct, no cache', fmtRatio(r.throughputRatio, '×'), 'info', 'info']);
    else if (r.kind === 'nearby') rows.push([`${KIND_LABEL[r.kind]}, c=${r.concurrency}`, 'API / naive direct, no cache', fmtRatio(r.speedup, '×'), `≥ ${TEXT_GOAL}× (and ≥ ${NEARBY_GOAL}×)`, `${goalCell(r.speedup >= TEXT_GOAL)} (${goalCell(r.goalMet)})`]);
    else rows.push([`${KIND_LABEL[r.kind]}, c=${r.concurrency}`, 'API / direct, no cache', fmtRatio(r.throughputRatio, '×'), `≥ ${TEXT_GOAL}×`, goalCell(r.goalMet)]);
  }
  for (const r of search?.mix?.rows ?? []) rows.push([`repeated mix, c=${r.concurrency}`, 'API with cache / direct', fmtRatio(r.cachedRatio, '×'), `≥ ${MIX_CACHE_GOAL}×`, goalCell(r.goalMet)]);
  if (search) {
    const eq = search.equality;
    rows.push(['nearby equality check', 'API top 20 = naive top 20', `${eq.checked - eq.failures.length}/${eq.checked}`, '100%', goalCell(eq.failures.length === 0)]);
  }
  const rel = result.sections.relevance?.rows.find((r) => r.understand);
  if (rel) {
    rows.push(['relevance: P@5', `${rel.queries} judged queries, demo data`, rel.precisionAt5.toFixed(3), `≥ ${RELEVANCE_FLOOR.precisionAt5}`, goalCell(rel.precisionAt5 >= RELEVANCE_FLOOR.precisionAt5)]);
    rows.push(['relevance: first hit relevant', `${rel.queries} judged queries, demo data`, rel.firstHit.toFixed(3), `≥ ${RELEVANCE_FLOOR.firstHit}`, goalCell(rel.firstHit >= RELEVANCE_FLOOR.firstHit)]);
  }
  for (const c of mapChunks(widgetsDir)) rows.push(['widgets: map chunk (lazy), gzip', `\`${c.file}\``, fmtBytes(c.gzip), 'info', 'info']);
  if (rows.length === 0) return 'Nothing measured.';
  return markdownTable(['what', 'measure', 'this run', 'goal', ''], rows);
}
