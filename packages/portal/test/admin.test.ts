import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiKeysOf, consumeSignInToken, currentReferralKey, getReceivingSettings, openDatabase, organisationOfApiKey } from '@sociale-kaart/db';
import { DATABASE_KINDS, useDatabases } from '@sociale-kaart/db/testing';
import { organizationId, transformInputs } from '@sociale-kaart/indexer';
import { runAdmin } from '../src/admin.js';
import { PACKAGE_DIR, runCli } from './cli.js';

const UTRECHT = resolve(PACKAGE_DIR, '..', '..', 'examples', 'feeds', 'hsds-json', 'utrecht.json');

interface Listed {
  id: string;
  name: string;
  source: string;
  activities: number;
  inPortal: boolean;
}

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

    const invite = await runCli('admin-main', ['user', 'invite', '--org', org.id, '--email', 'Coach@DeLinde.example', '--name', ' Jan Jansen '], env);
    expect(invite.code).toBe(0);
    const invited = JSON.parse(invite.stdout);
    expect(invited).toMatchObject({ email: 'coach@delinde.example', role: 'editor', organisationId: org.id, name: 'Jan Jansen' });
    // Invited again without --name: the name stays.
    const reinvite = await runCli('admin-main', ['user', 'invite', '--org', org.id, '--email', 'coach@delinde.example'], env);
    expect(JSON.parse(reinvite.stdout)).toMatchObject({ email: 'coach@delinde.example', name: 'Jan Jansen' });
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

  it('adds an organisation under the id its feed\'s activities carry, as org feed-ids lists it, once, and receiving stays off', async () => {
    const url = await databases.freshUrl();
    const env = { DATABASE_URL: url };
    const indexed = (await transformInputs([UTRECHT])).activities.find((a) => a.organization.name === 'Trajectum Welzijn')!;
    const listed = await runCli('admin-main', ['org', 'feed-ids', UTRECHT], env);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    const feedOrgs = JSON.parse(listed.stdout) as Listed[];
    const trajectum = feedOrgs.find((o) => o.name === 'Trajectum Welzijn')!;
    expect(trajectum).toMatchObject({ id: indexed.organization.id, source: 'utrecht', inPortal: false });
    expect(trajectum.activities).toBeGreaterThan(1);
    expect(new Set(feedOrgs.map((o) => o.id)).size).toBe(feedOrgs.length);

    const added = await runCli('admin-main', ['org', 'add', '--name', 'Trajectum Welzijn', '--feed-org', trajectum.id, '--kvk', '41234567', '--verified'], env);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ id: trajectum.id, name: 'Trajectum Welzijn', kvk: '41234567', verified: true });

    const twice = await runCli('admin-main', ['org', 'add', '--name', 'Iemand Anders', '--feed-org', trajectum.id], env);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain(`an organisation with id ${trajectum.id} exists already (Trajectum Welzijn, verified)`);
    expect(JSON.parse((await runCli('admin-main', ['org', 'list'], env)).stdout).map((o: { name: string }) => o.name)).toEqual(['Trajectum Welzijn']);

    const after = JSON.parse((await runCli('admin-main', ['org', 'feed-ids', UTRECHT], env)).stdout) as Listed[];
    expect(after.filter((o) => o.inPortal).map((o) => o.id)).toEqual([trajectum.id]);

    // Created and verified, yet it receives nothing until it has its own key or an approved intake.
    const opened = await openDatabase({ url });
    try {
      expect(await getReceivingSettings(opened.db, trajectum.id)).toMatchObject({ verified: true, receiveMode: null, webhookUrl: null, webhookApproved: false, hasWebhookSecret: false });
      expect(await currentReferralKey(opened.db, trajectum.id)).toBeUndefined();
    } finally {
      await opened.close();
    }
  });
});

// Usage errors are found before the database is opened: one run is enough.
describe('sociale-kaart-admin usage', () => {
  /** runAdmin in this process, with its output captured. */
  async function admin(args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runAdmin(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), env: { DATABASE_URL: 'memory://' } });
    return { code, stdout, stderr };
  }

  it('answers usage errors with exit 64 and says what is wrong', async () => {
    const cases: Array<[string[], string]> = [
      [[], 'usage: sociale-kaart-admin'],
      [['org', 'add'], '--name is required'],
      [['org', 'add', '--name', 'X', '--kvk', '123'], '--kvk must be the 8-digit KvK number'],
      [['org', 'add', '--name', 'X', '--email', 'nope'], '--email is not an e-mail address'],
      [['org', 'add', '--name', 'X', '--colour', 'red'], "Unknown option '--colour'"],
      [['org', 'add', '--name', 'X', '--feed-org', 'buurtkamer-de-linde-3f9a1c'], '--feed-org must be an organisation id as the indexer makes it (<source>_<feed\'s id>, e.g. utrecht_org-12); it must have exactly one "_"'],
      [['org', 'add', '--name', 'X', '--feed-org', 'utrecht_org 1'], '--feed-org must be an organisation id as the indexer makes it'],
      [['org', 'feed-ids'], 'org feed-ids needs at least one INPUT'],
      [['org', 'feed-ids', 'a.json', 'b.json', '--source', 'x'], '--source names one input'],
      [['org', 'verify'], 'org verify needs exactly one organisation ID'],
      [['user', 'invite', '--email', 'a@b.example'], '--org is required for an editor'],
      [['user', 'invite', '--email', 'a@b.example', '--role', 'boss'], '--role must be one of editor, operator, gemeente_viewer'],
      [['user', 'invite', '--org', 'o', '--email', 'a@b.example', '--name', '  '], '--name must not be empty'],
      [['user', 'invite', '--org', 'o', '--email', 'a@b.example', '--name', 'x'.repeat(101)], '--name must be at most 100 characters'],
      [['user', 'invite', '--org', 'o', '--email', 'a@b.example', '--name', 'Jan\nJansen'], '--name must not contain control characters'],
      [['apikey', 'create'], '--org is required'],
      [['frobnicate'], 'unknown command: frobnicate'],
    ];
    // Argument errors are found before anything opens: asked in-process, one case after another.
    for (const [args, message] of cases) {
      const r = await admin(args);
      expect({ args, code: r.code }).toEqual({ args, code: 64 });
      expect(r.stderr).toContain(message);
    }
    // The process exits with the code the command returns, and says why on stderr.
    const usage = await runCli('admin-main', ['org', 'add'], { DATABASE_URL: 'memory://' });
    expect(usage.code).toBe(64);
    expect(usage.stderr).toContain('--name is required');
    const missing = await runCli('admin-main', ['apikey', 'create', '--org', 'nobody'], { DATABASE_URL: 'memory://' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no organisation with id nobody');
    const unread = await runCli('admin-main', ['org', 'feed-ids', '/nonexistent/feed.json'], { DATABASE_URL: 'memory://' });
    expect(unread.code).toBe(1);
    expect(unread.stderr).toContain('could not read /nonexistent/feed.json: ');
  });

  it('org feed-ids namespaces the ids by --source, as the ingest does', async () => {
    const r = await runCli('admin-main', ['org', 'feed-ids', UTRECHT, '--source', 'elders'], { DATABASE_URL: 'memory://' });
    expect(r.code).toBe(0);
    const listed = JSON.parse(r.stdout) as Listed[];
    expect(listed.length).toBeGreaterThan(1);
    expect(listed.every((o) => o.source === 'elders' && o.id.startsWith('elders_'))).toBe(true);
    expect(listed.map((o) => o.id)).toContain(organizationId('elders', 'e83f6fc7-80d0-4a00-9fcd-f5e011fde7a0'));
  });
});
