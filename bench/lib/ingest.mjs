// 1. Ingest: the indexer CLI end to end vs Meilisearch indexing the same final documents
//    sent straight to it in batches.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMeasured } from './procs.mjs';
import { fmtBytes, fmtInt, fmtRatio, goalCell, markdownTable, round } from './stats.mjs';

export const INGEST_GOAL_RATIO = 1.3;
/** Peak RSS is "flat" when the largest N needs at most this much more than the smallest. */
export const RSS_FLAT_FACTOR = 1.5;
const BATCH = 5000; // the indexer's default batch size
const DIRECT_ATTEMPTS = 2;

/**
 * Ingests `feed` with the indexer CLI into `index` (no live index before: every run
 * starts from an empty Meilisearch), then exports the published documents.
 */
export async function ingestWithCli({ ctx, meili, api, feed, index, log }) {
  const reportFile = join(ctx.tmp, `report-${index}-${Date.now()}.json`);
  const r = await runMeasured(process.execPath, [ctx.paths.indexerBin, 'ingest', feed, '--meili-url', meili.url, '--index', index, '--force', '--report', reportFile], {
    env: { ...process.env, MEILI_MASTER_KEY: meili.masterKey },
    cwd: ctx.root,
  });
  let report = null;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8'));
  } catch {
    // reported below
  }
  if (!report || (r.exitCode !== 0 && r.exitCode !== 1) || report.published === false) {
    throw new Error(`indexer ingest of ${feed} failed (exit ${r.exitCode ?? r.signal})${report?.refused ? `: ${report.refused.message}` : ''}\n${r.stderr.slice(-2000)}`);
  }
  const documents = await api.documentCount(index);
  log(`  indexer: ${fmtInt(report.accepted)} accepted, ${fmtInt(report.rejected)} rejected, ${fmtInt(documents)} documents in ${(r.wallMs / 1000).toFixed(1)} s, peak RSS ${fmtBytes(r.peakRssBytes)}`);
  return { wallMs: r.wallMs, peakRssBytes: r.peakRssBytes, rssSource: r.rssSource, accepted: report.accepted, rejected: report.rejected, documents, reportDurationMs: report.durationMs ?? null };
}

/** Creates `index` with the shared settings, posts every batch, waits for every task. */
export async function directLoad({ api, batches, index }) {
  await api.deleteIndex(index);
  const started = performance.now();
  await api.createIndex(index);
  const tasks = [];
  for (const body of batches) tasks.push((await api.request('POST', `/indexes/${index}/documents?primaryKey=id`, body, 'application/x-ndjson')).taskUid);
  for (const uid of tasks) await api.waitTask(uid);
  const wallMs = performance.now() - started;
  return { wallMs, documents: await api.documentCount(index) };
}

export async function runIngestSection({ ctx, meili, api, feeds, sizes, liveIndex, log }) {
  const rows = [];
  for (const n of sizes) {
    log(`ingest N=${fmtInt(n)}`);
    // Every measurement starts from an empty Meilisearch (same conditions for both sides).
    await api.deleteAllIndexes();
    const cli = await ingestWithCli({ ctx, meili, api, feed: feeds[n], index: liveIndex, log });
    const batches = await api.exportNdjsonBatches(liveIndex, BATCH);
    // Keep the live index (the last, largest one is what the search bench uses) but let
    // nothing else run in Meilisearch while the baseline is timed.
    // Best of two: how Meilisearch's auto-batching splits the queued batches varies from run
    // to run, and the faster run is the stricter baseline for the indexer.
    const attempts = [];
    for (let i = 0; i < DIRECT_ATTEMPTS; i++) {
      const run = await directLoad({ api, batches, index: 'bench_direct' });
      if (run.documents !== cli.documents) throw new Error(`direct load holds ${run.documents} documents, the indexer published ${cli.documents}`);
      await api.deleteIndex('bench_direct');
      attempts.push(run);
    }
    const direct = attempts.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
    log(`  direct:  ${fmtInt(direct.documents)} documents in ${attempts.map((a) => `${(a.wallMs / 1000).toFixed(1)} s`).join(' / ')} (best of ${DIRECT_ATTEMPTS})`);
    const ratio = cli.wallMs / direct.wallMs;
    rows.push({
      n,
      records: n,
      documents: cli.documents,
      rejected: cli.rejected,
      ingestSeconds: round(cli.wallMs / 1000, 2),
      ingestRecordsPerSecond: round(n / (cli.wallMs / 1000), 0),
      peakRssBytes: cli.peakRssBytes,
      rssSource: cli.rssSource,
      directSeconds: round(direct.wallMs / 1000, 2),
      directAttemptsSeconds: attempts.map((a) => round(a.wallMs / 1000, 2)),
      directDocumentsPerSecond: round(direct.documents / (direct.wallMs / 1000), 0),
      ratio: round(ratio, 3),
      overheadPercent: round((ratio - 1) * 100, 1),
      goalMet: ratio <= INGEST_GOAL_RATIO,
    });
  }
  const rss = rows.map((r) => r.peakRssBytes).filter((x) => x !== null);
  const rssGrowth = rss.length >= 2 ? rss[rss.length - 1] / rss[0] : null;
  return {
    goal: { maxRatio: INGEST_GOAL_RATIO, rssFlatFactor: RSS_FLAT_FACTOR },
    batchSize: BATCH,
    rows,
    rssGrowth: round(rssGrowth, 3),
    rssFlat: rssGrowth === null ? null : rssGrowth <= RSS_FLAT_FACTOR,
    goalMet: rows.every((r) => r.goalMet),
  };
}

export function ingestTable(section) {
  const table = markdownTable(
    ['N records', 'documents:', 'ingest wall s:', 'records/s:', 'peak RSS:', 'direct wall s (best of 2):', 'docs/s:', 'ingest / direct:', 'overhead:', 'goal ≤ 1.30×'],
    section.rows.map((r) => [
      fmtInt(r.n),
      fmtInt(r.documents),
      r.ingestSeconds.toFixed(1),
      fmtInt(r.ingestRecordsPerSecond),
      fmtBytes(r.peakRssBytes),
      r.directSeconds.toFixed(1),
      fmtInt(r.directDocumentsPerSecond),
      fmtRatio(r.ratio, '×'),
      `${r.overheadPercent >= 0 ? '+' : ''}${r.overheadPercent.toFixed(0)}%`,
      goalCell(r.goalMet),
    ]),
  );
  const rss = section.rssGrowth === null ? 'n/a' : `${fmtRatio(section.rssGrowth, '×')} from the smallest to the largest N (goal flat: ≤ ${RSS_FLAT_FACTOR}×): ${goalCell(section.rssFlat)}`;
  return `${table}\n\nPeak RSS of the indexer process: ${rss}.`;
}
