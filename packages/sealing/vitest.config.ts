import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['source'] },
  // PBKDF2 at 600,000 iterations and a real Chromium take a few seconds on a shared machine.
  test: { name: 'sealing', include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
