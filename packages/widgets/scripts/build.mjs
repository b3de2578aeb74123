// Builds the package: ESM per module for npm (lit and leaflet stay imports), the
// single-file CDN bundle (Lit inside, map as a lazy chunk), type declarations and
// custom-elements.json; then reports gzip sizes and enforces the CDN budget.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { build } from 'vite';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(pkgDir, 'node_modules/.bin', name);
/** The CDN entry (every element, without the map and the referral dialog) must stay at or under this many gzip bytes. */
const CDN_BUDGET = 30 * 1024;

rmSync(join(pkgDir, 'dist'), { recursive: true, force: true });

const common = {
  root: pkgDir,
  configFile: false,
  logLevel: 'warn',
  // Lit ships a development build behind the "development" condition; never pick it.
  resolve: { conditions: ['browser', 'module', 'import', 'production', 'default'] },
  esbuild: { legalComments: 'none' },
};

// npm: one ESM file per source module, dependencies left as imports.
await build({
  ...common,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: { entry: { index: 'src/index.ts' }, formats: ['es'] },
    rollupOptions: {
      input: {
        index: 'src/index.ts',
        'finder/define': 'src/finder/define.ts',
        'finder/finder': 'src/finder/finder.ts',
        'referral-button/define': 'src/referral-button/define.ts',
        'referral-button/referral-button': 'src/referral-button/referral-button.ts',
        'welzijnsrecept/define': 'src/welzijnsrecept/define.ts',
        'welzijnsrecept/welzijnsrecept': 'src/welzijnsrecept/welzijnsrecept.ts',
        'referral-status/define': 'src/referral-status/define.ts',
        'referral-status/referral-status': 'src/referral-status/referral-status.ts',
      },
      external: (id) => /^(lit|@lit\/|lit-html|lit-element|@lit-labs\/)/.test(id) || (/^leaflet(\/|$)/.test(id) && !id.includes('?')),
      output: {
        preserveModules: true,
        preserveModulesRoot: 'src',
        // Leaflet's CSS is inlined as a string module; give it a tidy name instead of a pnpm store path.
        entryFileNames: (chunk) => (chunk.name.includes('node_modules') ? `vendor/${chunk.name.split('/').pop()}.js` : '[name].js'),
      },
    },
  },
});

// CDN: everything inside one file except the map and the referral dialog, chunks loaded on demand.
await build({
  ...common,
  base: './',
  // Lit's html`` and css`` templates keep their indentation and comments unless minified. Runs of
  // whitespace in html become one space, never none (conservativeCollapse), so no rendered text
  // changes; css goes through lightningcss. heading.ts builds tags with lit/static-html, which the
  // minifier cannot parse.
  plugins: [
    minifyLiterals({
      include: ['src/**/*.ts'],
      exclude: ['src/internal/heading.ts'],
      failOnError: true,
      options: {
        minifyOptions: { caseSensitive: true, collapseWhitespace: true, conservativeCollapse: true, removeComments: true, decodeEntities: false, minifyCSS: { minify: true } },
      },
    }),
  ],
  build: {
    outDir: 'dist/cdn',
    emptyOutDir: false,
    target: 'es2022',
    minify: 'esbuild',
    sourcemap: true,
    modulePreload: false,
    copyPublicDir: false,
    rollupOptions: {
      input: { 'sociale-kaart': 'src/index.ts' },
      // Let the entry export internals to the map chunk, so Lit stays in the one entry file.
      preserveEntrySignatures: 'allow-extension',
      // The finder imports the button's registration on demand (for npm users of the finder
      // alone); in this bundle the entry has it already, which is what we want.
      onwarn(warning, warn) {
        if (/referral-button\/define\.ts is dynamically imported/.test(warning.message)) return;
        warn(warning);
      },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});

execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], { cwd: pkgDir, stdio: 'inherit' });
execFileSync(bin('cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs'], { cwd: pkgDir, stdio: 'inherit' });

function files(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}
const cdnDir = join(pkgDir, 'dist/cdn');
const rows = files(cdnDir)
  .filter((f) => f.endsWith('.js'))
  .map((f) => {
    const buf = readFileSync(f);
    return { file: relative(cdnDir, f), bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  });
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log('\nCDN bundle (dist/cdn):');
for (const r of rows) console.log(`  ${r.file.padEnd(40)} ${kb(r.bytes).padStart(10)}   gzip ${kb(r.gzip).padStart(8)}`);
const entry = rows.find((r) => r.file === 'sociale-kaart.js');
writeFileSync(join(pkgDir, 'dist/sizes.json'), JSON.stringify({ budgetGzip: CDN_BUDGET, files: rows }, null, 2) + '\n');
if (!entry) throw new Error('dist/cdn/sociale-kaart.js was not built');
console.log(`\nCDN entry: ${kb(entry.gzip)} gzip (budget ${kb(CDN_BUDGET)})`);
if (entry.gzip > CDN_BUDGET) {
  console.error(`CDN entry is over budget by ${kb(entry.gzip - CDN_BUDGET)}.`);
  process.exit(1);
}
