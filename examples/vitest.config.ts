import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'examples',
    include: ['test/**/*.test.{ts,mjs}', 'demo/**/*.test.{ts,mjs}', 'intake-receiver/**/*.test.{ts,mjs}'],
    testTimeout: 120000,
    hookTimeout: 300000,
    // Browser end-to-end suites start a whole demo each: run files one after another.
    fileParallelism: false,
  },
});
