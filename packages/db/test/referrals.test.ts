import { describe, expect, it } from 'vitest';
import {
  REFERRAL_HISTORY_CAP,
  COLLEAGUE_HANDOVER,
  appendReferralStatus,
  createOrganisation,
  createReferral,
  currentReferralKey,
  currentReferralStatus,
  getReferral,
  handToColleague,
  markReferralOpened,
  referralKeysOf,
  rememberSignature,
  setReferralKey,
  upsertUser,
} from '../src/index.js';
import { DATABASE_KINDS, useDatabases } from '../src/testing.js';

const base = { targetType: 'activity' as const, activityId: 'act-1', organisationId: 'org-1', reasons: ['eenzaamheid'], tokenHash: 'ab'.repeat(32), delivery: 'inbox' as const };

describe('currentReferralStatus', () => {
  it('lets the receiver’s latest word win over the relay’s later “sent”', () => {
    expect(currentReferralStatus([{ status: 'received', at: '2026-01-01T10:00:00Z' }, { status: 'sent', at: '2026-01-01T10:00:01Z' }])).toBe('received');
    expect(currentReferralStatus([{ status: 'sent', at: '2026-01-01T10:00:00Z' }])).toBe('sent');
    expect(currentReferralStatus([])).toBe('pending');
  });

  it('never makes a colleague handover the current status', () => {
    const at = '2026-01-01T10:00:00Z';
    expect(currentReferralStatus([{ status: 'contacted', at }, { status: COLLEAGUE_HANDOVER, at }])).toBe('contacted');
    expect(currentReferralStatus([{ status: 'sent', at }, { status: COLLEAGUE_HANDOVER, at }])).toBe('sent');
    expect(currentReferralStatus([{ status: COLLEAGUE_HANDOVER, at }])).toBe('pending');
  });
});

describe.each(DATABASE_KINDS)('referrals on %s', (kind) => {
  const databases = useDatabases(kind);

  it('derives status, first contact, started activity and closing from the history, and caps it', async () => {
    const { db } = await databases.open();
    await createReferral(db, { ...base, id: 'r1', createdAt: new Date('2026-03-01T09:00:00Z') });
    await appendReferralStatus(db, 'r1', { status: 'sent', at: '2026-03-01T09:00:01Z' });
    await appendReferralStatus(db, 'r1', { status: 'contacted', at: '2026-03-03T09:00:00Z' });
    await appendReferralStatus(db, 'r1', { status: 'started', at: '2026-03-05T09:00:00Z', activityId: 'act-9' });
    let r = await appendReferralStatus(db, 'r1', { status: 'closed', at: '2026-03-10T09:00:00Z', reason: 'klaar' });
    expect(r).toMatchObject({ status: 'closed', started_activity_id: 'act-9' });
    expect(r!.first_contact_at!.toISOString()).toBe('2026-03-03T09:00:00.000Z');
    expect(r!.closed_at!.toISOString()).toBe('2026-03-10T09:00:00.000Z');
    for (let i = 0; i < REFERRAL_HISTORY_CAP + 5; i++) await appendReferralStatus(db, 'r1', { status: 'received', at: `2026-04-01T09:00:${String(i % 60).padStart(2, '0')}Z` });
    r = await getReferral(db, 'r1');
    expect(r!.history).toHaveLength(REFERRAL_HISTORY_CAP);
    expect(r!.first_contact_at!.toISOString()).toBe('2026-03-03T09:00:00.000Z');
    expect(r!.closed_at).toBeNull();
    expect(await appendReferralStatus(db, 'nope', { status: 'received', at: '2026-04-01T09:00:00Z' })).toBeUndefined();
  });

  it('moves a referral at a handover, with the new payload', async () => {
    const { db } = await databases.open();
    await createReferral(db, { ...base, id: 'r2', sealed: { kid: 'k1', enc: 'e', ciphertext: 'c' } });
    const r = await appendReferralStatus(
      db,
      'r2',
      { status: 'handed_over', at: '2026-03-02T09:00:00Z', to: { organizationId: 'org-2', organizationName: 'Twee' } },
      { organisationId: 'org-2', sealed: { kid: 'k2', enc: 'e2', ciphertext: 'c2' } },
    );
    expect(r).toMatchObject({ organisation_id: 'org-2', status: 'handed_over', sealed: { kid: 'k2' } });
    expect(r!.history.at(-1)!.to).toEqual({ organizationId: 'org-2', organizationName: 'Twee' });
  });

  it('hands a referral to a colleague through the one writer: an entry naming nobody, the status unchanged', async () => {
    const { db } = await databases.open();
    const org = await createOrganisation(db, { name: 'Welzijn Collega' });
    const anna = await upsertUser(db, { email: 'anna@collega.example', role: 'editor', organisationId: org.id });
    const bram = await upsertUser(db, { email: 'bram@collega.example', role: 'editor', organisationId: org.id });
    await createReferral(db, { ...base, id: 'r-col', organisationId: org.id, createdAt: new Date('2026-03-01T09:00:00Z') });
    await appendReferralStatus(db, 'r-col', { status: 'contacted', at: '2026-03-02T09:00:00Z' });
    let r = await handToColleague(db, 'r-col', anna.id, new Date('2026-03-03T09:00:00Z'));
    expect(r).toMatchObject({ status: 'contacted', assignee_user_id: anna.id });
    expect(r!.history.at(-1)).toEqual({ status: COLLEAGUE_HANDOVER, at: '2026-03-03T09:00:00.000Z' });
    expect(JSON.stringify(r!.history)).not.toMatch(/anna|bram|collega\.example/);
    // The same colleague again is no handover: no second entry.
    r = await handToColleague(db, 'r-col', anna.id, new Date('2026-03-04T09:00:00Z'));
    expect(r!.history).toHaveLength(2);
    r = await handToColleague(db, 'r-col', bram.id, new Date('2026-03-05T09:00:00Z'));
    expect(r).toMatchObject({ status: 'contacted', assignee_user_id: bram.id });
    expect(r!.history.map((h) => h.status)).toEqual(['contacted', COLLEAGUE_HANDOVER, COLLEAGUE_HANDOVER]);
    expect(r!.updated_at.toISOString()).toBe('2026-03-05T09:00:00.000Z');
    // A handover to another organisation clears who had it here.
    r = await appendReferralStatus(db, 'r-col', { status: 'handed_over', at: '2026-03-06T09:00:00Z', to: { organizationId: 'org-2', organizationName: 'Twee' } }, { organisationId: 'org-2' });
    expect(r).toMatchObject({ status: 'handed_over', assignee_user_id: null });
    await expect(appendReferralStatus(db, 'r-col', { status: COLLEAGUE_HANDOVER, at: '2026-03-07T09:00:00Z' })).rejects.toThrow(/assigneeUserId/);
    expect(await handToColleague(db, 'nope', anna.id, new Date())).toBeUndefined();
  });

  it('marks a referral opened once, recording received only when the organisation said nothing yet', async () => {
    const { db } = await databases.open();
    await createReferral(db, { ...base, id: 'r-open', createdAt: new Date('2026-03-01T09:00:00Z') });
    await appendReferralStatus(db, 'r-open', { status: 'sent', at: '2026-03-01T09:00:01Z' });
    let r = await markReferralOpened(db, 'r-open', new Date('2026-03-02T09:00:00Z'));
    expect(r).toMatchObject({ status: 'received' });
    expect(r!.opened_at!.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    r = await markReferralOpened(db, 'r-open', new Date('2026-03-03T09:00:00Z'));
    expect(r!.opened_at!.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(r!.history.map((h) => h.status)).toEqual(['sent', 'received']);
    // Contacted before anyone opened it here (a case system): opening adds no entry.
    await createReferral(db, { ...base, id: 'r-open-2' });
    await appendReferralStatus(db, 'r-open-2', { status: 'contacted', at: '2026-03-02T09:00:00Z' });
    r = await markReferralOpened(db, 'r-open-2', new Date('2026-03-03T09:00:00Z'));
    expect(r).toMatchObject({ status: 'contacted' });
    expect(r!.opened_at).not.toBeNull();
    expect(r!.history).toHaveLength(1);
    expect(await markReferralOpened(db, 'nope', new Date())).toBeUndefined();
  });

  it('keeps no member it does not know in the history', async () => {
    const { db } = await databases.open();
    await createReferral(db, { ...base, id: 'r3' });
    const r = await appendReferralStatus(db, 'r3', { status: 'received', at: '2026-03-02T09:00:00Z', patient: 'Jan' } as never);
    expect(JSON.stringify(r!.history)).not.toContain('Jan');
  });

  it('refuses a replayed signature until it expires', async () => {
    const { db } = await databases.open();
    const now = new Date('2026-03-01T09:00:00Z');
    expect(await rememberSignature(db, 'd1', new Date('2026-03-01T09:05:00Z'), now)).toBe(true);
    expect(await rememberSignature(db, 'd1', new Date('2026-03-01T09:05:00Z'), now)).toBe(false);
    expect(await rememberSignature(db, 'd1', new Date('2026-03-01T09:15:00Z'), new Date('2026-03-01T09:06:00Z'))).toBe(true);
  });

  it('rotates referral keys: the newest is current, the older stays listed as retired', async () => {
    const { db } = await databases.open();
    const org = await createOrganisation(db, { name: 'Welzijn' });
    await setReferralKey(db, org.id, 'kid-1', { kid: 'kid-1' }, new Date('2026-01-01T00:00:00Z'));
    await setReferralKey(db, org.id, 'kid-2', { kid: 'kid-2' }, new Date('2026-02-01T00:00:00Z'));
    expect((await currentReferralKey(db, org.id))!.kid).toBe('kid-2');
    const keys = await referralKeysOf(db, org.id);
    expect(keys.map((k) => [k.kid, k.retired_at === null])).toEqual([['kid-2', true], ['kid-1', false]]);
  });
});
