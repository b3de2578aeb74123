/**
 * The inbox's jobs with an injected clock: "Er is een nieuwe verwijzing" through the demo
 * mailbox (once per referral and organisation, again after a handover, never with patient
 * data), and retention deleting sealed payloads at the configured ages while the history stays.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { appendReferralStatus, getReferral, type Db } from '@sociale-kaart/db';
import { useDatabases } from '@sociale-kaart/db/testing';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { generateExtractableKeyPair } from '@sociale-kaart/sealing';
import { startMailbox, startPortal, type Mailbox, type RunningPortal } from '../src/index.js';
import { insertSealedReferral, makeInboxOrganisation, PATIENT_PART } from './inbox-fixtures.js';

const meili = useMeilisearch();
const DAY = 86_400_000;

describe('the inbox jobs', () => {
  const databases = useDatabases('pglite');
  let portal: RunningPortal | undefined;
  let mailbox: Mailbox | undefined;
  let now = new Date('2026-06-15T10:00:00Z');
  afterAll(async () => {
    await portal?.close();
    await mailbox?.close();
  });

  it('mails each new inbox referral to its organisation once, without patient data, and again after a handover', async () => {
    mailbox = await startMailbox();
    portal = await startPortal({
      port: 0,
      databaseUrl: await databases.freshUrl(),
      meili: { url: meili.url, apiKey: meili.masterKey, index: 'portal_inbox_jobs' },
      smtpUrl: mailbox.smtpUrl,
      schedule: false,
      retention: { afterClosedDays: 10, neverOpenedDays: 20 },
      clock: () => now,
      log: () => {},
    });
    const db: Db = portal.database.db;
    const linde = await makeInboxOrganisation(db, 'Stichting De Linde', 'info@delinde.example');
    const anker = await makeInboxOrganisation(db, 'Welzijn Het Anker', 'info@anker.example');
    const key = await generateExtractableKeyPair();
    await insertSealedReferral(db, { id: 'ref-1', organisationId: linde.id, key });

    const mail = mailbox.waitFor((m) => m.to.includes('info@delinde.example'));
    expect(await portal.notifyNewReferrals()).toEqual(['ref-1']);
    const caught = await mail;
    expect(caught.subject).toBe('Er is een nieuwe verwijzing');
    expect(caught.text).toContain(`${portal.url}/inbox/ref-1`);
    for (const secret of [PATIENT_PART.patient.name, PATIENT_PART.patient.phone!, PATIENT_PART.note!]) expect(caught.text).not.toContain(secret);
    expect((await getReferral(db, 'ref-1'))!.notified_at).toEqual(now);
    expect(await portal.notifyNewReferrals()).toEqual([]);

    // A handover moves it to another inbox, whose organisation is told in turn.
    const row = (await getReferral(db, 'ref-1'))!;
    await appendReferralStatus(db, 'ref-1', { status: 'handed_over', at: now.toISOString(), to: { organizationId: anker.id, organizationName: anker.name } }, { organisationId: anker.id, sealed: row.sealed!, publicPart: row.public_part! });
    const second = mailbox.waitFor((m) => m.to.includes('info@anker.example'));
    expect(await portal.notifyNewReferrals()).toEqual(['ref-1']);
    expect((await second).subject).toBe('Er is een nieuwe verwijzing');
  });

  it('deletes payloads at the configured ages after closing or when never opened, and keeps the history', async () => {
    const db: Db = portal!.database.db;
    const key = await generateExtractableKeyPair();
    const org = await makeInboxOrganisation(db, 'Buurtwerk Oost', 'info@oost.example');
    const start = new Date('2026-07-01T10:00:00Z');
    await insertSealedReferral(db, { id: 'closed', organisationId: org.id, key, createdAt: start });
    await insertSealedReferral(db, { id: 'unopened', organisationId: org.id, key, createdAt: start });
    await insertSealedReferral(db, { id: 'in-progress', organisationId: org.id, key, createdAt: start });
    await db.updateTable('referrals').set({ opened_at: start }).where('id', 'in', ['closed', 'in-progress']).execute();
    await appendReferralStatus(db, 'closed', { status: 'closed', at: start.toISOString() });
    await appendReferralStatus(db, 'in-progress', { status: 'contacted', at: start.toISOString() });

    now = new Date(start.getTime() + 9 * DAY);
    expect(await portal!.applyRetention()).toEqual([]);
    now = new Date(start.getTime() + 10 * DAY);
    expect(await portal!.applyRetention()).toEqual(['closed']);
    const closed = (await getReferral(db, 'closed'))!;
    expect(closed).toMatchObject({ sealed: null, payload_deleted_at: now, status: 'closed' });
    expect(closed.history.map((h) => h.status)).toEqual(['closed']);

    now = new Date(start.getTime() + 19 * DAY);
    expect(await portal!.applyRetention()).toEqual([]);
    now = new Date(start.getTime() + 20 * DAY);
    expect(await portal!.applyRetention()).toEqual(['unopened']);
    now = new Date(start.getTime() + 400 * DAY);
    expect(await portal!.applyRetention()).not.toContain('in-progress');
    expect((await getReferral(db, 'in-progress'))!.sealed).not.toBeNull();
  });
});
