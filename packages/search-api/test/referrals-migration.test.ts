import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_KINDS, useDatabases } from '@sociale-kaart/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { RouteConfigError, staticRoutes } from '../src/referrals/routes.js';
import { referralStorage } from '../src/referrals/storage.js';
import { FileReferralStore } from '../src/referrals/store.js';
import { silentLogger } from '../src/http/log.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const noRoutes = { routes: staticRoutes(new Map()), operatorRoutes: new Map() };

describe.each(DATABASE_KINDS)('moving a JSON-lines store into the database on %s', (kind) => {
  const databases = useDatabases(kind);

  it('moves referrals, their history and live signatures once, then renames the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sk-ref-migrate-'));
    dirs.push(dir);
    const path = join(dir, 'referrals.jsonl');
    const file = await FileReferralStore.open(path);
    await file.create({ id: 'r-old', targetType: 'activity', activityId: 'act-1', organizationId: 'org-a', createdAt: '2026-01-05T09:00:00.000Z', tokenHash: 'ab'.repeat(32), referrer: 'AGB-1' });
    await file.addStatus('r-old', { status: 'sent', at: '2026-01-05T09:00:01.000Z' });
    await file.addStatus('r-old', { status: 'contacted', at: '2026-01-06T10:00:00.000Z', reason: 'gebeld' });
    await file.rememberSignature('digest-1', new Date(Date.now() + 60_000));
    await file.close();

    const url = await databases.freshUrl();
    const first = await referralStorage({ ...noRoutes, storePath: path }, { env: { DATABASE_URL: url }, logger: silentLogger });
    try {
      expect(first.kind).toBe('database');
      expect(await first.store.get('r-old')).toMatchObject({
        organizationId: 'org-a',
        referrer: 'AGB-1',
        status: 'contacted',
        createdAt: '2026-01-05T09:00:00.000Z',
        updatedAt: '2026-01-06T10:00:00.000Z',
        history: [{ status: 'sent' }, { status: 'contacted', reason: 'gebeld' }],
      });
      expect(await first.store.rememberSignature('digest-1', new Date(Date.now() + 60_000))).toBe(false);
      expect(existsSync(path)).toBe(false);
      expect(existsSync(`${path}.migrated`)).toBe(true);
      await first.store.addStatus('r-old', { status: 'closed', at: '2026-01-07T10:00:00.000Z' });
    } finally {
      await first.close();
    }

    // The next start finds no file and changes nothing.
    const second = await referralStorage({ ...noRoutes, storePath: path }, { env: { DATABASE_URL: url }, logger: silentLogger });
    try {
      const r = await second.store.get('r-old');
      expect(r?.status).toBe('closed');
      expect(r?.history).toHaveLength(3);
    } finally {
      await second.close();
    }
  });
});

describe('referral storage without a database', () => {
  it('keeps the file store and the operator routes, and refuses a bad SK_DATA_KEY with a database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sk-ref-storage-'));
    dirs.push(dir);
    const fileStorage = await referralStorage({ ...noRoutes, storePath: join(dir, 'r.jsonl') }, { env: {}, logger: silentLogger });
    expect(fileStorage.kind).toBe('file');
    expect(await fileStorage.keys.currentKey('org-a')).toBeUndefined();
    await fileStorage.close();
    await expect(referralStorage({ ...noRoutes, storePath: undefined }, { env: { DATABASE_URL: 'memory://', SK_DATA_KEY: 'too-short' }, logger: silentLogger })).rejects.toThrow(RouteConfigError);
  });
});
