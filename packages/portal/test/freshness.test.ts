import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createOrganisation, listOrganisations, openDatabase } from '@sociale-kaart/db';
import { DATABASE_KINDS, useDatabases } from '@sociale-kaart/db/testing';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { ageInDays, daysBefore, freshnessState, startMailbox, startPortal, type Mailbox, type RunningPortal } from '../src/index.js';
import { serviceRecord } from './fixtures.js';

describe('freshness ages', () => {
  it('turns reminder, stale and hidden at the configured ages', () => {
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
    expect(ageInDays('2025-03-01', '2026-03-01')).toBe(365);
    const states = [149, 150, 179, 180, 364, 365].map((d) => freshnessState(daysBefore('2026-06-15', d), '2026-06-15'));
    expect(states).toEqual(['fresh', 'reminder', 'reminder', 'stale', 'stale', 'hidden']);
    const custom = { reminderDays: 10, staleDays: 20, hideDays: 30 };
    expect([9, 10, 20, 30].map((d) => freshnessState(daysBefore('2026-06-15', d), '2026-06-15', custom))).toEqual(['fresh', 'reminder', 'stale', 'hidden']);
  });
});

const meili = useMeilisearch();

describe.each(DATABASE_KINDS)('freshness reminders on %s', (kind) => {
  const databases = useDatabases(kind);
  let mailbox: Mailbox;
  let portal: RunningPortal;
  let now = new Date('2026-01-05T10:00:00Z');

  beforeAll(async () => {
    mailbox = await startMailbox();
    const url = await databases.freshUrl();
    const seed = await openDatabase({ url });
    const org = await createOrganisation(seed.db, { name: 'Stichting Oud', email: 'info@oud.example', verified: true });
    const { key } = await createApiKey(seed.db, org.id);
    await seed.close();
    portal = await startPortal({
      port: 0,
      databaseUrl: url,
      meili: { url: meili.url, apiKey: meili.masterKey, index: `portal_fresh_${kind}` },
      smtpUrl: mailbox.smtpUrl,
      schedule: false,
      freshness: { reminderDays: 100 },
      clock: () => now,
      log: () => {},
    });
    const put = await fetch(`${portal.url}/v1/providers/${org.id}/activities/koffie`, { method: 'PUT', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(serviceRecord()) });
    expect(put.status).toBe(201);
  });
  afterAll(async () => {
    await portal?.close();
    await mailbox?.close();
  });

  it('mails a reminder after the configured age, once a month at most', async () => {
    now = new Date('2026-04-10T10:00:00Z'); // 95 days
    expect(await portal.sendReminders()).toEqual([]);
    now = new Date('2026-04-20T10:00:00Z'); // 105 days
    const mail = mailbox.waitFor((m) => m.to.includes('info@oud.example'));
    expect(await portal.sendReminders()).toHaveLength(1);
    const caught = await mail;
    expect(caught.subject).toBe('Kloppen uw activiteiten nog?');
    expect(caught.text).toContain(`${portal.url}/activiteiten`);
    expect(caught.text).toContain('langer dan 100 dagen');
    now = new Date('2026-05-01T10:00:00Z');
    expect(await portal.sendReminders()).toEqual([]);
    now = new Date('2026-05-25T10:00:00Z');
    expect(await portal.sendReminders()).toHaveLength(1);
    expect(mailbox.messages().filter((m) => m.subject === 'Kloppen uw activiteiten nog?')).toHaveLength(2);
  });

  it('takes activities out of search after hideDays and brings them back on "Alles klopt nog"', async () => {
    const index = meili.client.index(`portal_fresh_${kind}`);
    const count = async () => (await index.search('Koffieochtend')).hits.length;
    now = new Date('2026-12-30T10:00:00Z'); // 359 days
    expect(await portal.hideUnconfirmed()).toBe(0);
    expect(await count()).toBe(1);
    now = new Date('2027-01-06T10:00:00Z'); // 366 days
    expect(await portal.hideUnconfirmed()).toBe(1);
    expect(await count()).toBe(0);
    const [org] = await listOrganisations(portal.database.db);
    await portal.service.confirmAll(org!);
    expect(await count()).toBe(1);
    expect(await portal.hideUnconfirmed()).toBe(0);
  });
});
