/** `sociale-kaart-admin monitor …`: tokens for gemeente viewers (hash only at rest) and practice names. */
import { describe, expect, it } from 'vitest';
import { createReferral, openDatabase } from '@sociale-kaart/db';
import { DATABASE_KINDS, useDatabases } from '@sociale-kaart/db/testing';
import { sql } from 'kysely';
import { runAdmin } from '../src/index.js';
import { userOfMonitorToken } from '../src/monitor/access.js';
import { referralsByPractice } from '../src/monitor/queries.js';

describe.each(DATABASE_KINDS)('sociale-kaart-admin monitor on %s', (kind) => {
  const databases = useDatabases(kind);

  it('creates and revokes monitor tokens for viewers only, and names practices', async () => {
    const url = await databases.freshUrl();
    const admin = async (...argv: string[]) => {
      let out = '';
      let err = '';
      const code = await runAdmin(argv, { out: (s) => (out += s), err: (s) => (err += s), env: { DATABASE_URL: url } });
      return { code, out, err };
    };
    const noGemeente = await admin('user', 'invite', '--email', 'monitor@utrecht.example', '--role', 'gemeente_viewer');
    expect(noGemeente.code).toBe(64);
    expect(noGemeente.err).toContain('--gemeente is required for a gemeente_viewer');
    expect((await admin('user', 'invite', '--email', 'beheer@kaart.example', '--role', 'operator', '--gemeente', 'Utrecht')).err).toContain('--gemeente is only for a gemeente_viewer');
    const invited = await admin('user', 'invite', '--email', 'monitor@utrecht.example', '--role', 'gemeente_viewer', '--gemeente', ' Utrecht ');
    expect(invited.code).toBe(0);
    expect(JSON.parse(invited.out)).toMatchObject({ role: 'gemeente_viewer', gemeente: 'Utrecht' });
    const org = JSON.parse((await admin('org', 'add', '--name', 'De Linde')).out);
    expect((await admin('user', 'invite', '--org', org.id, '--email', 'coach@delinde.example')).code).toBe(0);

    const created = await admin('monitor', 'token', 'create', '--email', 'Monitor@Utrecht.example');
    expect(created.code).toBe(0);
    const printed = JSON.parse(created.out);
    expect(printed).toMatchObject({ email: 'monitor@utrecht.example', role: 'gemeente_viewer' });
    expect(printed.token).toMatch(/^skm_[A-Za-z0-9_-]{43}$/);
    expect(printed.token.startsWith(printed.prefix)).toBe(true);

    const editor = await admin('monitor', 'token', 'create', '--email', 'coach@delinde.example');
    expect(editor.code).toBe(1);
    expect(editor.err).toContain('only operators and gemeente viewers may see the monitor');
    expect((await admin('monitor', 'token', 'create', '--email', 'nobody@example.org')).err).toContain('no user with e-mail nobody@example.org');
    expect((await admin('monitor', 'token', 'create')).code).toBe(64);
    expect((await admin('monitor', 'practice')).code).toBe(64);

    const db = await openDatabase({ url });
    try {
      expect((await userOfMonitorToken(db.db, printed.token))?.email).toBe('monitor@utrecht.example');
      const { rows } = await sql<{ token_hash: string }>`select token_hash from monitor_tokens`.execute(db.db);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0]!.token_hash).not.toContain(printed.token.slice(4));
      await createReferral(db.db, { id: 'r1', targetType: 'activity', activityId: 'a', organisationId: org.id, reasons: [], referrer: 'agb-1', tokenHash: 'f'.repeat(64), delivery: 'inbox', createdAt: new Date('2026-01-01T09:00:00Z') });
      await createReferral(db.db, { id: 'r2', targetType: 'activity', activityId: 'a', organisationId: org.id, reasons: [], referrer: 'agb-2', tokenHash: 'e'.repeat(64), delivery: 'inbox', createdAt: new Date('2026-01-02T09:00:00Z') });
    } finally {
      await db.close();
    }

    expect(JSON.parse((await admin('monitor', 'practice', 'agb-2', 'Huisartsen', 'Oost')).out)).toEqual({ practice: 'agb-2', name: 'Huisartsen Oost' });
    const again = await openDatabase({ url });
    try {
      const q = { from: '2026-01-01', to: '2026-01-31', gemeente: null };
      expect(await referralsByPractice(again.db, q)).toEqual([
        { rank: 1, name: null, n: 1 },
        { rank: 2, name: 'Huisartsen Oost', n: 1 },
      ]);
    } finally {
      await again.close();
    }
    // Without a name the practice is its letter again.
    expect((await admin('monitor', 'practice', 'agb-2')).code).toBe(0);

    const revoked = await admin('monitor', 'token', 'revoke', printed.prefix);
    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.out)[0]).toMatchObject({ prefix: printed.prefix, revokedAt: expect.any(String) });
    expect((await admin('monitor', 'token', 'revoke', printed.prefix)).code).toBe(1);
    const last = await openDatabase({ url });
    try {
      expect(await userOfMonitorToken(last.db, printed.token)).toBeUndefined();
      expect((await referralsByPractice(last.db, { from: '2026-01-01', to: '2026-01-31', gemeente: null }))[1]).toEqual({ rank: 2, name: null, n: 1 });
    } finally {
      await last.close();
    }
  });
});
