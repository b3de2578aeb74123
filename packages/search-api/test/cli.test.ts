import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildActivities } from './fixtures/activities.js';
import { loadActivities } from './helpers.js';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { findFreePort } from '@sociale-kaart/meili';
import { deriveSearchKey } from '../src/backend.js';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(pkg, 'bin', 'sociale-kaart-api.js');
const meili = useMeilisearch();

beforeAll(async () => {
  // The bin runs the build output; build it when a test run starts from a clean tree.
  if (!existsSync(join(pkg, 'dist', 'server.js'))) {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', join(pkg, 'tsconfig.build.json')], { stdio: 'inherit' });
  }
  await loadActivities(meili, buildActivities({ seed: 1, utrecht: 20, rural: 5, maastricht: 5 }));
});

function run(args: string[], env: Record<string, string> = {}): { child: ChildProcess; lines: string[]; stderr: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let err = '';
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, lines, stderr: () => err, exited };
}

async function waitFor<T>(fn: () => T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('sociale-kaart-api', () => {
  it('starts on a port, answers on loopback with a derived search key, and stops on SIGTERM', async () => {
    const p = run(['--port', '0', '--meili-url', meili.url, '--index', 'activities'], { MEILI_KEY: meili.masterKey, CORS_ORIGINS: 'https://gemeente.example.nl' });
    const listening = await waitFor(() => p.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'listening'));
    expect(listening.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(p.lines.join('\n')).not.toContain(meili.masterKey);
    const keyNote = p.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'meilisearch key');
    expect(keyNote.note).toMatch(/search key/);
    expect((await fetch(`${listening.url}/healthz`)).status).toBe(200);
    const search = await fetch(`${listening.url}/v1/search?q=koor`);
    expect(search.status).toBe(200);
    expect((await fetch(`${listening.url}/readyz`)).status).toBe(200);
    const activity = await fetch(`${listening.url}/v1/activities/fx-0001`);
    expect(activity.status).toBe(200);
    // Request lines are written in batches (src/http/log.ts): they come within a moment.
    const log = await waitFor(() => p.lines.map((l) => JSON.parse(l)).find((l) => l.route === '/v1/search'));
    expect(log).toMatchObject({ status: 200, method: 'GET' });
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it.each([
    ['an organisation route without intakeUrl', { 'org-coach-utrecht': 'a-secret-of-at-least-thirty-two-characters!' }, 'referral route "org-coach-utrecht"'],
    ['a "*" route without intakeUrl', { '*': { secret: 'a-secret-of-at-least-thirty-two-characters!' } }, 'referral route "*" has no intakeUrl'],
  ])('refuses %s at start (exit 2, naming the entry)', async (_what, routes, message) => {
    const p = run(['--port', '0', '--meili-url', meili.url], { SK_REFERRAL_SECRETS: JSON.stringify(routes), MEILI_KEY: meili.masterKey });
    expect(await p.exited).toBe(2);
    expect(p.stderr()).toContain(message);
    expect(p.lines.some((l) => l.includes('listening'))).toBe(false);
  });

  it('refuses intake routes when no referrer keys are configured', async () => {
    const routes = { '*': { secret: 'a-secret-of-at-least-thirty-two-characters!', intakeUrl: 'https://intake.example.nl/referrals' } };
    const p = run(['--port', '0', '--meili-url', meili.url], { SK_REFERRAL_SECRETS: JSON.stringify(routes) });
    expect(await p.exited).toBe(2);
    expect(p.stderr()).toContain('no referrer keys');
  });

  it('warns at start when private intake targets are allowed', async () => {
    const p = run(['--port', '0', '--meili-url', meili.url, '--index', 'activities'], { MEILI_KEY: meili.masterKey, SK_REFERRAL_ALLOW_PRIVATE_INTAKE: '1' });
    const warning = await waitFor(() => p.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'referral.private_intake_allowed'));
    expect(warning.level).toBe('warn');
    await waitFor(() => p.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'listening'));
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('refuses a bad configuration with a clear message per mistake', async () => {
    const p = run(['--port', 'abc', '--meili-url', 'ftp://x', '--cors-origins', 'gemeente.nl/pad', '--bogus', '1']);
    expect(await p.exited).toBe(2);
    const err = p.stderr();
    expect(err).toContain('--port: must be a whole number');
    expect(err).toContain('--meili-url: must be an http(s) URL');
    expect(err).toContain('--cors-origins');
    expect(err).toContain('unknown option --bogus');
  });
});

describe('deriveSearchKey', () => {
  it('derives a key that cannot manage keys, and never hands back the master key', async () => {
    const derived = await deriveSearchKey(meili.url, meili.masterKey, 'activities');
    expect(derived.key).toBeDefined();
    expect(derived.key).not.toBe(meili.masterKey);
    const keys = await fetch(`${meili.url}/keys`, { headers: { authorization: `Bearer ${derived.key}` } });
    expect(keys.status).toBe(403);
    const search = await fetch(`${meili.url}/indexes/activities/search`, { method: 'POST', headers: { authorization: `Bearer ${derived.key}`, 'content-type': 'application/json' }, body: '{"q":"koor"}' });
    expect(search.status).toBe(200);
  });

  it('keeps asking while Meilisearch does not answer, instead of using the master key', async () => {
    const port = await findFreePort();
    const waits: number[] = [];
    await expect(
      deriveSearchKey(`http://127.0.0.1:${port}`, 'a-master-key-0123456789', 'activities', { maxAttempts: 3, onWait: (attempt) => waits.push(attempt), sleep: async () => {} }),
    ).rejects.toThrow();
    expect(waits).toEqual([1, 2]);
  });
});
