/**
 * One ingest at a time per live index. The lock is an index in Meilisearch itself
 * (`<index>__ingest_lock`): creating an index that exists fails inside Meilisearch's task
 * queue, so two processes, even on two machines, cannot both create it. The holder writes
 * a heartbeat into it; a lock whose heartbeat is older than `staleMs` (a crashed ingest) is
 * taken over.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Meilisearch } from 'meilisearch';
import { MeiliTaskError, waitForTask } from '@sociale-kaart/meili';

export interface IngestLockOptions {
  /** How long to wait for another ingest to finish, in ms (default 10 minutes; 0 = fail at once). */
  timeoutMs?: number;
  /** A lock without a heartbeat for this long is taken over (default 2 minutes). */
  staleMs?: number;
  /** Heartbeat interval (default 15 s). */
  heartbeatMs?: number;
  /** Poll interval while waiting (default 250 ms). */
  pollMs?: number;
  /** Called once when the lock is held by someone else and this ingest starts waiting. */
  onWait?: (holder: LockHolder | null) => void;
}

export interface LockHolder {
  id: 'lock';
  token: string;
  pid: number;
  host: string;
  startedAt: string;
  heartbeatAt: string;
}

export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
  constructor(
    readonly lockIndex: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      `another ingest holds the lock on this index (${lockIndex}${holder ? `, pid ${holder.pid} on ${holder.host} since ${holder.startedAt}` : ''}); try again later or wait longer with --lock-timeout`,
    );
  }
}

export interface IngestLock {
  readonly lockIndex: string;
  release(): Promise<void>;
}

export function lockIndexOf(index: string): string {
  return `${index}__ingest_lock`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function holderOf(client: Meilisearch, lockIndex: string): Promise<{ holder: LockHolder | null; createdAt: number | null } | null> {
  try {
    const info = await client.index(lockIndex).getRawInfo();
    let holder: LockHolder | null = null;
    try {
      holder = (await client.index(lockIndex).getDocument('lock')) as unknown as LockHolder;
    } catch {
      holder = null; // created a moment ago, owner document not written yet
    }
    return { holder, createdAt: Date.parse(info.createdAt as unknown as string) };
  } catch {
    return null; // released meanwhile
  }
}

export async function acquireIngestLock(client: Meilisearch, index: string, options: IngestLockOptions = {}): Promise<IngestLock> {
  const { timeoutMs = 10 * 60_000, staleMs = 2 * 60_000, heartbeatMs = 15_000, pollMs = 250, onWait } = options;
  const lockIndex = lockIndexOf(index);
  const token = randomUUID();
  const started = Date.now();
  let waited = false;
  for (;;) {
    try {
      await waitForTask(client, await client.createIndex(lockIndex, { primaryKey: 'id' }));
      break;
    } catch (err) {
      if (!(err instanceof MeiliTaskError) || err.code !== 'index_already_exists') throw err;
    }
    const state = await holderOf(client, lockIndex);
    if (state) {
      const beat = state.holder ? Date.parse(state.holder.heartbeatAt) : (state.createdAt ?? Date.now());
      if (Date.now() - beat > staleMs) {
        await waitForTask(client, await client.deleteIndex(lockIndex)).catch(() => {});
        continue;
      }
      if (Date.now() - started >= timeoutMs) throw new LockTimeoutError(lockIndex, state.holder);
      if (!waited) {
        waited = true;
        onWait?.(state.holder);
      }
    }
    await sleep(pollMs);
  }

  const now = new Date().toISOString();
  const me: LockHolder = { id: 'lock', token, pid: process.pid, host: hostname(), startedAt: now, heartbeatAt: now };
  await waitForTask(client, await client.index(lockIndex).addDocuments([me]));
  const timer = setInterval(() => {
    client
      .index(lockIndex)
      .updateDocuments([{ id: 'lock', heartbeatAt: new Date().toISOString() }])
      .catch(() => {});
  }, heartbeatMs);
  timer.unref();

  let released = false;
  return {
    lockIndex,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      const state = await holderOf(client, lockIndex);
      // Only remove the lock when it is still ours (it may have been taken over as stale).
      if (state?.holder?.token === token) await waitForTask(client, await client.deleteIndex(lockIndex));
    },
  };
}
