/**
 * Incremental publishing: an organisation's change goes to the live Meilisearch index at
 * once (upsert or delete of its documents), so it is searchable within seconds; a full
 * reindex later takes the same documents from the database. Every task's final status is
 * checked: a failed task still "finishes".
 */
import { ACTIVITY_INDEX_UID, createActivityIndex, createMeiliClient, waitForTask, withRevision } from '@sociale-kaart/meili';
import type { Meilisearch } from 'meilisearch';

export interface PublisherOptions {
  url: string;
  apiKey?: string;
  /** The live index (default `activities`). */
  index?: string;
  /** How long to wait for one task (default 10 s). */
  timeoutMs?: number;
}

export class Publisher {
  readonly client: Meilisearch;
  readonly index: string;
  private readonly timeoutMs: number;
  private ready: Promise<void> | null = null;

  constructor(options: PublisherOptions) {
    this.client = createMeiliClient({ url: options.url, ...(options.apiKey ? { apiKey: options.apiKey } : {}) });
    this.index = options.index ?? ACTIVITY_INDEX_UID;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Creates the index with the shared settings when it does not exist yet (a portal before the first ingest). */
  private ensureIndex(): Promise<void> {
    this.ready ??= (async () => {
      try {
        await this.client.getIndex(this.index);
      } catch {
        await createActivityIndex(this.client, this.index, { timeoutMs: 60_000 });
      }
    })().catch((err) => {
      this.ready = null;
      throw err;
    });
    return this.ready;
  }

  /** Adds or replaces documents (each with its revision), and removes `removeIds` (ids an edit no longer produces). */
  async apply(upsert: ReadonlyArray<{ id: string }>, removeIds: readonly string[] = []): Promise<void> {
    const keep = new Set(upsert.map((d) => d.id));
    const remove = [...new Set(removeIds)].filter((id) => !keep.has(id));
    if (upsert.length === 0 && remove.length === 0) return;
    await this.ensureIndex();
    const index = this.client.index(this.index);
    if (upsert.length > 0) await waitForTask(this.client, await index.addDocuments(upsert.map((d) => withRevision(d)), { primaryKey: 'id' }), { timeoutMs: this.timeoutMs });
    if (remove.length > 0) await waitForTask(this.client, await index.deleteDocuments(remove), { timeoutMs: this.timeoutMs });
  }

  async remove(ids: readonly string[]): Promise<void> {
    await this.apply([], ids);
  }
}
