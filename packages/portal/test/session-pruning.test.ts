/**
 * Expired sessions and spent sign-in links are deleted, on every sign-in and hourly, with
 * an injected clock. A spent link is remembered for a day so a second click still says why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createSession, createSignInToken, openDatabase, upsertUser, type Db, type User } from '@sociale-kaart/db';
import { DATABASE_KINDS, useDatabases } from '@sociale-kaart/db/testing';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { startPortal, type RunningPortal } from '../src/index.js';
import { schedulePruning } from '../src/pages/session.js';
import { PageClient } from './http-client.js';

const meili = useMeilisearch();
const HOUR = 3600_000;

describe.each(DATABASE_KINDS)('pruning sessions and sign-in links on %s', (kind) => {
  const databases = useDatabases(kind);
  const t0 = new Date('2026-06-15T10:00:00Z');
  let now = t0;
  let portal: RunningPortal;
  let db: Db;
  let user: User;

  beforeAll(async () => {
    const url = await databases.freshUrl();
    const seed = await openDatabase({ url });
    const org = await createOrganisation(seed.db, { name: 'Stichting De Linde', verified: true });
    await upsertUser(seed.db, { email: 'coach@delinde.example', role: 'editor', organisationId: org.id });
    await seed.close();
    portal = await startPortal({ port: 0, databaseUrl: url, meili: { url: meili.url, apiKey: meili.masterKey, index: `portal_prune_${kind}` }, schedule: false, clock: () => now, log: () => {} });
    db = portal.database.db;
    user = (await db.selectFrom('users').selectAll().executeTakeFirstOrThrow()) as User;
  });
  afterAll(async () => {
    await portal?.close();
  });

  const at = (hours: number) => new Date(t0.getTime() + hours * HOUR);
  const sessionCount = async () => Number((await db.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const tokenCount = async () => Number((await db.selectFrom('sign_in_tokens').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  /** Signs in through the pages with a fresh link at the clock's time; returns the link's token. */
  const signIn = async () => {
    const token = await createSignInToken(db, user.id, now);
    const client = new PageClient(portal.url);
    await client.get('/aanmelden');
    const { res } = await client.post('/aanmelden/link', { token });
    expect(res.status).toBe(303);
    return { token, client };
  };

  it('deletes expired sessions on sign-in, and spent links once they are a day old', async () => {
    // t0: one session (12 h), one link never used, one link used by a sign-in.
    now = at(0);
    await createSession(db, user.id, now);
    await createSignInToken(db, user.id, now);
    const first = await signIn();
    expect(await sessionCount()).toBe(2);
    expect(await tokenCount()).toBe(2);

    // 13 h later: both sessions of t0 have expired and are gone after the next sign-in; the
    // spent links are younger than a day, so a second click still says it was used.
    now = at(13);
    await signIn();
    expect(await sessionCount()).toBe(1);
    expect(await tokenCount()).toBe(3);
    const again = await first.client.post('/aanmelden/link', { token: first.token });
    expect(again.res.status).toBe(400);
    expect(again.html).toContain('Deze link is al gebruikt');

    // 26 h after t0: the links of t0 are forgotten; the one used at 13 h is not yet.
    now = at(26);
    await signIn();
    expect(await tokenCount()).toBe(2);
    expect(await sessionCount()).toBe(1);
  });

  it('prunes hourly with croner, and on demand', async () => {
    now = at(100);
    await createSession(db, user.id, at(80));
    expect(await sessionCount()).toBeGreaterThan(0);
    const job = schedulePruning({ db, clock: () => now, log: () => {} });
    try {
      expect(job.getPattern()).toBe('23 * * * *');
      expect(job.isRunning()).toBe(true);
      await job.trigger();
    } finally {
      job.stop();
    }
    expect(await sessionCount()).toBe(0);
    expect(await tokenCount()).toBe(0);

    await createSession(db, user.id, at(85));
    await portal.pruneSessions();
    expect(await sessionCount()).toBe(0);
  });
});
