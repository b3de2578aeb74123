import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeiliStartError, createMeiliClient, startMeilisearch, waitForTask } from '../src/index.js';
import { exists, isRunning, waitUntil } from './helpers.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('startMeilisearch', () => {
  it('starts a healthy, key-protected server on loopback and stop() leaves nothing behind', async () => {
    const server = await startMeilisearch();
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(Buffer.byteLength(server.masterKey)).toBeGreaterThanOrEqual(16);
    expect(server.dbPath.startsWith(server.workDir)).toBe(true);
    expect(server.workDir.startsWith(tmpdir())).toBe(true);
    expect(isRunning(server.pid)).toBe(true);
    expect(isRunning(server.watchdogPid)).toBe(true);

    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'available' });
    expect((await fetch(`${server.url}/indexes`)).status).toBe(401);
    const authorized = await fetch(`${server.url}/indexes`, { headers: { Authorization: `Bearer ${server.masterKey}` } });
    expect(authorized.status).toBe(200);

    // Dumps and snapshots go to the work dir, not to the current directory.
    const args = readFileSync(`/proc/${server.pid}/cmdline`, 'utf8').split('\0');
    expect(args[args.indexOf('--dump-dir') + 1]).toBe(join(server.workDir, 'dumps'));
    expect(args[args.indexOf('--snapshot-dir') + 1]).toBe(join(server.workDir, 'snapshots'));
    expect(args).toContain('--no-analytics');
    expect(args[args.indexOf('--max-indexing-threads') + 1]).toMatch(/^[12]$/);
    // The key is not on the command line (readable by every local user), only in the owner-readable environment.
    expect(args.some((a) => a.includes(server.masterKey))).toBe(false);
    expect(args.some((a) => a.startsWith('--master-key'))).toBe(false);
    expect(readFileSync(`/proc/${server.pid}/environ`, 'utf8').split('\0')).toContain(`MEILI_MASTER_KEY=${server.masterKey}`);

    await server.stop();
    expect(isRunning(server.pid)).toBe(false);
    expect(exists(`/proc/${server.pid}`)).toBe(false); // reaped, not a zombie
    expect(exists(server.workDir)).toBe(false);
    expect(await waitUntil(() => !isRunning(server.watchdogPid), 2000)).toBe(true);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    await server.stop(); // idempotent
  });

  it('runs two instances side by side on different ports and data dirs', async () => {
    const [a, b] = await Promise.all([startMeilisearch(), startMeilisearch()]);
    try {
      expect(a.port).not.toBe(b.port);
      expect(a.workDir).not.toBe(b.workDir);
      expect(a.masterKey).not.toBe(b.masterKey);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(isRunning(a.pid) || isRunning(b.pid)).toBe(false);
  });

  it('accepts a master key that starts with "-" (a generated base64url key can)', async () => {
    const masterKey = '-4aDashFirstKeyOfSufficientLength';
    const server = await startMeilisearch({ masterKey });
    try {
      const ok = await fetch(`${server.url}/indexes`, { headers: { Authorization: `Bearer ${masterKey}` } });
      expect(ok.status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('keeps a given dbPath, and its data, across restarts', async () => {
    const base = mkdtempSync(join(tmpdir(), 'sk-meili-given-'));
    try {
      const dbPath = join(base, 'db');
      const masterKey = 'a-fixed-master-key-for-the-test';
      const first = await startMeilisearch({ dbPath, masterKey });
      expect(first.dbPath).toBe(dbPath);
      const created = await fetch(`${first.url}/indexes`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${masterKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ uid: 'kept' }),
      });
      // Index creation is a task: wait until it has really succeeded (a fixed sleep is flaky on a loaded machine).
      await waitForTask(createMeiliClient({ url: first.url, apiKey: masterKey }), ((await created.json()) as { taskUid: number }).taskUid, { timeoutMs: 20000 });
      await first.stop();
      expect(exists(dbPath)).toBe(true);
      expect(exists(first.workDir)).toBe(false);

      const second = await startMeilisearch({ dbPath, masterKey });
      try {
        const response = await fetch(`${second.url}/indexes/kept`, { headers: { Authorization: `Bearer ${masterKey}` } });
        expect(response.status).toBe(200);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('uses the port it is given', async () => {
    const probe = await startMeilisearch();
    const port = probe.port;
    await probe.stop();
    const server = await startMeilisearch({ port });
    try {
      expect(server.port).toBe(port);
      expect((await fetch(`http://127.0.0.1:${port}/health`)).ok).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it('rejects a master key shorter than 16 bytes', async () => {
    await expect(startMeilisearch({ masterKey: 'short' })).rejects.toThrow(/at least 16 bytes/);
  });

  it('fails with the server output when Meilisearch exits early, and cleans up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sk-fake-meili-'));
    try {
      const fake = join(dir, 'meilisearch');
      writeFileSync(fake, '#!/bin/sh\necho "fatal: the database is on fire" >&2\nexit 3\n', { mode: 0o755 });
      // A temporary directory of its own: other test files start Meilisearch in the shared one at the same time.
      const ownTmp = join(dir, 'tmp');
      mkdirSync(ownTmp);
      const savedTmp = process.env.TMPDIR;
      process.env.TMPDIR = ownTmp;
      let error: unknown;
      try {
        expect(tmpdir()).toBe(ownTmp);
        error = await startMeilisearch({ binary: fake }).catch((e: unknown) => e);
      } finally {
        if (savedTmp === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = savedTmp;
      }
      expect(error).toBeInstanceOf(MeiliStartError);
      expect((error as Error).message).toMatch(/exited early \(code 3/);
      expect((error as Error).message).toContain('fatal: the database is on fire');
      expect(readdirSync(ownTmp)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('when the parent process dies', () => {
  // A plain Node child runs the real source, transpiled, so it can be killed for real.
  let moduleDir: string;

  beforeAll(() => {
    const base = join(packageDir, '.test-tmp');
    mkdirSync(base, { recursive: true });
    moduleDir = mkdtempSync(join(base, 'managed-'));
    writeFileSync(join(moduleDir, 'package.json'), '{"type":"module"}');
    for (const file of ['managed.ts', 'binary.ts', 'watchdog.ts']) {
      const source = readFileSync(join(packageDir, 'src', file), 'utf8');
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      });
      writeFileSync(join(moduleDir, file.replace(/\.ts$/, '.js')), outputText);
    }
    writeFileSync(
      join(moduleDir, 'child.js'),
      `import { startMeilisearch } from './managed.js';
const server = await startMeilisearch();
process.stdout.write(JSON.stringify({ pid: server.pid, workDir: server.workDir, watchdogPid: server.watchdogPid, url: server.url }) + '\\n');
setInterval(() => {}, 1000);
`,
    );
  });
  afterAll(() => rmSync(moduleDir, { recursive: true, force: true }));

  async function startChild(): Promise<{ child: ReturnType<typeof spawn>; info: { pid: number; workDir: string; watchdogPid: number; url: string } }> {
    const child = spawn(process.execPath, [join(moduleDir, 'child.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let buffer = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        if (buffer.includes('\n')) resolve(buffer.split('\n')[0]!);
      });
      child.once('exit', (code) => reject(new Error(`child exited with ${code} before starting Meilisearch`)));
    });
    return { child, info: JSON.parse(line) };
  }

  it('the watchdog stops Meilisearch and removes its directory after a SIGKILL of the parent', async () => {
    const { child, info } = await startChild();
    expect(isRunning(info.pid)).toBe(true);
    expect((await fetch(`${info.url}/health`)).ok).toBe(true);
    expect(exists(info.workDir)).toBe(true);

    child.kill('SIGKILL');
    expect(await waitUntil(() => !isRunning(info.pid), 6000)).toBe(true);
    expect(await waitUntil(() => !exists(info.workDir), 6000)).toBe(true);
    expect(await waitUntil(() => !isRunning(info.watchdogPid), 2000)).toBe(true);
  });

  it('a SIGTERM to the parent stops Meilisearch and the parent still exits', async () => {
    const { child, info } = await startChild();
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    expect(await waitUntil(() => !isRunning(info.pid), 3000)).toBe(true);
    expect(await waitUntil(() => !exists(info.workDir), 6000)).toBe(true);
  });
});
