import { defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';

// Tests run in Vite's server (ssr) environment, which reads ssr.resolve.conditions rather
// than resolve.conditions: both list 'source' so workspace packages resolve to their src.
export default defineProject({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  test: { name: 'indexer', include: ['test/**/*.test.ts'], testTimeout: 60000, hookTimeout: 60000 },
});
