// Thin Meilisearch HTTP helpers for the bench's own admin work (export, bulk load, cleanup).
import { createActivityIndex, createMeiliClient } from '@sociale-kaart/meili';

export function meiliApi(meili) {
  const client = createMeiliClient({ url: meili.url, apiKey: meili.masterKey, timeoutMs: 120_000 });

  async function request(method, path, body, contentType = 'application/json') {
    const res = await fetch(`${meili.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${meili.masterKey}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : null;
    if (!res.ok) {
      const err = new Error(`Meilisearch ${method} ${path}: ${res.status} ${json?.message ?? text.slice(0, 200)}`);
      err.code = json?.code;
      throw err;
    }
    return json;
  }

  /** Waits for a task and checks its final status (a failed task also "finishes"). */
  async function waitTask(taskUid, timeoutMs = 15 * 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const task = await request('GET', `/tasks/${taskUid}`);
      if (task.status === 'succeeded') return task;
      if (task.status === 'failed' || task.status === 'canceled') {
        const err = new Error(`Meilisearch task ${taskUid} (${task.type}) ${task.status}: ${task.error?.message ?? ''}`);
        err.code = task.error?.code;
        throw err;
      }
      if (Date.now() > deadline) throw new Error(`Meilisearch task ${taskUid} still ${task.status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async function deleteIndex(uid) {
    try {
      const task = await request('DELETE', `/indexes/${encodeURIComponent(uid)}`);
      await waitTask(task.taskUid);
    } catch (err) {
      if (err.code !== 'index_not_found') throw err;
    }
  }

  async function deleteAllIndexes() {
    const { results } = await request('GET', '/indexes?limit=1000');
    for (const { uid } of results) await deleteIndex(uid);
  }

  async function documentCount(uid) {
    return (await request('GET', `/indexes/${encodeURIComponent(uid)}/stats`)).numberOfDocuments;
  }

  /** Every document of an index, as ndjson strings of `batchSize` documents each. */
  async function exportNdjsonBatches(uid, batchSize) {
    const batches = [];
    for (let offset = 0; ; offset += batchSize) {
      const page = await request('POST', `/indexes/${encodeURIComponent(uid)}/documents/fetch`, { offset, limit: batchSize });
      if (page.results.length === 0) break;
      batches.push(page.results.map((d) => JSON.stringify(d)).join('\n'));
      if (page.results.length < batchSize) break;
    }
    return batches;
  }

  /** Same index definition the indexer uses for its staging index. */
  const createIndex = (uid) => createActivityIndex(client, uid, { timeoutMs: 120_000 });

  async function search(uid, params) {
    return request('POST', `/indexes/${encodeURIComponent(uid)}/search`, params);
  }

  return { client, request, waitTask, deleteIndex, deleteAllIndexes, documentCount, exportNdjsonBatches, createIndex, search };
}
