import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['source'] },
  test: { name: 'schema', include: ['test/**/*.test.ts'] },
});
