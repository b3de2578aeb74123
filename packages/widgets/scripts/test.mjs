// `pnpm test`: the browser tests (web-test-runner in Debian's Chromium) against a real
// search API and Meilisearch. Builds what the tests load first when it is missing:
// the workspace packages the test back end imports, and this package's CDN bundle.
// The summary for the root runner is .test-results/summary.json ({ passed, failed }).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const summaryFile = join(pkgDir, '.test-results/summary.json');
const run = (cmd, args) => spawnSync(cmd, args, { cwd: pkgDir, stdio: 'inherit' }).status ?? 1;

function fail(message) {
  console.error(message);
  mkdirSync(dirname(summaryFile), { recursive: true });
  writeFileSync(summaryFile, JSON.stringify({ passed: 0, failed: 1 }) + '\n');
  process.exit(1);
}

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) fail(`Chromium not found at ${chromium}: apt-get install chromium, or set CHROMIUM_PATH.`);

const depsBuilt = ['schema', 'meili', 'search-api', 'db', 'sealing'].every((p) => existsSync(join(pkgDir, '..', p, 'dist/index.js')));
if (!depsBuilt && run('pnpm', ['--filter', '@sociale-kaart/widgets^...', 'build']) !== 0) fail('Building the workspace packages the tests need failed.');
if (!existsSync(join(pkgDir, 'dist/cdn/sociale-kaart.js')) && run('node', ['scripts/build.mjs']) !== 0) fail('Building the widgets failed.');

const status = run(join(pkgDir, 'node_modules/.bin/web-test-runner'), ['--config', 'web-test-runner.config.mjs']);
if (!existsSync(summaryFile)) fail('web-test-runner ended without a summary.');
process.exit(status);
