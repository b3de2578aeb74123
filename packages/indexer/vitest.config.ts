import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['source'] },
  test: { name: 'indexer', include: ['test/**/*.test.ts'], testTimeout: 60000, hookTimeout: 60000 },
});
