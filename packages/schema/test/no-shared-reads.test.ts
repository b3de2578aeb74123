import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The team's reference shelf sits beside the repository on the team's machines only. A clone
// has nothing beside it, so no file of the project may reach for it: what is needed is
// vendored in packages/schema/vendor. The patterns are spelled in pieces so this file does
// not match itself.
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const SHELF = 'shared';
const PATTERNS = [
  new RegExp(`\\.\\.[\\\\/]+${SHELF}\\b`), // dot-dot, slash or backslash, the shelf
  new RegExp(`/work/${SHELF}\\b`),
  new RegExp(`['"]\\.\\.['"]\\s*,\\s*['"]${SHELF}['"]`), // a path joined from pieces: '..', then the shelf
];
const TEXT = /\.(?:[cm]?[jt]sx?|json|md|sh|ya?ml|html|css|toml)$|(?:^|\/)(?:run|Dockerfile|\.npmrc)$/;

function offenders(files: readonly string[], read: (file: string) => string): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (!TEXT.test(file) || file.startsWith('packages/schema/vendor/') || file === 'pnpm-lock.yaml') continue;
    read(file)
      .split('\n')
      .forEach((line, i) => {
        if (PATTERNS.some((p) => p.test(line))) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
  }
  return found;
}

describe('no file of the project reads the reference shelf beside the repository', () => {
  it('no tracked source, test, script or document names it', () => {
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
    expect(files.length).toBeGreaterThan(100);
    expect(offenders(files, (f) => readFileSync(join(repoRoot, f), 'utf8'))).toEqual([]);
  });

  it('the check catches each way of writing the path', () => {
    const lines: Record<string, string> = {
      'a.ts': `const x = '../../../../${SHELF}/data/hsds';`,
      'b.mjs': `join(root, '..', '${SHELF}', 'data')`,
      'c.md': `see /work/${SHELF}/data/README.md`,
      '.ci/run': `cp -r ..\\${SHELF}/data x`,
      'd.ts': `const ok = '../${SHELF}Styles';`,
      'packages/schema/vendor/x.json': `"../${SHELF}"`,
    };
    expect(offenders(Object.keys(lines), (f) => lines[f]!).map((l) => l.split(':')[0])).toEqual(['a.ts', 'b.mjs', 'c.md', '.ci/run']);
  });
});
