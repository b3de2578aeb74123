import { defineConfig } from 'vitest/config';

// One Vitest run over every Node package; browser tests (widgets, e2e) run in their own runners.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'examples/vitest.config.{ts,mts}'],
  },
});
