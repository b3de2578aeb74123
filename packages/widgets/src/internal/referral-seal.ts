/**
 * Sealing a referral body in the GP's browser: loaded by the referral session only when the
 * receiving organisation has a key, as its own chunk (HPKE, the key's schema and the public
 * part it is bound to), so the dialog itself stays small.
 *
 * The first import turns off zod's `new Function` probe (the GP's page may forbid eval in its
 * CSP); the elements' `define` modules import it earlier still, since zod decides when a
 * schema is built and a bundler may put the schema modules ahead of this one.
 */
import '@sociale-kaart/sealing/jitless';
import { referralPublicPart, type ReferralPublicKey } from '@sociale-kaart/schema';
import { sealReferral } from '@sociale-kaart/sealing/seal';
import type { ReferralRequest } from './referral.js';

/**
 * `plain` with its patient part (patient and note) sealed to `key`, bound to the public part
 * the relay and the inbox see. The body names `activityId` (for a coach: the coach's activity,
 * which the seal is bound to) and no longer the patient's postcode.
 */
export async function sealBody(plain: ReferralRequest, key: ReferralPublicKey, to: { activityId: string; organizationId: string }): Promise<ReferralRequest> {
  const { patient, note, postcode: _postcode, ...rest } = plain;
  if (!patient) throw new TypeError('nothing to seal');
  const publicPart = referralPublicPart({ target: plain.target, activityId: to.activityId, organizationId: to.organizationId, reasons: plain.reasons });
  const sealed = await sealReferral(key, { kid: key.kid }, { patient, ...(note ? { note } : {}) }, { ...publicPart });
  return { ...rest, activityId: to.activityId, sealed };
}
