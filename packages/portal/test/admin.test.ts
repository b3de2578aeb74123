import { describe, expect, it } from 'vitest';
import { apiKeysOf, consumeSignInToken, openDatabase, organisationOfApiKey } from '@sociale-kaart/db';
import { DATABASE_KINDS, useDatabases } from '@sociale-kaart/db/testing';
import { runCli } from './cli.js';

describe.each(DATABASE_KINDS)('sociale-kaart-admin on %s', (kind) => {
  const databases = useDatabases(kind);

  it('adds, verifies and lists organisations, invites a user and manages API keys', async () => {
    const url = await databases.freshUrl();
    const env = { DATABASE_URL: url, SK_PORTAL_URL: 'http://127.0.0.1:9999/' };
    const added = await runCli('admin-main', ['org', 'add', '--name', 'Buurtkamer De Linde', '--email', 'info@delinde.example'], env);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const org = JSON.parse(added.stdout);
    expect(org).toMatchObject({ name: 'Buurtkamer De Linde', email: 'info@delinde.example', verified: false, kvk: null });
    expect(org.id).toMatch(/^buurtkamer-de-linde-[0-9a-f]{6}$/);

    const verified = await runCli('admin-main', ['org', 'verify', org.id, '--kvk', '1234 5678'], env);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ id: org.id, verified: true, kvk: '12345678' });

    const second = JSON.parse((await runCli('admin-main', ['org', 'add', '--name', 'Alfa Welzijn', '--kvk', '87654321', '--verified'], env)).stdout);
    expect(second).toMatchObject({ verified: true, kvk: '87654321' });
    const list = await runCli('admin-main', ['org', 'list'], env);
    expect(JSON.parse(list.stdout).map((o: { name: string }) => o.name)).toEqual(['Alfa Welzijn', 'Buurtkamer De Linde']);

    const invite = await runCli('admin-main', ['user', 'invite', '--org', org.id, '--email', 'Coach@DeLinde.example'], env);
    expect(invite.code).toBe(0);
    const invited = JSON.parse(invite.stdout);
    expect(invited).toMatchObject({ email: 'coach@delinde.example', role: 'editor', organisationId: org.id });
    expect(invited.signInLink).toMatch(/^http:\/\/127\.0\.0\.1:9999\/aanmelden\/link\?token=[A-Za-z0-9_-]{43}$/);

    const created = await runCli('admin-main', ['apikey', 'create', '--org', org.id], env);
    const { key, prefix } = JSON.parse(created.stdout);
    expect(key.startsWith(prefix)).toBe(true);

    const opened = await openDatabase({ url });
    try {
      const token = new URL(invited.signInLink).searchParams.get('token')!;
      expect(await consumeSignInToken(opened.db, token)).toMatchObject({ ok: true, user: { email: 'coach@delinde.example' } });
      expect(await organisationOfApiKey(opened.db, key)).toBe(org.id);
      const stored = JSON.stringify(await apiKeysOf(opened.db, org.id));
      expect(stored).not.toContain(key);
    } finally {
      await opened.close();
    }

    const revoked = await runCli('admin-main', ['apikey', 'revoke', prefix], env);
    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.stdout)[0]).toMatchObject({ prefix, organisationId: org.id });
    const again = await runCli('admin-main', ['apikey', 'revoke', prefix], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`no active API key with id or prefix ${prefix}`);
  });
});

// Usage errors are found before the database is opened: one run is enough.
describe('sociale-kaart-admin usage', () => {
  it('answers usage errors with exit 64 and says what is wrong', async () => {
    const cases: Array<[string[], string]> = [
      [[], 'usage: sociale-kaart-admin'],
      [['org', 'add'], '--name is required'],
      [['org', 'add', '--name', 'X', '--kvk', '123'], '--kvk must be the 8-digit KvK number'],
      [['org', 'add', '--name', 'X', '--email', 'nope'], '--email is not an e-mail address'],
      [['org', 'add', '--name', 'X', '--colour', 'red'], "Unknown option '--colour'"],
      [['org', 'verify'], 'org verify needs exactly one organisation ID'],
      [['user', 'invite', '--email', 'a@b.example'], '--org is required for an editor'],
      [['user', 'invite', '--email', 'a@b.example', '--role', 'boss'], '--role must be one of editor, operator, gemeente_viewer'],
      [['apikey', 'create'], '--org is required'],
      [['frobnicate'], 'unknown command: frobnicate'],
    ];
    for (const [args, message] of cases) {
      const r = await runCli('admin-main', args, { DATABASE_URL: 'memory://' });
      expect({ args, code: r.code }).toEqual({ args, code: 64 });
      expect(r.stderr).toContain(message);
    }
    const missing = await runCli('admin-main', ['apikey', 'create', '--org', 'nobody'], { DATABASE_URL: 'memory://' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no organisation with id nobody');
  });
});
