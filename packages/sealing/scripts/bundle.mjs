// Browser bundles of the package, as a site would ship them: minified ESM, one per entry.
// Used by the Chromium test (which serves them) and by `pnpm --filter @sociale-kaart/sealing size`.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const src = (file) => fileURLToPath(new URL(`../src/${file}`, import.meta.url));

/** The entries: `seal` is what the GP's browser loads, `full` what the coach's inbox loads. */
export const ENTRIES = { seal: src('seal.ts'), full: src('index.ts') };

/** @returns {Promise<Record<keyof ENTRIES, string>>} the code of each bundle */
export async function bundle({ external = [] } = {}) {
  const out = {};
  for (const [name, entry] of Object.entries(ENTRIES)) {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      conditions: ['source'],
      external,
      write: false,
      logLevel: 'silent',
    });
    out[name] = result.outputFiles[0].text;
  }
  return out;
}

export const gzipSize = (code) => gzipSync(code, { level: 9 }).length;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
  const alone = await bundle();
  // The referral dialog's chunk already has zod and the schema package, so count them out too.
  const beside = await bundle({ external: ['zod', '@sociale-kaart/schema'] });
  for (const name of Object.keys(ENTRIES)) {
    console.log(`${name}: ${kb(alone[name].length)} min, ${kb(gzipSize(alone[name]))} gzip; without zod and the schema: ${kb(gzipSize(beside[name]))} gzip`);
  }
}
