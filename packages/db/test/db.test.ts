import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  MIGRATION_NAMES,
  apiKeysOf,
  confirmActivities,
  consumeSignInToken,
  createApiKey,
  createFeed,
  createOrganisation,
  createSession,
  createSignInToken,
  deleteActivity,
  feedsOf,
  freshnessOverview,
  getActivity,
  listOrganisations,
  markReminded,
  openDatabase,
  organisationOfApiKey,
  publishedAssuredBefore,
  publishedDocuments,
  recordFeedPull,
  remindersDue,
  revokeApiKey,
  saveActivities,
  sessionUser,
  setActivityStatus,
  upsertUser,
  userByEmail,
  userName,
  userNameProblem,
  verifyOrganisation,
} from '../src/index.js';
import { DATABASE_KINDS, useDatabases } from '../src/testing.js';

describe.each(DATABASE_KINDS)('the database on %s', (kind) => {
  const databases = useDatabases(kind);

  it('applies the migrations once and keeps everything across a restart', async () => {
    const first = await databases.open();
    const rows = await first.db.selectFrom('kysely_migration' as never).select('name' as never).execute();
    expect(rows.map((r) => (r as { name: string }).name)).toEqual(MIGRATION_NAMES);
    const org = await createOrganisation(first.db, { name: 'Buurtkamer De Linde', kvk: '12345678', email: 'info@delinde.example' });
    await first.close();

    const again = await databases.open(first.url);
    expect(again.kind).toBe(kind);
    const orgs = await listOrganisations(again.db);
    expect(orgs.map((o) => [o.id, o.name, o.kvk, o.verified])).toEqual([[org.id, 'Buurtkamer De Linde', '12345678', false]]);
  });

  it('verifies an organisation and refuses a KvK number that is not eight digits', async () => {
    const { db } = await databases.open();
    const org = await createOrganisation(db, { name: 'Stichting Samen' });
    expect(org.id).toMatch(/^stichting-samen-[0-9a-f]{6}$/);
    const verified = await verifyOrganisation(db, org.id, '87654321');
    expect(verified?.verified).toBe(true);
    expect(verified?.kvk).toBe('87654321');
    expect(await verifyOrganisation(db, 'nobody')).toBeUndefined();
    await expect(createOrganisation(db, { name: 'X', kvk: '1234' })).rejects.toThrow(/check constraint|kvk/i);
  });

  it('stores only hashes of sign-in links, sessions and API keys', async () => {
    const { db } = await databases.open();
    const org = await createOrganisation(db, { name: 'Wijkteam Oost' });
    const user = await upsertUser(db, { email: 'Coach@Oost.example', role: 'editor', organisationId: org.id });
    expect(user.email).toBe('coach@oost.example');

    const now = new Date('2026-03-01T10:00:00Z');
    const link = await createSignInToken(db, user.id, now);
    const { key } = await createApiKey(db, org.id, now);
    const session = await createSession(db, user.id, now);
    const dump = JSON.stringify([
      await db.selectFrom('sign_in_tokens').selectAll().execute(),
      await db.selectFrom('sessions').selectAll().execute(),
      await db.selectFrom('api_keys').selectAll().execute(),
    ]);
    for (const secret of [link, key, session]) expect(dump).not.toContain(secret);
    expect((await sessionUser(db, session, now))?.id).toBe(user.id);
    expect(await sessionUser(db, session, new Date('2026-03-02T10:00:00Z'))).toBeUndefined();
    expect(await organisationOfApiKey(db, key)).toBe(org.id);
    expect((await apiKeysOf(db, org.id))[0]?.prefix).toBe(key.slice(0, 12));
  });

  it('uses a sign-in link once, and tells an expired link from a used one', async () => {
    const { db } = await databases.open();
    const user = await upsertUser(db, { email: 'operator@kaart.example', role: 'operator' });
    const now = new Date('2026-03-01T10:00:00Z');
    const link = await createSignInToken(db, user.id, now);
    const [a, b] = await Promise.all([consumeSignInToken(db, link, now), consumeSignInToken(db, link, now)]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect(await consumeSignInToken(db, link, now)).toEqual({ ok: false, reason: 'used' });

    const late = await createSignInToken(db, user.id, now);
    expect(await consumeSignInToken(db, late, new Date('2026-03-01T10:16:00Z'))).toEqual({ ok: false, reason: 'expired' });
    expect(await consumeSignInToken(db, 'made-up', now)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('sets, keeps, replaces and refuses a user\'s display name', async () => {
    const { db } = await databases.open();
    const org = await createOrganisation(db, { name: 'Wijkteam Noord' });
    const invite = { email: 'jan@noord.example', role: 'editor' as const, organisationId: org.id };
    expect((await upsertUser(db, { ...invite, name: '  Jan Jansen ' })).name).toBe('Jan Jansen');
    expect((await upsertUser(db, invite)).name).toBe('Jan Jansen');
    expect((await upsertUser(db, { ...invite, name: null })).name).toBe('Jan Jansen');
    expect((await upsertUser(db, { ...invite, name: 'J. Jansen' })).name).toBe('J. Jansen');
    expect((await upsertUser(db, { email: 'piet@noord.example', role: 'editor', organisationId: org.id })).name).toBeNull();

    for (const bad of ['   ', 'Jan\nJansen', 'Jan\u0007', 'x'.repeat(101)]) {
      await expect(upsertUser(db, { ...invite, name: bad })).rejects.toThrow(/^name must /);
    }
    expect((await userByEmail(db, invite.email))?.name).toBe('J. Jansen');
    expect(userName('x'.repeat(100))).toHaveLength(100);
    expect(() => userName('')).toThrow('name must not be empty');
    expect(userNameProblem('Jan\tJansen')).toMatch(/control characters/);
    expect(userNameProblem(' Jan ')).toBeUndefined();
  });

  it('refuses an editor without an organisation and revokes API keys', async () => {
    const { db } = await databases.open();
    await expect(upsertUser(db, { email: 'x@y.example', role: 'editor' })).rejects.toThrow(/editor_has_organisation/);
    const viewer = await upsertUser(db, { email: 'monitor@gemeente.example', role: 'gemeente_viewer', gemeente: 'Utrecht' });
    expect(viewer.organisation_id).toBeNull();
    const org = await createOrganisation(db, { name: 'Humanitas' });
    const { key, apiKey } = await createApiKey(db, org.id);
    expect((await revokeApiKey(db, apiKey.prefix)).map((k) => k.id)).toEqual([apiKey.id]);
    expect(await organisationOfApiKey(db, key)).toBeUndefined();
    expect(await revokeApiKey(db, String(apiKey.id))).toEqual([]);
  });

  it('saves, pauses, confirms and deletes activities, and pages through the published ones', async () => {
    const { db } = await databases.open();
    const org = await createOrganisation(db, { name: 'Buurtkamer' });
    const other = await createOrganisation(db, { name: 'Andere' });
    const doc = (id: string) => ({ id, title: `t ${id}`, assuredDate: '2025-01-01' });
    await saveActivities(db, [
      { organisationId: org.id, key: 'koffie', record: { id: 'koffie', name: 'Koffie' }, documents: [doc('a1'), doc('a2')], origin: 'api', assuredDate: '2025-01-01' },
      { organisationId: org.id, key: 'wandelen', record: { id: 'wandelen', name: 'Wandelen' }, documents: [doc('b1')], origin: 'api', assuredDate: '2025-06-01' },
      { organisationId: other.id, key: 'koffie', record: { id: 'koffie' }, documents: [doc('c1')], origin: 'portal', assuredDate: '2025-01-01' },
    ]);
    const before = await saveActivities(db, [{ organisationId: org.id, key: 'koffie', record: { id: 'koffie', name: 'Koffie!' }, documents: [doc('a1')], origin: 'portal', assuredDate: '2025-02-01' }]);
    expect(before.get('koffie')?.documents.map((d) => d.id)).toEqual(['a1', 'a2']);
    await setActivityStatus(db, org.id, 'wandelen', 'paused');

    const ids: string[] = [];
    for await (const d of publishedDocuments(db, { pageSize: 1 })) ids.push(String(d.id));
    expect(ids.sort()).toEqual(['a1', 'c1']);
    const recent: string[] = [];
    for await (const d of publishedDocuments(db, { assuredOnOrAfter: '2025-02-01' })) recent.push(String(d.id));
    expect(recent).toEqual(['a1']);
    expect((await publishedAssuredBefore(db, '2025-02-01')).map((r) => [r.organisation_id, r.key])).toEqual([[other.id, 'koffie']]);

    const confirmed = await confirmActivities(db, org.id, '2026-03-01');
    expect(confirmed).toHaveLength(2);
    const koffie = await getActivity(db, org.id, 'koffie');
    expect(koffie?.assured_date).toBe('2026-03-01');
    expect(koffie?.record.assured_date).toBe('2026-03-01');
    expect(koffie?.documents[0]?.assuredDate).toBe('2026-03-01');
    expect((await getActivity(db, other.id, 'koffie'))?.assured_date).toBe('2025-01-01');

    const overview = await freshnessOverview(db, '2025-06-01');
    expect(overview.map((r) => [r.name, r.activities, r.published, r.stale, r.oldestAssured])).toEqual([
      ['Andere', 1, 1, 1, '2025-01-01'],
      ['Buurtkamer', 2, 1, 0, '2026-03-01'],
    ]);
    expect((await deleteActivity(db, org.id, 'koffie'))?.key).toBe('koffie');
    expect(await getActivity(db, org.id, 'koffie')).toBeUndefined();
  });

  it('writes a batch of activities all or nothing', async () => {
    const { db } = await databases.open();
    const org = await createOrganisation(db, { name: 'Batch' });
    await expect(
      saveActivities(db, [
        { organisationId: org.id, key: 'ok', record: {}, documents: [], origin: 'upload', assuredDate: '2025-01-01' },
        { organisationId: org.id, key: 'bad', record: {}, documents: [], origin: 'upload', assuredDate: 'not a date' },
      ]),
    ).rejects.toThrow();
    expect(await getActivity(db, org.id, 'ok')).toBeUndefined();
  });

  it('keeps a feed registration with its validators and last result', async () => {
    const { db } = await databases.open();
    const org = await createOrganisation(db, { name: 'Feedorg' });
    const feed = await createFeed(db, { organisationId: org.id, url: 'https://feed.example/services' });
    expect(feed.schedule).toBe('0 * * * *');
    await recordFeedPull(db, feed.id, { result: { ok: true, accepted: 3 }, etag: '"v1"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' });
    await recordFeedPull(db, feed.id, { result: { ok: true, notModified: true } });
    const [stored] = await feedsOf(db, org.id);
    expect(stored?.etag).toBe('"v1"');
    expect(stored?.last_modified).toBe('Tue, 01 Dec 2026 10:00:00 GMT');
    expect(stored?.last_result).toEqual({ ok: true, notModified: true });
  });

  it('finds who is due a freshness reminder, at most once in the interval', async () => {
    const { db } = await databases.open();
    const old = await createOrganisation(db, { name: 'Oud', email: 'oud@x.example' });
    const fresh = await createOrganisation(db, { name: 'Vers' });
    await saveActivities(db, [
      { organisationId: old.id, key: 'a', record: {}, documents: [], origin: 'api', assuredDate: '2025-01-01' },
      { organisationId: old.id, key: 'b', record: {}, documents: [], origin: 'api', assuredDate: '2025-01-02', status: 'paused' },
      { organisationId: fresh.id, key: 'c', record: {}, documents: [], origin: 'api', assuredDate: '2026-05-01' },
    ]);
    const now = new Date('2026-06-01T08:00:00Z');
    expect(await remindersDue(db, '2026-01-01', new Date('2026-05-01T08:00:00Z'))).toEqual([{ organisationId: old.id, name: 'Oud', email: 'oud@x.example', count: 1 }]);
    await markReminded(db, old.id, now);
    expect(await remindersDue(db, '2026-01-01', new Date('2026-05-01T08:00:00Z'))).toEqual([]);
    expect(await remindersDue(db, '2026-01-01', new Date('2026-07-01T08:00:00Z'))).toHaveLength(1);
  });
});

describe('the embedded database directory', () => {
  const databases = useDatabases('pglite');

  it('is opened by one process at a time, and a stale lock is taken over', async () => {
    const url = await databases.freshUrl();
    const first = await openDatabase({ url });
    await expect(openDatabase({ url })).rejects.toThrow(/already open in this process/);
    await first.close();

    // Another live process holds it (the parent of this test process stands in for it).
    await mkdir(url, { recursive: true });
    await writeFile(`${url}.lock`, String(process.ppid));
    await expect(openDatabase({ url })).rejects.toThrow(new RegExp(`in use by process ${process.ppid}.*DATABASE_URL=postgres`));

    // Its holder is gone: the lock is stale and taken over, and released on close.
    await writeFile(`${url}.lock`, '2147483646');
    const again = await openDatabase({ url });
    expect(await readFile(`${url}.lock`, 'utf8')).toBe(String(process.pid));
    await again.close();
    await expect(readFile(`${url}.lock`, 'utf8')).rejects.toThrow(/ENOENT/);
  });
});
