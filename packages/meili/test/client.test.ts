import { describe, expect, it } from 'vitest';
import { MeiliTaskError, applySettings, createActivityIndex, createMeiliClient, waitForTask } from '../src/index.js';
import { useMeilisearch } from '../src/testing.js';

const meili = useMeilisearch();

describe('waitForTask', () => {
  it('returns the task when it succeeded', async () => {
    const enqueued = await meili.client.createIndex('ok-index', { primaryKey: 'id' });
    const task = await waitForTask(meili.client, enqueued);
    expect(task.status).toBe('succeeded');
    expect(task.type).toBe('indexCreation');
    expect((await waitForTask(meili.client, enqueued.taskUid)).uid).toBe(enqueued.taskUid);
  });

  it('throws MeiliTaskError with Meilisearch’s message when a task failed', async () => {
    // The task is accepted (202) and only fails while processing: "not a valid id!" has spaces.
    const enqueued = await meili.client.index('bad-docs').addDocuments([{ id: 'not a valid id!', title: 'x' }], { primaryKey: 'id' });
    const error = await waitForTask(meili.client, enqueued).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeiliTaskError);
    const taskError = error as MeiliTaskError;
    expect(taskError.code).toBe('invalid_document_id');
    expect(taskError.task.status).toBe('failed');
    expect(taskError.message).toMatch(/^Meilisearch task \d+ \(documentAdditionOrUpdate on index "bad-docs"\) failed: /);
    expect(taskError.message).toContain('not a valid id!');
    expect(taskError.message).toContain('[invalid_document_id]');
  });

  it('throws when a task was canceled', async () => {
    // Pausing the queue is not possible, so enqueue many tasks and cancel the last one
    // before the scheduler gets to it; retry a few times in case it was already processed.
    let canceled: MeiliTaskError | undefined;
    for (let attempt = 0; attempt < 5 && !canceled; attempt++) {
      const tasks = await Promise.all(
        Array.from({ length: 20 }, (_, i) => meili.client.index('cancel-me').addDocuments([{ id: `d${attempt}-${i}` }], { primaryKey: 'id' })),
      );
      const last = tasks.at(-1)!;
      const cancel = await meili.client.tasks.cancelTasks({ uids: [last.taskUid] });
      await waitForTask(meili.client, cancel);
      const outcome = await waitForTask(meili.client, last).catch((e: unknown) => e);
      if (outcome instanceof MeiliTaskError) canceled = outcome;
    }
    expect(canceled).toBeInstanceOf(MeiliTaskError);
    expect(canceled!.message).toMatch(/was canceled by task \d+/);
  });

  it('gives up after timeoutMs', async () => {
    const enqueued = await meili.client.index('slow').addDocuments(
      Array.from({ length: 20_000 }, (_, i) => ({ id: `doc-${i}`, text: `document number ${i} `.repeat(20) })),
      { primaryKey: 'id' },
    );
    await expect(waitForTask(meili.client, enqueued, { timeoutMs: 1, intervalMs: 1 })).rejects.toThrow(/timeout|timed out/i);
    await waitForTask(meili.client, enqueued, { timeoutMs: 60_000 });
  });
});

describe('createMeiliClient', () => {
  it('sends the API key, and a wrong key is refused', async () => {
    expect(await createMeiliClient({ url: meili.url, apiKey: meili.masterKey }).isHealthy()).toBe(true);
    await expect(createMeiliClient({ url: meili.url, apiKey: 'wrong-key-wrong-key' }).getIndexes()).rejects.toThrow(/invalid/i);
  });
});

describe('createActivityIndex and applySettings', () => {
  it('creates an index with primary key id and the activity settings; a second create fails', async () => {
    await createActivityIndex(meili.client, 'activities_staging');
    const index = await meili.client.getIndex('activities_staging');
    expect(index.primaryKey).toBe('id');
    expect(await index.getSearchableAttributes()).toEqual(['title', 'needLabels', 'categoryLabels', 'summary', 'organization.name', 'description']);
    const again = await createActivityIndex(meili.client, 'activities_staging').catch((e: unknown) => e);
    expect(again).toBeInstanceOf(MeiliTaskError);
    expect((again as MeiliTaskError).code).toBe('index_already_exists');
  });

  it('applySettings rejects settings Meilisearch refuses', async () => {
    await expect(
      applySettings(meili.client, 'activities_bad', { settings: { rankingRules: ['words', 'no_such_rule'] } }),
    ).rejects.toThrow(/no_such_rule/);
  });
});
