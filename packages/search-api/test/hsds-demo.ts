/** The demo feeds (examples/feeds) ingested into a real Meilisearch, and the API over them. */
import { join } from 'node:path';
import { expect } from 'vitest';
import { ingest } from '@sociale-kaart/indexer';
import type { Activity } from '@sociale-kaart/schema';
import { useApi, type ApiTestContext } from './helpers.js';

const feeds = join(import.meta.dirname, '..', '..', '..', 'examples', 'feeds');
export const DEMO_INPUTS = [join(feeds, 'hsds-json', 'utrecht.json'), join(feeds, 'hsds-json', 'rotterdam.ndjson'), join(feeds, 'hsds-csv', 'maastricht'), join(feeds, 'csv-template', 'oldambt.csv')];

/** `docs()` is every published activity document, read back from the index. */
export function useDemoApi(): { api: ApiTestContext; docs: () => Activity[] } {
  let all: Activity[] = [];
  const api = useApi(() => [], {
    load: async (meili) => {
      const report = await ingest({ inputs: DEMO_INPUTS, client: meili.client, index: 'activities', force: true });
      expect(report.published).toBe(true);
      all = (await meili.client.index('activities').getDocuments({ limit: 10_000 })).results as unknown as Activity[];
    },
  });
  return { api, docs: () => all };
}
