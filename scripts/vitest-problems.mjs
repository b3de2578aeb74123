// A Vitest reporter for `npm test` (scripts/test.mjs): writes what failed or was skipped,
// with the first lines of each error, to the file named by SK_PROBLEMS_FILE. Vitest's JSON
// report drops the errors of suites (a failing beforeAll, a broken import); this keeps them,
// so that the last lines of a CI log can name what went wrong.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const firstLines = (errors) =>
  errors
    .map((e) => `${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message ?? String(e)}`)
    .join('\n')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, 6);

export default class ProblemsReporter {
  onTestRunEnd(testModules, unhandledErrors) {
    const problems = [];
    for (const m of testModules) {
      const file = relative(process.cwd(), m.moduleId);
      if (m.errors().length) problems.push({ file, what: 'the file failed', lines: firstLines(m.errors()) });
      for (const s of m.children.allSuites()) if (s.errors().length) problems.push({ file, what: `the suite "${s.fullName}" failed`, lines: firstLines(s.errors()) });
      for (const t of m.children.allTests()) {
        const r = t.result();
        if (r.state === 'passed') continue;
        problems.push({ file, what: `${r.state}: ${t.fullName}`, lines: firstLines(r.errors ?? []) });
      }
    }
    if (unhandledErrors.length) problems.push({ file: '(none)', what: 'unhandled errors', lines: firstLines(unhandledErrors) });
    if (process.env.SK_PROBLEMS_FILE) writeFileSync(process.env.SK_PROBLEMS_FILE, JSON.stringify(problems, null, 2) + '\n');
  }
}
