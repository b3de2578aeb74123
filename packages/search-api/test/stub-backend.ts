import type { SearchBackend } from '../src/backend.js';

/**
 * A search backend for tests about the HTTP layer (limits, problems, docs) that never reach
 * the search itself; everything about search runs against a real Meilisearch (helpers.ts).
 */
export const stubBackend: SearchBackend = {
  indexUid: 'x',
  search: async () => {
    throw new Error('the search is not part of this test');
  },
  multiSearch: async () => [],
  getDocument: async () => null,
  getDocuments: async () => [],
  indexVersion: async () => 'v1',
  ready: async () => true,
};
