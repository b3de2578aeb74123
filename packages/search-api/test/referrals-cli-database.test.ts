/**
 * `sociale-kaart-api` with DATABASE_URL, as an operator runs it: the organisations' sealing
 * keys answer on /v1/organizations/{id}/referral-key, and an old JSON-lines store is moved
 * into the database at start and renamed. On PGlite the API's process holds the directory,
 * so the test's own handle is closed while it runs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getReferral, openDatabase } from '@sociale-kaart/db';
import { DATABASE_KINDS, useDatabases } from '@sociale-kaart/db/testing';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { FileReferralStore } from '../src/referrals/store.js';
import { inboxOrganisation } from './referrals/db-relay.js';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'sociale-kaart-api.js');
const meili = useMeilisearch();
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.each(DATABASE_KINDS)('sociale-kaart-api with DATABASE_URL on %s', (kind) => {
  const databases = useDatabases(kind);

  it('serves the referral key from the database and moves the JSON-lines store in once', async () => {
    const url = await databases.freshUrl();
    const seed = await openDatabase({ url });
    const inbox = await inboxOrganisation(seed.db, 'Welzijn CLI');
    await seed.close();
    const dir = mkdtempSync(join(tmpdir(), 'sk-api-db-'));
    dirs.push(dir);
    const storePath = join(dir, 'referrals.jsonl');
    const file = await FileReferralStore.open(storePath);
    await file.create({ id: 'r-cli', targetType: 'activity', activityId: 'act-1', organizationId: 'org-a', createdAt: '2026-02-01T08:00:00.000Z', tokenHash: 'cd'.repeat(32) });
    await file.addStatus('r-cli', { status: 'sent', at: '2026-02-01T08:00:01.000Z' });
    await file.close();

    const child = spawn(process.execPath, [bin, '--port', '0', '--meili-url', meili.url], {
      env: { PATH: process.env.PATH ?? '', MEILI_KEY: meili.masterKey, DATABASE_URL: url, SK_REFERRAL_STORE: storePath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const listening = await new Promise<{ url: string }>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const line = out.split('\n').find((l) => l.includes('"listening"'));
        if (line) resolve(JSON.parse(line) as { url: string });
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    try {
      const res = await fetch(`${listening.url}/v1/organizations/${inbox.id}/referral-key`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.json()).toEqual(inbox.key!.publicJwk);
      expect((await fetch(`${listening.url}/v1/organizations/nobody/referral-key`)).status).toBe(404);
      expect(existsSync(storePath)).toBe(false);
      expect(existsSync(`${storePath}.migrated`)).toBe(true);
      expect(out).toContain('referral.store_migrated');
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    const after = await openDatabase({ url });
    try {
      expect(await getReferral(after.db, 'r-cli')).toMatchObject({ status: 'sent', organisation_id: 'org-a', delivery: 'webhook' });
    } finally {
      await after.close();
    }
  });
});
