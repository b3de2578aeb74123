import { defineProject } from 'vitest/config';

// The DOM-free parts of the widgets (the referral session: target, sealing, sending, error
// mapping) in Node; everything with a DOM runs in Chromium (web-test-runner.config.mjs).
export default defineProject({
  resolve: { conditions: ['source'] },
  test: { name: 'widgets', include: ['test/node/**/*.test.ts'], testTimeout: 30_000 },
});
