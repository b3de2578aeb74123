// Every shell command that a README in the repository tells a reader to type must run from
// the repository root: `npx sociale-kaart-*` must find the workspace's own CLI (linked at the
// root), never a package of that name in the public registry. Each CLI runs with --help in a
// clean environment; npm and pnpm scripts must exist where the command looks for them.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { commandsIn, planFor, shellWords } from './readme-commands.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

function readmes(dir = root) {
  const skip = new Set(['node_modules', '.git', '.data', 'dist', '.test-results']);
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...readmes(p));
    else if (/^(README|LEESMIJ)\.md$/i.test(entry.name)) out.push(p);
  }
  return out;
}

const workspacePackages = () => {
  const dirs = ['packages', 'examples', 'bench'].flatMap((d) => (d === 'packages' ? readdirSync(join(root, d)).map((p) => join(d, p)) : [d]));
  const byName = new Map();
  for (const d of dirs) {
    const file = join(root, d, 'package.json');
    if (existsSync(file)) byName.set(JSON.parse(readFileSync(file, 'utf8')).name, { dir: d, pkg: JSON.parse(readFileSync(file, 'utf8')) });
  }
  return byName;
};

describe('commands in the READMEs', () => {
  const found = readmes().flatMap((file) => commandsIn(readFileSync(file, 'utf8')).map((command) => ({ file: relative(root, file), command })));
  const plans = found.map((f) => ({ ...f, plan: planFor(f.command) }));
  const home = mkdtempSync(join(tmpdir(), 'sk-readme-home-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('finds the commands (the extractor is not silently blind)', () => {
    const commands = plans.map((p) => p.command);
    expect(commands).toContain('npm start');
    expect(commands.some((c) => c.startsWith('npx sociale-kaart-index validate'))).toBe(true);
    expect(commands.some((c) => c.startsWith('npx sociale-kaart-api'))).toBe(true);
    // Every command is understood: a new kind of command needs a rule here, not a silent pass.
    expect(plans.filter((p) => p.plan.kind === 'unknown').map((p) => `${p.file}: ${p.command}`)).toEqual([]);
  });

  it('npm and pnpm scripts exist in the package the command runs them in', () => {
    const packages = workspacePackages();
    const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const missing = [];
    for (const { file, command, plan } of plans.filter((p) => p.plan.kind === 'script')) {
      const target = plan.filter ? packages.get(plan.filter)?.pkg : rootPkg;
      if (!target) missing.push(`${file}: ${command} (no workspace package ${plan.filter})`);
      else if (!target.scripts?.[plan.script]) missing.push(`${file}: ${command} (no script "${plan.script}" in ${plan.filter ?? 'the root package.json'})`);
    }
    expect(missing).toEqual([]);
  });

  it('every CLI and script file they name runs with --help from the root, in a clean environment', async () => {
    const runnable = new Map();
    for (const { file, command, plan } of plans) {
      if (plan.kind === 'bin' || plan.kind === 'node') runnable.set(`${plan.kind} ${plan.name}`, { file, command, plan });
    }
    expect(runnable.size).toBeGreaterThanOrEqual(3);
    // Only PATH and a fresh HOME; npm is told to stay offline, so an unknown name can never reach the registry.
    const env = { PATH: process.env.PATH, HOME: home, npm_config_offline: 'true', npm_config_update_notifier: 'false', NO_COLOR: '1' };
    const failures = [];
    await Promise.all(
      [...runnable.values()].map(async ({ file, command, plan }) => {
        let argv;
        if (plan.kind === 'bin') {
          // What npx runs from the root: a bin linked in the root's node_modules/.bin.
          if (!existsSync(join(root, 'node_modules/.bin', plan.name))) {
            failures.push(`${file}: ${command} — ${plan.name} is not linked at the root (add the package to the root devDependencies)`);
            return;
          }
          argv = ['npx', ['--no', '--', plan.name, '--help']];
        } else {
          argv = [process.execPath, [plan.name, '--help']];
        }
        try {
          const { stdout, stderr } = await run(argv[0], argv[1], { cwd: root, env, timeout: 60000 });
          if (!/usage/i.test(`${stdout}${stderr}`)) failures.push(`${file}: ${command} — --help printed no usage`);
        } catch (e) {
          failures.push(`${file}: ${command} — exit ${e.code}: ${String(e.stderr).trim().split('\n').slice(0, 3).join(' / ')}`);
        }
      }),
    );
    expect(failures).toEqual([]);
  });
});

describe('reading commands out of markdown', () => {
  it('takes shell fences only, joins continued lines, drops comments, env assignments and other commands', () => {
    const md = [
      'Text with `npx inline-code` is not a command.',
      '```sh',
      'npm start   # the demo',
      'SK_API_PORT=9000 npm start',
      'INTAKE_SECRET=<the secret you got> \\',
      '  node examples/intake-receiver/server.mjs --port 8790 \\',
      '  --api-base https://api.example.nl',
      'cd /tmp/x && pnpm install && pnpm bench --quick | tee out.txt',
      '$ npx --yes sociale-kaart-index validate "a b.csv"',
      '# pnpm only-a-comment',
      '```',
      '```js',
      'npx not-shell',
      '```',
      '```',
      'pnpm --filter @sociale-kaart/indexer build',
      '```',
    ].join('\n');
    expect(commandsIn(md)).toEqual([
      'npm start',
      'npm start',
      'node examples/intake-receiver/server.mjs --port 8790 --api-base https://api.example.nl',
      'pnpm install',
      'pnpm bench --quick',
      'npx --yes sociale-kaart-index validate a b.csv',
      'pnpm --filter @sociale-kaart/indexer build',
    ]);
    expect(shellWords('A=<x y> cmd "q w" \'e\' # c')).toEqual(['A=<x y>', 'cmd', 'q w', 'e']);
  });

  it('plans each kind of command', () => {
    expect(planFor('npx --yes sociale-kaart-index validate a.csv')).toEqual({ kind: 'bin', name: 'sociale-kaart-index' });
    expect(planFor('sociale-kaart-api --port 1')).toEqual({ kind: 'bin', name: 'sociale-kaart-api' });
    expect(planFor('pnpm exec sociale-kaart-admin org list')).toEqual({ kind: 'bin', name: 'sociale-kaart-admin' });
    expect(planFor('node bench/run.mjs --quick')).toEqual({ kind: 'node', name: 'bench/run.mjs' });
    expect(planFor('npm test')).toEqual({ kind: 'script', script: 'test' });
    expect(planFor('npm run build')).toEqual({ kind: 'script', script: 'build' });
    expect(planFor('pnpm bench --quick')).toEqual({ kind: 'script', script: 'bench' });
    expect(planFor('pnpm --filter @sociale-kaart/widgets run test')).toEqual({ kind: 'script', script: 'test', filter: '@sociale-kaart/widgets' });
    expect(planFor('pnpm install')).toEqual({ kind: 'builtin' });
    expect(planFor('pnpm -r build')).toEqual({ kind: 'builtin' });
    expect(planFor('npm publish')).toEqual({ kind: 'unknown' });
  });
});
