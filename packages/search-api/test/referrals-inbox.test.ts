import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendReferralStatus, getReferral, setReceiveMode, setReferralKey, setWebhookUrl, type Db } from '@sociale-kaart/db';
import { DATABASE_KINDS, runTypeScript, useDatabases } from '@sociale-kaart/db/testing';
import { transformInputs } from '@sociale-kaart/indexer';
import { generateExtractableKeyPair, openReferral, type ReferralKeyPair } from '@sociale-kaart/sealing';
import { sealReferral } from '@sociale-kaart/sealing/seal';
import { referralPublicPart } from '@sociale-kaart/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { signBody, verifySignature } from '../src/referrals/signature.js';
import { AUDIENCE, dbRelay, freshDataKey, inboxOrganisation, recordingIntake, webhookOrganisation } from './referrals/db-relay.js';
import { SECRET_A, activity, postJson, type Listening } from './referrals/helpers.js';

const PROBLEMS = `${AUDIENCE}/problems`;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const UTRECHT = join(ROOT, 'examples', 'feeds', 'hsds-json', 'utrecht.json');
/** The operator's sociale-kaart-admin, as a real process. */
const admin = (args: string[], url: string) => runTypeScript(join(ROOT, 'packages', 'portal', 'src', 'admin-main.ts'), args, { cwd: join(ROOT, 'packages', 'portal'), env: { DATABASE_URL: url } });
const patientPart = { patient: { name: 'Truus Testbeeld', contactPreference: 'phone' as const, phone: '06 1111 2222' }, note: 'Belt liever na tienen.' };
const servers: Listening[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** What the referral dialog does in the browser: seal to the key, bound to the public part. */
async function sealedBody(key: ReferralKeyPair, activityId: string, organizationId: string, overrides: Record<string, unknown> = {}) {
  const reasons = ['eenzaamheid', 'rouw'];
  const target = (overrides.target as 'activity' | 'coach' | undefined) ?? 'activity';
  const sealed = await sealReferral(key.publicJwk, { kid: key.kid }, patientPart, { ...referralPublicPart({ target, activityId, organizationId, reasons }) });
  return { target, activityId, reasons, sealed, consent: true, ...overrides };
}

async function referralCount(db: Db): Promise<number> {
  const row = await db.selectFrom('referrals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(DATABASE_KINDS)('the hosted inbox on %s', (kind) => {
  const databases = useDatabases(kind);

  async function world() {
    const { db } = await databases.open();
    const inbox = await inboxOrganisation(db, 'Welzijn Inbox');
    const act = activity({ id: 'act-inbox', organization: { id: inbox.id, name: 'Welzijn Inbox' } });
    const coach = activity({ id: 'act-coach', isWelzijnscoach: true, organization: { id: inbox.id, name: 'Welzijn Inbox' } });
    return { db, inbox, key: inbox.key!, act, coach, relay: await dbRelay(db, [act, coach]) };
  }

  it('answers the current referral key with no-cache and CORS, 404 problem+json without one, and documents it', async () => {
    const { db, inbox, key, relay } = await world();
    const res = await relay.request(`/v1/organizations/${inbox.id}/referral-key`, { headers: { origin: 'https://his.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://his.example');
    expect(await res.json()).toEqual(key.publicJwk);

    const rotated = await generateExtractableKeyPair();
    await setReferralKey(db, inbox.id, rotated.kid, rotated.publicJwk);
    expect(((await (await relay.request(`/v1/organizations/${inbox.id}/referral-key`)).json()) as { kid: string }).kid).toBe(rotated.kid);

    const none = await relay.request('/v1/organizations/nobody-here/referral-key');
    expect(none.status).toBe(404);
    expect(none.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await none.json()).toMatchObject({ type: `${PROBLEMS}/referral-key-not-found`, status: 404 });

    const openapi = (await (await relay.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toContain('/v1/organizations/{organizationId}/referral-key');
  });

  it('stores a browser-sealed referral as it came, bound to the public part it builds itself, and the coach opens it', async () => {
    const { db, inbox, key, relay } = await world();
    const res = await relay.refer(await sealedBody(key, 'act-inbox', inbox.id));
    expect(res.status).toBe(202);
    const created = (await res.json()) as { referralId: string; status: string; token: string };
    expect(created.status).toBe('sent');

    const row = (await getReferral(db, created.referralId))!;
    expect(row).toMatchObject({ delivery: 'inbox', status: 'sent', organisation_id: inbox.id, activity_id: 'act-inbox', reasons: ['eenzaamheid', 'rouw'], gemeente: 'Utrecht', referrer: 'AGB-01234567' });
    expect(row.public_part).toEqual(referralPublicPart({ target: 'activity', activityId: 'act-inbox', organizationId: inbox.id, reasons: ['rouw', 'eenzaamheid'] }));
    expect(await openReferral(key, row.sealed, row.public_part as never)).toEqual(patientPart);

    const view = await relay.request(`/v1/referrals/${created.referralId}?token=${created.token}`);
    expect(await view.json()).toMatchObject({ status: 'sent', history: [{ status: 'sent' }], target: { organizationId: inbox.id } });
    // A handover written by the inbox (through the one writer) is what the GP's status view shows.
    await appendReferralStatus(db, created.referralId, { status: 'handed_over', at: new Date().toISOString(), to: { organizationId: 'org-twee', organizationName: 'Welzijn Twee' } });
    const handed = await relay.request(`/v1/referrals/${created.referralId}?token=${created.token}`);
    expect(await handed.json()).toMatchObject({ status: 'handed_over', history: [{ status: 'sent' }, { status: 'handed_over', to: { organizationId: 'org-twee', organizationName: 'Welzijn Twee' } }] });
    const logs = [...relay.logger.lines, ...relay.requestLines].join('\n');
    expect(logs).toContain(created.referralId);
    expect(logs).not.toContain(row.sealed!.ciphertext);
    expect(logs).not.toContain(row.sealed!.enc);
  });

  it('takes a sealed referral to the welzijnscoach by the coach\'s activity, and refuses one that is not a coach', async () => {
    const { db, inbox, key, relay } = await world();
    const res = await relay.refer(await sealedBody(key, 'act-coach', inbox.id, { target: 'coach' }));
    expect(res.status).toBe(202);
    const row = (await getReferral(db, ((await res.json()) as { referralId: string }).referralId))!;
    expect(row).toMatchObject({ target_type: 'coach', activity_id: 'act-coach' });
    expect(await openReferral(key, row.sealed, row.public_part as never)).toEqual(patientPart);

    const notCoach = await relay.refer(await sealedBody(key, 'act-inbox', inbox.id, { target: 'coach' }));
    expect(notCoach.status).toBe(404);
  });

  it('refuses the patient and note in the clear with a pointer to each, storing nothing', async () => {
    const { db, relay } = await world();
    const res = await relay.refer({ target: 'activity', activityId: 'act-inbox', reasons: ['eenzaamheid'], consent: true, ...patientPart });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { type: string; errors: Array<{ pointer: string }> };
    expect(problem.type).toBe(`${PROBLEMS}/invalid-referral`);
    expect(problem.errors.map((e) => e.pointer).sort()).toEqual(['/note', '/patient']);
    expect(await referralCount(db)).toBe(0);
  });

  it('answers 409 stale-referral-key with the current key after a rotation, and accepts the re-sealed referral', async () => {
    const { db, inbox, key, relay } = await world();
    const rotated = await generateExtractableKeyPair();
    await setReferralKey(db, inbox.id, rotated.kid, rotated.publicJwk);
    const stale = await relay.refer(await sealedBody(key, 'act-inbox', inbox.id));
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ type: `${PROBLEMS}/stale-referral-key`, key: rotated.publicJwk, contact: { phone: '030 123 4567' } });
    expect(await referralCount(db)).toBe(0);
    expect((await relay.refer(await sealedBody(rotated, 'act-inbox', inbox.id))).status).toBe(202);
  });

  it('answers 422 no-referral-key with the contact details when the inbox has no key, and no route to an unverified organisation', async () => {
    const { db } = await databases.open();
    const keyless = await inboxOrganisation(db, 'Zonder Sleutel', { withKey: false });
    const unverified = await inboxOrganisation(db, 'Niet Gecontroleerd', { verified: false });
    const relay = await dbRelay(db, [
      activity({ id: 'act-keyless', organization: { id: keyless.id, name: 'Zonder Sleutel' } }),
      activity({ id: 'act-unverified', organization: { id: unverified.id, name: 'Niet Gecontroleerd' } }),
    ]);
    const someKey = await generateExtractableKeyPair();
    const noKey = await relay.refer(await sealedBody(someKey, 'act-keyless', keyless.id));
    expect(noKey.status).toBe(422);
    expect(await noKey.json()).toMatchObject({ type: `${PROBLEMS}/no-referral-key`, contact: { phone: '030 123 4567', email: 'info@welzijn-a.example' }, target: { organizationId: keyless.id } });
    const notVerified = await relay.refer(await sealedBody(unverified.key!, 'act-unverified', unverified.id));
    expect(notVerified.status).toBe(422);
    expect(await notVerified.json()).toMatchObject({ type: `${PROBLEMS}/no-electronic-intake` });
    expect(await referralCount(db)).toBe(0);
  });
});

describe.each(DATABASE_KINDS)('an organisation\'s own webhook on %s', (kind) => {
  const databases = useDatabases(kind);

  it('delivers to the approved URL signed with its secret, takes its signed statuses, and stops when the URL changes', async () => {
    const { db } = await databases.open();
    const dataKey = await freshDataKey();
    const intake = await recordingIntake();
    servers.push(intake);
    const org = await webhookOrganisation(db, 'Welzijn Webhook', intake.intakeUrl, dataKey);
    const act = activity({ id: 'act-hook', organization: { id: org.id, name: 'Welzijn Webhook' } });
    const relay = await dbRelay(db, [act], { dataKey });

    const res = await relay.refer({ target: 'activity', activityId: 'act-hook', reasons: ['eenzaamheid'], consent: true, ...patientPart });
    expect(res.status).toBe(202);
    const created = (await res.json()) as { referralId: string; token: string };
    expect(intake.hits).toHaveLength(1);
    const hit = intake.hits[0]!;
    expect(verifySignature({ secret: org.secret, body: hit.body, timestamp: hit.headers['x-sk-timestamp'], signature: hit.headers['x-sk-signature'], now: new Date() })).toMatchObject({ ok: true });
    expect(JSON.parse(hit.body)).toMatchObject({ referralId: created.referralId, patient: { name: 'Truus Testbeeld' } });
    expect(await getReferral(db, created.referralId)).toMatchObject({ delivery: 'webhook', status: 'sent', sealed: null, reasons: ['eenzaamheid'] });

    const status = JSON.stringify({ status: 'started', activityId: 'act-hook' });
    const ts = Math.floor(Date.now() / 1000);
    const posted = await relay.request(`/v1/referrals/${created.referralId}/status`, postJson(status, { 'X-SK-Timestamp': String(ts), 'X-SK-Signature': signBody(org.secret, status, ts) }));
    expect(posted.status).toBe(200);
    const view = (await (await relay.request(`/v1/referrals/${created.referralId}?token=${created.token}`)).json()) as { status: string; history: unknown[] };
    expect(view.status).toBe('started');
    expect(view.history.at(-1)).toMatchObject({ status: 'started', activityId: 'act-hook' });
    expect((await getReferral(db, created.referralId))!.started_activity_id).toBe('act-hook');

    const sealedToWebhook = await relay.refer({ target: 'activity', activityId: 'act-hook', reasons: ['eenzaamheid'], consent: true, sealed: { kid: 'k'.repeat(43), enc: 'abc', ciphertext: 'c'.repeat(40) } });
    expect(sealedToWebhook.status).toBe(422);
    expect(await sealedToWebhook.json()).toMatchObject({ type: `${PROBLEMS}/sealed-not-accepted` });

    await setWebhookUrl(db, org.id, `${intake.url}/elsewhere`);
    const unapproved = await relay.refer({ target: 'activity', activityId: 'act-hook', reasons: ['eenzaamheid'], consent: true, ...patientPart });
    expect(unapproved.status).toBe(422);
    expect(await unapproved.json()).toMatchObject({ type: `${PROBLEMS}/no-electronic-intake` });
    expect(intake.hits).toHaveLength(1);
    expect(relay.logger.lines.join('\n')).not.toContain(org.secret);
  });

  it('lets the operator\'s own route win, and an inbox organisation win over the regional route', async () => {
    const { db } = await databases.open();
    const intake = await recordingIntake();
    servers.push(intake);
    const inbox = await inboxOrganisation(db, 'Inbox Eerst');
    const act = activity({ id: 'act-layer', organization: { id: inbox.id, name: 'Inbox Eerst' } });
    const regional = new Map([['*', { secret: SECRET_A, intakeUrl: intake.intakeUrl }]]);
    const byRegion = await dbRelay(db, [act], { operatorRoutes: regional });
    expect((await byRegion.refer(await sealedBody(inbox.key!, 'act-layer', inbox.id))).status).toBe(202);
    expect(intake.hits).toHaveLength(0);

    const own = new Map([[inbox.id, { secret: SECRET_A, intakeUrl: intake.intakeUrl }]]);
    const byOperator = await dbRelay(db, [act], { operatorRoutes: own });
    expect((await byOperator.refer({ target: 'activity', activityId: 'act-layer', reasons: ['eenzaamheid'], consent: true, ...patientPart })).status).toBe(202);
    expect(intake.hits).toHaveLength(1);
  });
});

describe.each(DATABASE_KINDS)('an organisation the operator added under its feed\'s id on %s', (kind) => {
  const databases = useDatabases(kind);

  it('receives the referrals for that feed\'s activities once it has its own key; the same feed text under another source reaches nobody', async () => {
    const act = (await transformInputs([UTRECHT])).activities.find((a) => a.organization.name === 'Trajectum Welzijn' && a.acceptsWelzijnOpRecept && a.status === 'active')!;
    // Someone else's feed repeating the record word for word: ingested under its own source.
    const copy = (await transformInputs([{ input: UTRECHT, source: 'elders' }])).activities.find((a) => a.sourceRecordId === act.sourceRecordId)!;
    expect(copy.organization).toMatchObject({ name: act.organization.name, id: `elders_${act.organization.id.split('_')[1]}` });
    expect(copy.intake).toEqual(act.intake);
    expect(act.intake?.url).toMatch(/^https:/);

    const url = await databases.freshUrl();
    const added = await admin(['org', 'add', '--name', 'Trajectum Welzijn', '--feed-org', act.organization.id, '--verified'], url);
    expect(added.stderr).toBe('');
    expect(JSON.parse(added.stdout)).toMatchObject({ id: act.organization.id, verified: true });
    const { db } = await databases.open(url);
    const relay = await dbRelay(db, [act, copy]);

    // Added and verified, but it chose no way to receive yet.
    const before = await relay.refer({ target: 'activity', activityId: act.id, reasons: ['eenzaamheid'], consent: true, ...patientPart });
    expect(await before.json()).toMatchObject({ status: 422, type: `${PROBLEMS}/no-electronic-intake` });

    // What its coach does on the receiving page and /sleutel.
    await setReceiveMode(db, act.organization.id, 'inbox');
    const key = await generateExtractableKeyPair();
    await setReferralKey(db, act.organization.id, key.kid, key.publicJwk);
    expect(await (await relay.request(`/v1/organizations/${act.organization.id}/referral-key`)).json()).toEqual(key.publicJwk);
    const res = await relay.refer(await sealedBody(key, act.id, act.organization.id));
    expect(res.status).toBe(202);
    const row = (await getReferral(db, ((await res.json()) as { referralId: string }).referralId))!;
    expect(row).toMatchObject({ delivery: 'inbox', organisation_id: act.organization.id, activity_id: act.id });
    expect(await openReferral(key, row.sealed, row.public_part as never)).toEqual(patientPart);

    // The copy names the same organisation, intake and all: it is not the one the operator added.
    const copied = await relay.refer(await sealedBody(key, copy.id, copy.organization.id));
    expect(await copied.json()).toMatchObject({ status: 422, type: `${PROBLEMS}/no-electronic-intake` });
    expect((await relay.request(`/v1/organizations/${copy.organization.id}/referral-key`)).status).toBe(404);
    expect(await referralCount(db)).toBe(1);
  });
});
