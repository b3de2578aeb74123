// `npm test`: every test of the project, browser tests included. Installs what a
// fresh machine lacks (pnpm dependencies, Debian's Chromium when we are root),
// builds the workspace, runs each runner and prints one totals line:
// "N passed, N failed". Exits non-zero on any failure.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath, ensureBuilt, ensureChromium, ensureInstalled, pnpm, root, run } from './lib.mjs';

const resultsDir = join(root, '.test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

ensureInstalled();
ensureChromium();
process.env.CHROMIUM_PATH = chromiumPath;

console.log('\n▶ build');
if (ensureBuilt() !== 0) {
  console.error('Build failed.');
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

process.env.SK_PROBLEMS_FILE = join(resultsDir, 'vitest-problems.json');
/** What the Vitest reporter scripts/vitest-problems.mjs wrote: failed and skipped tests and suites, with their errors. */
function readProblems() {
  if (!existsSync(process.env.SK_PROBLEMS_FILE)) return [];
  return JSON.parse(readFileSync(process.env.SK_PROBLEMS_FILE, 'utf8')).map((p) => `${p.file}: ${p.what}${p.lines.map((l) => `\n      ${l}`).join('')}`);
}

/** Each runner writes a machine-readable summary that we total at the end. */
const runners = [
  {
    name: 'vitest (schema, meili, indexer, search-api, examples)',
    command: [join(root, 'node_modules/.bin/vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(resultsDir, 'vitest.json')}`, `--reporter=${join(root, 'scripts/vitest-problems.mjs')}`]],
    summary() {
      const r = JSON.parse(readFileSync(join(resultsDir, 'vitest.json'), 'utf8'));
      // A suite that fails before its tests run (a broken import, a failing beforeAll) counts as a failure too.
      const brokenSuites = r.testResults.filter((s) => s.status === 'failed' && s.assertionResults.every((a) => a.status !== 'failed')).length;
      return { passed: r.numPassedTests, failed: r.numFailedTests + brokenSuites, skipped: r.numPendingTests + r.numTodoTests, problems: readProblems() };
    },
  },
];
const widgetsPkg = join(root, 'packages/widgets/package.json');
if (existsSync(widgetsPkg) && JSON.parse(readFileSync(widgetsPkg, 'utf8')).scripts?.test) {
  runners.push({
    name: 'web-test-runner (widgets in Chromium)',
    command: null,
    pnpmArgs: ['--filter', '@sociale-kaart/widgets', 'test'],
    summary() {
      return JSON.parse(readFileSync(join(root, 'packages/widgets/.test-results/summary.json'), 'utf8'));
    },
  });
}

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
for (const r of runners) {
  console.log(`\n▶ ${r.name}`);
  const code = r.command ? run(r.command[0], r.command[1]) : pnpm(r.pnpmArgs);
  let s;
  try {
    s = r.summary();
  } catch (e) {
    console.error(`No test summary from ${r.name}: ${e.message}`);
    s = { passed: 0, failed: 0 };
  }
  // A runner that exits non-zero without reporting a failed test still failed.
  if (code !== 0 && !s.failed) s.failed = 1;
  passed += s.passed;
  failed += s.failed;
  skipped += s.skipped ?? 0;
  problems.push(...(s.problems ?? []));
}
// Last, so that the tail of a CI log names them.
if (problems.length) console.error(`\nWhat failed or was skipped:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
if (skipped) {
  console.error(`${skipped} tests were skipped or todo: skipping is not allowed here.`);
  failed += skipped;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
