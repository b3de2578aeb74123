/**
 * #13's privacy promise, checked the hard way: after a webhook referral (delivered and failed)
 * and a sealed inbox referral with a distinctive name, phone number and note, neither a full
 * `pg_dump` of the real PostgreSQL database nor any log line of the API contains them.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findPostgresBin, useDatabases } from '@sociale-kaart/db/testing';
import { sealReferral } from '@sociale-kaart/sealing/seal';
import { referralPublicPart } from '@sociale-kaart/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { dbRelay, freshDataKey, inboxOrganisation, recordingIntake, webhookOrganisation } from './referrals/db-relay.js';
import { activity, type Listening } from './referrals/helpers.js';

const run = promisify(execFile);
const NAME = 'Zwaantje Privacytestenaar';
const PHONE = '06 9876 5432';
const NOTE = 'Zeilt graag op het Veluwemeer';
const needles = [NAME, 'Privacytestenaar', PHONE, PHONE.replaceAll(' ', ''), NOTE, 'Veluwemeer'];

const servers: Listening[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('no patient data at rest or in logs (real PostgreSQL)', () => {
  const databases = useDatabases('postgres');

  it('leaves no name, phone or note in a pg_dump or in any log line', async () => {
    const { db, url } = await databases.open();
    const dataKey = await freshDataKey();
    const intake = await recordingIntake();
    servers.push(intake);
    const hook = await webhookOrganisation(db, 'Welzijn Webhook', intake.intakeUrl, dataKey);
    const broken = await webhookOrganisation(db, 'Welzijn Onbereikbaar', 'http://127.0.0.1:9/referrals', dataKey);
    const inbox = await inboxOrganisation(db, 'Welzijn Inbox');
    const activities = [
      activity({ id: 'act-hook', organization: { id: hook.id, name: 'Welzijn Webhook' } }),
      activity({ id: 'act-broken', organization: { id: broken.id, name: 'Welzijn Onbereikbaar' } }),
      activity({ id: 'act-inbox', organization: { id: inbox.id, name: 'Welzijn Inbox' } }),
    ];
    const relay = await dbRelay(db, activities, { dataKey });
    const patient = { name: NAME, contactPreference: 'phone' as const, phone: PHONE };
    const clear = (activityId: string) => ({ target: 'activity', activityId, reasons: ['eenzaamheid'], consent: true, patient, note: NOTE });

    expect((await relay.refer(clear('act-hook'))).status).toBe(202);
    expect(intake.hits[0]!.body).toContain(NAME);
    expect((await relay.refer(clear('act-broken'))).status).toBe(502);
    const sealed = await sealReferral(inbox.key!.publicJwk, { kid: inbox.key!.kid }, { patient, note: NOTE }, {
      ...referralPublicPart({ target: 'activity', activityId: 'act-inbox', organizationId: inbox.id, reasons: ['eenzaamheid'] }),
    });
    expect((await relay.refer({ target: 'activity', activityId: 'act-inbox', reasons: ['eenzaamheid'], consent: true, sealed })).status).toBe(202);
    // Refused plaintext to the inbox is not kept either.
    expect((await relay.refer(clear('act-inbox'))).status).toBe(400);

    const { stdout: dump } = await run(join(await findPostgresBin(), 'pg_dump'), ['--dbname', url, '--no-owner'], { maxBuffer: 64 * 1024 * 1024 });
    expect(dump).toContain(sealed.ciphertext);
    expect(dump).toContain('act-broken');
    const logs = [...relay.logger.lines, ...relay.requestLines].join('\n');
    expect(logs).toContain('referral.delivery_failed');
    for (const needle of needles) {
      expect(dump, `pg_dump contains "${needle}"`).not.toContain(needle);
      expect(logs, `a log line contains "${needle}"`).not.toContain(needle);
    }
    expect(dump).not.toContain(hook.secret);
  });
});
