import { Meilisearch } from 'meilisearch';
import type { EnqueuedTask, Settings, Task } from 'meilisearch';
import { ACTIVITY_PRIMARY_KEY, activityIndexSettings } from './settings.js';

export interface MeiliClientOptions {
  /** Base URL, e.g. `http://127.0.0.1:7700`. */
  url: string;
  /** Master key or an API key. Server side only: never hand it to a browser. */
  apiKey?: string;
  /** Timeout of each HTTP request in milliseconds (default 10 000). */
  timeoutMs?: number;
}

export function createMeiliClient({ url, apiKey, timeoutMs = 10_000 }: MeiliClientOptions): Meilisearch {
  return new Meilisearch({
    host: url,
    ...(apiKey === undefined ? {} : { apiKey }),
    timeout: timeoutMs,
    clientAgents: ['sociale-kaart'],
  });
}

/** A task that Meilisearch finished without success. `task` holds the full task object. */
export class MeiliTaskError extends Error {
  override name = 'MeiliTaskError';
  readonly task: Task;
  /** Meilisearch's error code, e.g. `invalid_document_id`; undefined for a canceled task. */
  readonly code: string | undefined;

  constructor(task: Task) {
    const what = `Meilisearch task ${task.uid} (${task.type}${task.indexUid ? ` on index "${task.indexUid}"` : ''})`;
    const message =
      task.status === 'failed'
        ? `${what} failed: ${task.error?.message ?? 'no error message'}${task.error?.code ? ` [${task.error.code}]` : ''}`
        : `${what} was ${task.status}${task.canceledBy == null ? '' : ` by task ${task.canceledBy}`}`;
    super(message);
    this.task = task;
    this.code = task.error?.code;
  }
}

export interface WaitForTaskOptions {
  /** Give up after this many milliseconds (default 60 000). Large imports need more. */
  timeoutMs?: number;
  /** Poll interval in milliseconds (default 50). */
  intervalMs?: number;
}

/**
 * Waits until a task is finished and returns it when it succeeded.
 * A failed or canceled task also "finishes", so its final status is checked here and
 * turned into a {@link MeiliTaskError} carrying Meilisearch's own error message.
 */
export async function waitForTask(
  client: Meilisearch,
  task: number | Pick<EnqueuedTask, 'taskUid'>,
  { timeoutMs = 60_000, intervalMs = 50 }: WaitForTaskOptions = {},
): Promise<Task> {
  const taskUid = typeof task === 'number' ? task : task.taskUid;
  const finished = await client.tasks.waitForTask(taskUid, { timeout: timeoutMs, interval: intervalMs });
  if (finished.status !== 'succeeded') throw new MeiliTaskError(finished);
  return finished;
}

/**
 * Puts the activity index settings (or `settings`) on `indexUid` and waits for the task.
 * Meilisearch creates the index when it does not exist yet.
 */
export async function applySettings(
  client: Meilisearch,
  indexUid: string,
  { settings = activityIndexSettings(), timeoutMs = 60_000 }: { settings?: Settings; timeoutMs?: number } = {},
): Promise<Task> {
  const enqueued = await client.index(indexUid).updateSettings(settings);
  return waitForTask(client, enqueued, { timeoutMs });
}

/**
 * Creates an empty activity index with primary key `id` and the activity settings, e.g. the
 * staging index of a reindex. Fails with {@link MeiliTaskError} when the index exists.
 */
export async function createActivityIndex(
  client: Meilisearch,
  indexUid: string,
  { timeoutMs = 60_000 }: { timeoutMs?: number } = {},
): Promise<void> {
  const created = await client.createIndex(indexUid, { primaryKey: ACTIVITY_PRIMARY_KEY });
  await waitForTask(client, created, { timeoutMs });
  await applySettings(client, indexUid, { timeoutMs });
}
