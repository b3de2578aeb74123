/**
 * ingest: inputs → a fresh staging index with the shared settings → checks (guards) →
 * one `swapIndexes` call → the old data deleted. Searches during an ingest see the old or
 * the new data, never a mix and never an empty index. Every Meilisearch task is awaited
 * and its final status checked (a failed task still "finishes").
 */
import { randomBytes } from 'node:crypto';
import type { Meilisearch } from 'meilisearch';
import { ACTIVITY_INDEX_UID, createActivityIndex, createMeiliClient, documentLine, waitForTask } from '@sociale-kaart/meili';
import { liveSourceCounts, refusal, sourceCounts } from './guards.js';
import { acquireIngestLock, type IngestLockOptions } from './lock.js';
import { ReportCollector, activitiesOf, type InputLike, type ProcessOptions } from './pipeline.js';
import type { IngestReport } from './report.js';

export interface IngestOptions extends ProcessOptions {
  inputs: readonly InputLike[];
  /** Meilisearch URL (default `MEILI_URL` or http://127.0.0.1:7700). */
  meiliUrl?: string;
  /** Meilisearch key with index rights (default `MEILI_MASTER_KEY`). Server side only. */
  meiliKey?: string;
  /** A ready client instead of meiliUrl/meiliKey. */
  client?: Meilisearch;
  /** The live index (default "activities"). */
  index?: string;
  /** Publish even when a guard says no (too many rejected, the index or a source shrinking). */
  force?: boolean;
  /** Documents per addDocuments call (default 5,000). */
  batchSize?: number;
  /** Batches that may wait in Meilisearch's queue at once (default 64). */
  maxQueuedBatches?: number;
  /** Timeout for one Meilisearch task in ms (default 10 minutes). */
  taskTimeoutMs?: number;
  lock?: IngestLockOptions;
  /** Lines for people (what happens, guard reasons). Default: nothing. */
  log?: (line: string) => void;
  /**
   * Documents published elsewhere that belong in the index too: the portal's activities from
   * the database (already validated when they were saved). Counted per source like the inputs,
   * so the per-source guards apply to them as well.
   */
  extraDocuments?: AsyncIterable<Record<string, unknown>>;
}

/** Meilisearch went wrong (unreachable, a task failed, the lock was not free): nothing was published. */
export class IngestError extends Error {
  override name = 'IngestError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export const DEFAULT_MEILI_URL = 'http://127.0.0.1:7700';

function stagingUid(index: string): string {
  return `${index}__staging_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

async function documentCount(client: Meilisearch, index: string): Promise<number | null> {
  try {
    return (await client.index(index).getStats()).numberOfDocuments;
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code === 'index_not_found') return null;
    throw err;
  }
}

/**
 * Reads, validates and publishes the inputs. Resolves with the report in every case where
 * Meilisearch did its part (published, refused by a guard, unreadable input); rejects with
 * an {@link IngestError} when Meilisearch failed, in which case the live index is untouched.
 *
 * @example
 * const report = await ingest({ inputs: ['examples/feeds/utrecht.json'], meiliUrl, meiliKey, index: 'activities' });
 * if (!report.published) console.error(report.refused?.message);
 */
export async function ingest(options: IngestOptions): Promise<IngestReport> {
  const index = options.index ?? ACTIVITY_INDEX_UID;
  const log = options.log ?? (() => {});
  const batchSize = options.batchSize ?? 5_000;
  const maxQueuedBatches = Math.max(1, options.maxQueuedBatches ?? 64);
  const taskTimeoutMs = options.taskTimeoutMs ?? 10 * 60_000;
  const client =
    options.client ??
    createMeiliClient({
      url: options.meiliUrl ?? process.env.MEILI_URL ?? DEFAULT_MEILI_URL,
      ...((options.meiliKey ?? process.env.MEILI_MASTER_KEY) ? { apiKey: options.meiliKey ?? process.env.MEILI_MASTER_KEY } : {}),
      timeoutMs: 60_000,
    });
  const wait = (task: { taskUid: number }) => waitForTask(client, task, { timeoutMs: taskTimeoutMs, intervalMs: 50 });

  let lock;
  try {
    lock = await acquireIngestLock(client, index, {
      ...options.lock,
      onWait: (holder) => {
        log(`waiting for another ingest on "${index}"${holder ? ` (pid ${holder.pid} on ${holder.host})` : ''}…`);
        options.lock?.onWait?.(holder);
      },
    });
  } catch (err) {
    throw new IngestError(`could not lock index "${index}": ${(err as Error).message}`, { cause: err });
  }

  const collector = new ReportCollector();
  let staging: string | null = null;
  try {
    // Staging indexes of crashed runs: nobody else uses them while we hold the lock.
    const leftovers = (await client.getIndexes({ limit: 1000 })).results.map((i) => i.uid).filter((uid) => uid.startsWith(`${index}__staging_`));
    for (const uid of leftovers) await wait(await client.deleteIndex(uid));

    const live = await documentCount(client, index);
    const previousDocuments = live ?? 0;
    staging = stagingUid(index);
    await createActivityIndex(client, staging, { timeoutMs: taskTimeoutMs });

    // Each document is serialised as it arrives (one ndjson line, with its revision: meili
    // `revision.ts`) and the object dropped, so
    // a batch holds compact strings, not documents. Batches are queued in Meilisearch
    // without waiting for the previous one (it batches queued additions together); at
    // most `maxQueuedBatches` wait at once, and every task is awaited before the checks.
    const pending: Array<{ taskUid: number }> = [];
    const perSource = new Map<string, number>();
    let lines: string[] = [];
    const flush = async () => {
      if (lines.length === 0) return;
      const body = lines.join('\n');
      lines = [];
      pending.push(await client.index(staging!).addDocumentsFromString(body, 'application/x-ndjson', { primaryKey: 'id' }));
      while (pending.length > maxQueuedBatches) await wait(pending.shift()!);
    };
    for await (const doc of activitiesOf(options.inputs, collector, options)) {
      perSource.set(doc.source, (perSource.get(doc.source) ?? 0) + 1);
      lines.push(documentLine(doc));
      if (lines.length >= batchSize) await flush();
    }
    const extraSources: string[] = [];
    let extraCount = 0;
    for await (const doc of options.extraDocuments ?? []) {
      const source = String(doc.source);
      if (!perSource.has(source)) extraSources.push(source);
      perSource.set(source, (perSource.get(source) ?? 0) + 1);
      extraCount++;
      lines.push(documentLine(doc));
      if (lines.length >= batchSize) await flush();
    }
    await flush();
    while (pending.length > 0) await wait(pending.shift()!);

    const finished = collector.finish();
    const report = { ...finished, documents: finished.documents + extraCount };
    const runSources = [...report.inputs.map((i) => i.source), ...extraSources];
    const liveCounts = live === null ? new Map<string, number>() : await liveSourceCounts(client, index, runSources);
    const sources = sourceCounts(runSources, liveCounts, perSource);
    const base: Omit<IngestReport, 'published' | 'exitCode'> = { ...report, index, previousDocuments, sources };
    const indexed = (await documentCount(client, staging)) ?? 0;
    if (indexed !== report.documents) {
      throw new IngestError(`staging index holds ${indexed} documents, expected ${report.documents}`);
    }

    const refuse = async (refused: NonNullable<IngestReport['refused']>, exitCode: number): Promise<IngestReport> => {
      await wait(await client.deleteIndex(staging!));
      staging = null;
      log(`not published: ${refused.message}`);
      return { ...base, durationMs: collector.finish().durationMs, published: false, refused, exitCode };
    };

    const unreadable = report.inputs.filter((i) => i.error !== undefined);
    if (unreadable.length > 0) {
      return refuse({ code: 'unreadable_input', message: `${unreadable.length} input(s) could not be read: ${unreadable.map((i) => i.input).join(', ')}; live index "${index}" left untouched` }, 2);
    }
    const guard = options.force ? null : refusal(report, previousDocuments, sources, index);
    if (guard) return refuse(guard, 3);

    if (live !== null) {
      await wait(await client.swapIndexes([{ indexes: [index, staging], rename: false }]));
      // After the swap the staging uid holds the old data.
      await wait(await client.deleteIndex(staging));
    } else {
      await wait(await client.swapIndexes([{ indexes: [staging, index], rename: true }]));
    }
    staging = null;
    log(`published ${report.documents} documents to "${index}"`);
    return { ...base, durationMs: collector.finish().durationMs, published: true, exitCode: report.rejected > 0 ? 1 : 0 };
  } catch (err) {
    if (staging) await client.deleteIndex(staging).then(wait, () => {}).catch(() => {});
    if (err instanceof IngestError) throw err;
    throw new IngestError(`ingest into "${index}" failed: ${(err as Error).message}`, { cause: err });
  } finally {
    await lock.release().catch(() => {});
  }
}
