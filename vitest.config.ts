import { defineConfig } from 'vitest/config';

// One Vitest run over every Node package; browser tests (widgets, e2e) run in their own runners.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'examples/vitest.config.{ts,mts}'],
    // Vitest's default is one worker less than the cores: one on a 2-core machine. Most test
    // files wait on a server they started (Meilisearch, PostgreSQL, Chromium, a CLI), so two
    // files at a time use the machine instead of waiting (the examples still run one by one).
    maxWorkers: 2,
  },
});
