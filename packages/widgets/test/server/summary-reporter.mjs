// A web-test-runner reporter that writes { passed, failed, skipped } to
// .test-results/summary.json, for the root `npm test` to total.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

function countSuite(suite, acc) {
  for (const t of suite.tests ?? []) {
    if (t.skipped) acc.skipped++;
    else if (t.passed) acc.passed++;
    else acc.failed++;
  }
  for (const s of suite.suites ?? []) countSuite(s, acc);
}

export function summaryReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const acc = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        const before = acc.failed;
        if (session.testResults) countSuite(session.testResults, acc);
        // A file that failed to load or crashed in a hook fails without a failed test.
        if (!session.passed && acc.failed === before) acc.failed++;
      }
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(acc, null, 2) + '\n');
      console.log(`\nwidgets: ${acc.passed} passed, ${acc.failed} failed${acc.skipped ? `, ${acc.skipped} skipped` : ''}`);
    },
  };
}
