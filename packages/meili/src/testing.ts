import type { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll } from 'vitest';
import { createMeiliClient } from './client.js';
import { startMeilisearch, type ManagedMeilisearch, type StartMeilisearchOptions } from './managed.js';

export interface MeiliTestContext {
  readonly url: string;
  readonly masterKey: string;
  /** A client with the master key. */
  readonly client: Meilisearch;
  /** The running instance (pid, dbPath, logFile, …). */
  readonly server: ManagedMeilisearch;
}

/**
 * Starts one real Meilisearch for the current suite (beforeAll) and stops it (afterAll).
 * The returned object's fields can be read from hooks and tests, not at collection time.
 *
 * @example
 * const meili = useMeilisearch();
 * it('searches', async () => { await meili.client.index('x').search('') });
 */
export function useMeilisearch(options: StartMeilisearchOptions = {}): MeiliTestContext {
  let server: ManagedMeilisearch | undefined;
  let client: Meilisearch | undefined;

  beforeAll(async () => {
    server = await startMeilisearch(options);
    client = createMeiliClient({ url: server.url, apiKey: server.masterKey });
  });
  afterAll(async () => {
    await server?.stop();
    server = undefined;
    client = undefined;
  });

  const started = (): { server: ManagedMeilisearch; client: Meilisearch } => {
    if (!server || !client) throw new Error('useMeilisearch(): Meilisearch is not running; read its fields inside hooks or tests, not at collection time');
    return { server, client };
  };
  return {
    get url() {
      return started().server.url;
    },
    get masterKey() {
      return started().server.masterKey;
    },
    get client() {
      return started().client;
    },
    get server() {
      return started().server;
    },
  };
}
