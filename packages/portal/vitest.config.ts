import { defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';

// Tests run in Vite's server (ssr) environment, which reads ssr.resolve.conditions rather
// than resolve.conditions: both list 'source' so workspace packages resolve to their src.
export default defineProject({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  // Pages are Hono JSX.
  esbuild: { jsx: 'automatic', jsxImportSource: 'hono/jsx' },
  test: { name: 'portal', include: ['test/**/*.test.ts'], testTimeout: 120000, hookTimeout: 120000 },
});
