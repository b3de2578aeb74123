// The inbox pages' browser scripts, bundled with @sociale-kaart/sealing and the schema into
// minified ES modules (a shared chunk and one small entry each), written to dist/assets/ where the portal serves them from.
// Run by `pnpm build` (after tsc); the browser test runs it too, so it serves current code.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
export const BROWSER_ENTRIES = ['inbox', 'referral-key'];
export const ASSETS_DIR = here('../dist/assets');

export async function bundleBrowserScripts() {
  // Chunk names carry a content hash: start empty so no stale chunk is left to serve.
  rmSync(ASSETS_DIR, { recursive: true, force: true });
  await build({
    entryPoints: Object.fromEntries(BROWSER_ENTRIES.map((name) => [name, here(`../src/browser/${name}.ts`)])),
    outdir: ASSETS_DIR,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    // Both pages share zod, the schema and the sealing code: one cached chunk.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    conditions: ['source'],
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleBrowserScripts();
