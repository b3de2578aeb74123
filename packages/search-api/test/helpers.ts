import { beforeAll, afterAll } from 'vitest';
import { createActivityIndex, waitForTask, withRevision } from '@sociale-kaart/meili';
import { useMeilisearch, type MeiliTestContext } from '@sociale-kaart/meili/testing';
import type { StartMeilisearchOptions } from '@sociale-kaart/meili';
import type { Activity } from '@sociale-kaart/schema';
import { createApp, type AppDeps } from '../src/app.js';
import { createMeiliBackend, type SearchBackend } from '../src/backend.js';
import { defaultConfig, type ApiConfig } from '../src/config.js';
import { Metrics } from '../src/metrics.js';

export const INDEX = 'activities';

export interface ApiTestContext {
  meili: MeiliTestContext;
  readonly app: ReturnType<typeof createApp>;
  readonly backend: SearchBackend;
  readonly logs: Array<Record<string, unknown>>;
  readonly metrics: Metrics;
  get(path: string, init?: RequestInit): Promise<Response>;
  json<T = any>(path: string, init?: RequestInit): Promise<{ status: number; body: T; res: Response }>;
}

/** `docs` in `index`, each with its revision, as the indexer and the portal write them (`{ revisions: false }`: as an older indexer did). */
export async function loadActivities(meili: MeiliTestContext, docs: Activity[], index = INDEX, { revisions = true } = {}): Promise<void> {
  await createActivityIndex(meili.client, index);
  for (let i = 0; i < docs.length; i += 5000) {
    const batch = docs.slice(i, i + 5000);
    const task = await meili.client.index(index).addDocuments(revisions ? batch.map((d) => withRevision(d)) : batch, { primaryKey: 'id' });
    await waitForTask(meili.client, task, { timeoutMs: 300_000 });
  }
}

/**
 * A back end that forwards every call to `target()` (read at each call: the real one is made in
 * `beforeAll`), except `overrides`: for tests that count, record or hold calls.
 */
export function forwardingBackend(target: () => SearchBackend, overrides: Partial<Omit<SearchBackend, 'indexUid'>> = {}): SearchBackend {
  return {
    get indexUid() {
      return target().indexUid;
    },
    search: (r) => target().search(r),
    multiSearch: (rs) => target().multiSearch(rs),
    getDocument: (id) => target().getDocument(id),
    getDocuments: (ids, fields) => target().getDocuments(ids, fields),
    indexVersion: (o) => target().indexVersion(o),
    ready: () => target().ready(),
    ...overrides,
  };
}

/** A real Meilisearch with `docs` in the live index, and the app over it. */
export function useApi(
  docs: () => Activity[] | Promise<Activity[]>,
  options: { config?: Partial<ApiConfig>; deps?: Partial<AppDeps>; meili?: StartMeilisearchOptions; load?: (meili: MeiliTestContext) => Promise<void> } = {},
): ApiTestContext {
  // Generous start timeout: several suites (and other packages' tests) start Meilisearch at once.
  const meili = useMeilisearch({ startTimeoutMs: 60_000, ...options.meili });
  let app: ReturnType<typeof createApp> | undefined;
  let backend: (SearchBackend & { close(): void }) | undefined;
  const logs: Array<Record<string, unknown>> = [];
  const metrics = new Metrics();
  beforeAll(async () => {
    if (options.load) await options.load(meili);
    else await loadActivities(meili, await docs());
    backend = createMeiliBackend({ url: meili.url, apiKey: meili.masterKey, index: INDEX, timeoutMs: 2000, onError: (k) => metrics.meiliError(k) });
    app = createApp({
      backend,
      config: defaultConfig({ corsOrigins: ['https://huisarts.example.nl'], rateLimitPerSecond: 0, ...options.config }),
      metrics,
      log: (line) => logs.push(line),
      clock: () => new Date(Date.UTC(2025, 0, 13, 12)),
      ...options.deps,
    });
  });
  afterAll(() => backend?.close());
  const ctx: ApiTestContext = {
    meili,
    get app() {
      return app!;
    },
    get backend() {
      return backend!;
    },
    logs,
    metrics,
    get: async (path, init) => app!.request(path, init),
    json: async (path, init) => {
      const res = await app!.request(path, init);
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, res };
    },
  };
  return ctx;
}
