/**
 * The search engine as the API sees it: a few Meilisearch calls under one deadline per
 * request (see {@link withMeiliDeadline}), and one error type for "Meilisearch is not answering".
 *
 * Requests go through node:http with a keep-alive agent and one write per request.
 * (With fetch/undici, which writes headers and body separately, Meilisearch answers
 * on a kept-alive connection arrive ~40 ms late as soon as the response is more than a
 * few hundred bytes: a Nagle / delayed-ACK stall. node:http does not trigger it.)
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import https from 'node:https';
import { urlToHttpOptions } from 'node:url';
import type { MultiSearchQuery, SearchParams, SearchResponse } from 'meilisearch';
import type { Activity } from '@sociale-kaart/schema';
import { UpstreamUnavailableError } from './http/problem.js';
import { uuidFromName } from './uuid.js';

export type SearchRequest = SearchParams & { q?: string | null };
export type SearchResult<T = Activity> = SearchResponse<T & Record<string, unknown>, SearchParams> & {
  totalHits?: number;
  totalPages?: number;
  estimatedTotalHits?: number;
};

export interface SearchBackend {
  readonly indexUid: string;
  search<T = Activity>(request: SearchRequest): Promise<SearchResult<T>>;
  /** Several searches in one round trip, answered in order. */
  multiSearch<T = Activity>(requests: SearchRequest[]): Promise<Array<SearchResult<T>>>;
  /** One document by id; null when unknown. */
  getDocument<T = Activity>(id: string): Promise<T | null>;
  /** The documents of `ids` that exist (any order), only `fields` of each. */
  getDocuments<T = Activity>(ids: readonly string[], fields: readonly string[]): Promise<T[]>;
  /**
   * Changes whenever the live index changes: `createdAt|updatedAt` of the index, which every
   * write and every swap changes. Cached briefly (ETags), or asked now with `fresh`.
   */
  indexVersion(options?: { fresh?: boolean }): Promise<string>;
  /** Meilisearch reachable and the live index exists. Never throws. */
  ready(): Promise<boolean>;
}

/** Meilisearch answered with an error status. `code` is Meilisearch's error code. */
export class MeiliResponseError extends Error {
  override name = 'MeiliResponseError';
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

const deadlines = new AsyncLocalStorage<number>();

/**
 * Runs `fn` (a request's handling) with one deadline, `ms` from now, shared by every
 * Meilisearch call it makes: a stalled Meilisearch costs a request at most `ms` in total,
 * and a call that would start after the deadline fails at once instead of waiting again.
 */
export function withMeiliDeadline<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  return deadlines.run(Date.now() + ms, fn);
}

export interface MeiliBackendOptions {
  url: string;
  apiKey?: string | undefined;
  index: string;
  /** Per call, and at most what is left of the request's deadline; at most 2000. */
  timeoutMs: number;
  /** Called for every failed call (timeouts, connection errors, 5xx), for metrics. */
  onError?: (kind: 'timeout' | 'connection' | 'status') => void;
  /** How long the index version is cached (default 1000 ms). */
  versionTtlMs?: number;
  retryAfterSeconds?: number;
}

export function createMeiliBackend(options: MeiliBackendOptions): SearchBackend & { close(): void } {
  const base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
  const secure = base.protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: true, maxSockets: 64 }) : new http.Agent({ keepAlive: true, maxSockets: 64 });
  const timeoutMs = Math.min(options.timeoutMs, 2000);
  const indexPath = `indexes/${encodeURIComponent(options.index)}`;
  // Worked out once: host, port and base path of every call (no URL parsed per request).
  const { hostname, port } = urlToHttpOptions(base);
  const basePath = base.pathname;
  const fixedHeaders: Record<string, string> = { accept: 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) };
  const unavailable = () => new UpstreamUnavailableError(options.retryAfterSeconds ?? 5);

  function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = payload ? { ...fixedHeaders, 'content-type': 'application/json', 'content-length': String(payload.length) } : fixedHeaders;
    const deadline = deadlines.getStore();
    const budget = deadline === undefined ? timeoutMs : Math.min(timeoutMs, deadline - Date.now());
    if (budget <= 0) {
      options.onError?.('timeout');
      return Promise.reject(unavailable());
    }
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(err);
      };
      const req = (secure ? https : http).request({ hostname, port, path: `${basePath}${path}`, method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', () => {
          options.onError?.('connection');
          fail(unavailable());
        });
        res.on('end', () => {
          if (settled) return;
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text === '' ? undefined : JSON.parse(text);
          } catch {
            json = undefined;
          }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            settled = true;
            clearTimeout(timer);
            resolve(json as T);
            return;
          }
          if (status >= 500 || status === 0) {
            options.onError?.('status');
            fail(unavailable());
            return;
          }
          const err = json as { code?: string; message?: string } | undefined;
          fail(new MeiliResponseError(status, err?.code, err?.message ?? `HTTP ${status}`));
        });
      });
      const timer = setTimeout(() => {
        options.onError?.('timeout');
        fail(unavailable());
        req.destroy();
      }, budget);
      req.on('error', () => {
        options.onError?.('connection');
        fail(unavailable());
      });
      req.end(payload);
    });
  }

  // Missing index or a key without rights: for callers the search is unavailable, not their fault.
  async function guarded<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof MeiliResponseError && (err.code === 'index_not_found' || err.status === 401 || err.status === 403)) {
        options.onError?.('status');
        throw unavailable();
      }
      throw err;
    }
  }

  let version: { value: string; at: number } | undefined;
  const versionTtl = options.versionTtlMs ?? 1000;

  return {
    indexUid: options.index,
    search<T>(req: SearchRequest) {
      return guarded(() => request<SearchResult<T>>('POST', `${indexPath}/search`, req));
    },
    async multiSearch<T>(requests: SearchRequest[]) {
      if (requests.length === 0) return [];
      const queries: MultiSearchQuery[] = requests.map((r) => ({ ...r, indexUid: options.index }));
      const res = await guarded(() => request<{ results: Array<SearchResult<T>> }>('POST', 'multi-search', { queries }));
      return res.results;
    },
    async getDocument<T>(id: string) {
      try {
        return await guarded(() => request<T>('GET', `${indexPath}/documents/${encodeURIComponent(id)}`));
      } catch (err) {
        if (err instanceof MeiliResponseError && err.code === 'document_not_found') return null;
        throw err;
      }
    },
    async getDocuments<T>(ids: readonly string[], fields: readonly string[]) {
      if (ids.length === 0) return [];
      const res = await guarded(() => request<{ results: T[] }>('POST', `${indexPath}/documents/fetch`, { ids, fields, limit: ids.length }));
      return res.results;
    },
    async indexVersion({ fresh = false } = {}) {
      const now = Date.now();
      if (!fresh && version && now - version.at < versionTtl) return version.value;
      const info = await guarded(() => request<{ uid: string; createdAt: string; updatedAt: string }>('GET', indexPath));
      version = { value: `${info.createdAt}|${info.updatedAt}`, at: now };
      return version.value;
    },
    async ready() {
      try {
        await request('GET', 'health');
        await guarded(() => request('POST', `${indexPath}/search`, { q: '', limit: 0 }));
        return true;
      } catch {
        return false;
      }
    },
    close() {
      agent.destroy();
    },
  };
}

export interface SearchKeyResult {
  key: string | undefined;
  /** What happened, for the start-up log line (never the key itself). */
  note: string;
}

export class SearchKeyError extends Error {
  override name = 'SearchKeyError';
}

export interface DeriveSearchKeyOptions {
  /** Timeout of one call (default 2000 ms). */
  timeoutMs?: number;
  /** Told each time Meilisearch did not answer and the call is retried. */
  onWait?: (attempt: number, delayMs: number) => void;
  /** Give up after this many attempts (default: never; the API has nothing to serve without it). */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Given a master or admin key, returns a key that can only search (and read documents and index
 * metadata) on `index`, creating it once with a stable uid; given a search key already,
 * returns it unchanged. The API never searches with a key that can manage keys: when no
 * search key can be derived this throws a {@link SearchKeyError}, and while Meilisearch does
 * not answer it waits and asks again (a master key is never used "for now").
 */
export async function deriveSearchKey(url: string, key: string | undefined, index: string, options: DeriveSearchKeyOptions = {}): Promise<SearchKeyResult> {
  if (!key) return { key, note: 'no Meilisearch key configured' };
  const { timeoutMs = 2000, onWait, maxAttempts = Number.POSITIVE_INFINITY, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) } = options;
  const base = url.replace(/\/+$/, '');
  const call = async (method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  for (let attempt = 1; ; attempt++) {
    try {
      return await deriveOnce(call, key, index);
    } catch (error) {
      if (error instanceof SearchKeyError || attempt >= maxAttempts) throw error;
      const delay = Math.min(5000, 250 * 2 ** (attempt - 1));
      onWait?.(attempt, delay);
      await sleep(delay);
    }
  }
}

type Call = (method: string, path: string, body?: unknown) => Promise<Response>;

/** One try; a network error or a 5xx rejects with a plain Error (retried), a refusal with SearchKeyError. */
async function deriveOnce(call: Call, key: string, index: string): Promise<SearchKeyResult> {
  const probe = await call('GET', '/keys?limit=1');
  if (probe.status >= 500) throw new Error(`key check answered ${probe.status}`);
  if (probe.status === 401 || probe.status === 403) return { key, note: 'using the configured key (it cannot manage keys: good, it is not a master key)' };
  if (!probe.ok) throw new SearchKeyError(`Meilisearch answered ${probe.status} to the key check`);
  const uid = uuidFromName(`search-key:v2:${index}`);
  const existing = await call('GET', `/keys/${uid}`);
  if (existing.status >= 500) throw new Error(`key lookup answered ${existing.status}`);
  if (existing.ok) {
    const k = (await existing.json()) as { key: string };
    return { key: k.key, note: 'using the derived search key of this index' };
  }
  const created = await call('POST', '/keys', {
    uid,
    name: `sociale-kaart-api (${index})`,
    description: 'Read-only key (search, read documents and index metadata) of the Sociale Kaart search API',
    actions: ['search', 'documents.get', 'indexes.get'],
    indexes: [index],
    expiresAt: null,
  });
  if (created.status >= 500) throw new Error(`key creation answered ${created.status}`);
  if (!created.ok) throw new SearchKeyError(`could not create a search key (Meilisearch answered ${created.status}); refusing to search with a key that can manage keys`);
  const k = (await created.json()) as { key: string };
  return { key: k.key, note: 'created and using a search key for this index' };
}
