/**
 * A referral to an organisation that receives in the hosted inbox: only a sealed one is
 * taken. It must be sealed to the organisation's current key; the relay stores the envelope
 * exactly as it came with the public part it is bound to, built here from the validated
 * request and the looked-up target (the same `referralPublicPart` the browser used, so a
 * moved ciphertext fails to open). Status `sent` once stored: nothing is delivered, the coach
 * opens it in the portal. Nothing sealed is ever logged.
 */
import { referralPublicPart, type Activity, type CreateReferralBody } from '@sociale-kaart/schema';
import type { Logger } from '../http/log.js';
import { ProblemError, badRequest, type FieldError, type ProblemMembers } from '../http/problem.js';
import type { ReferralKeys } from './db-routes.js';
import type { NewReferral, ReferralStore } from './store.js';

export interface InboxReferralInput {
  body: CreateReferralBody;
  target: Activity;
  /** `target` and `contact` of the problem answers. */
  members: ProblemMembers;
  /** What the relay keeps of every referral (ids, token hash, need keys, gemeente). */
  referral: Omit<NewReferral, 'delivery' | 'sealed' | 'publicPart'>;
  store: ReferralStore;
  keys: ReferralKeys;
  clock: () => Date;
  logger: Logger;
}

export async function storeInboxReferral({ body, target, members, referral, store, keys, clock, logger }: InboxReferralInput): Promise<void> {
  const organization = target.organization;
  const logFields = { referralId: referral.id, activityId: target.id, organizationId: organization.id };
  if (!store.keepsSealed) {
    // A store that would drop the sealed payload must not accept it.
    logger.error('referral.inbox_without_database', logFields);
    throw new ProblemError(422, 'no-electronic-intake', 'No electronic intake', {
      detail: `${organization.name} receives referrals in the hosted inbox, which this server does not run: refer by phone or e-mail.`,
      members,
    });
  }
  const key = await keys.currentKey(organization.id);
  if (!key) {
    throw new ProblemError(422, 'no-referral-key', 'This organisation has no key for sealed referrals', {
      detail: `${organization.name} receives referrals in its inbox but has not set up its key yet: refer by phone or e-mail, and give the patient the handout.`,
      members,
    });
  }
  const plaintext: FieldError[] = [];
  const inClear = 'is not accepted in the clear: this organisation receives sealed referrals only; seal it to its referral key';
  if (body.patient !== undefined) plaintext.push({ parameter: 'patient', pointer: '/patient', message: inClear });
  if (body.note !== undefined) plaintext.push({ parameter: 'note', pointer: '/note', message: inClear });
  if (body.sealed === undefined) {
    // The schema allows `patient` or `sealed`, never neither: here `patient` (and maybe `note`) came in the clear.
    throw badRequest(plaintext, 'invalid-referral', 'The request has invalid fields');
  }
  if (body.sealed.kid !== key.kid) {
    throw new ProblemError(409, 'stale-referral-key', 'Sealed to a key that is no longer current', {
      detail: `${organization.name} has a new key: seal the patient part to the key in \`key\` and send the referral again.`,
      members: { ...members, key },
    });
  }

  const publicPart = referralPublicPart({ target: body.target, activityId: target.id, organizationId: organization.id, reasons: body.reasons });
  const { kid, enc, ciphertext } = body.sealed;
  await store.create({ ...referral, delivery: 'inbox', sealed: { kid, enc, ciphertext }, publicPart: { ...publicPart } });
  await store.addStatus(referral.id, { status: 'sent', at: clock().toISOString() });
  logger.info('referral.sent', { ...logFields, delivery: 'inbox' });
}
