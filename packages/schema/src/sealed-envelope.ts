/**
 * The sealed envelope of an end-to-end encrypted referral (`sealed: { kid, enc, ciphertext }`)
 * and the public part it is bound to. Kept apart from sealed.ts so the referral request
 * (referral.ts) can carry it without an import cycle.
 */
import { z } from 'zod';
import { REFERRAL_LIMITS } from './limits.js';

const BASE64URL = /^[A-Za-z0-9_-]*$/;
/** A base64url string (no padding) of bounded length, with `what` in its messages. */
export const base64urlSchema = (min: number, max: number, what: string) =>
  z
    .string()
    .min(min, `${what} is too short`)
    .max(max, `${what} is too long`)
    .regex(BASE64URL, `${what} must be base64url (A–Z, a–z, 0–9, - and _, no padding)`);

/**
 * The largest patient part as UTF-8 JSON: every text field at its limit, each UTF-16 unit
 * taking at most 6 bytes (a `\uXXXX` escape), plus the JSON around them.
 */
const MAX_PATIENT_PART_BYTES =
  6 * (REFERRAL_LIMITS.patientName + REFERRAL_LIMITS.phone + 254 + REFERRAL_LIMITS.address + REFERRAL_LIMITS.note) + 200;

export const SEALED_LIMITS = {
  /** RFC 7638 SHA-256 thumbprint: 32 bytes, 43 base64url characters. */
  kid: 43,
  /** The KEM's encapsulated key; 65 bytes (87 characters) for DHKEM(P-256). */
  enc: 256,
  /** AEAD ciphertext of the largest patient part plus its 16-byte tag, in base64url. */
  ciphertext: Math.ceil(((MAX_PATIENT_PART_BYTES + 16) * 4) / 3),
} as const;

export const keyIdSchema = base64urlSchema(SEALED_LIMITS.kid, SEALED_LIMITS.kid, 'kid').meta({
  description: 'RFC 7638 SHA-256 thumbprint of the public key (base64url).',
});

export const sealedReferralSchema = z
  .strictObject({
    kid: keyIdSchema,
    enc: base64urlSchema(1, SEALED_LIMITS.enc, 'enc').meta({ description: 'HPKE encapsulated key (base64url).' }),
    ciphertext: base64urlSchema(17, SEALED_LIMITS.ciphertext, 'ciphertext').meta({ description: 'HPKE ciphertext of the patient part (base64url).' }),
  })
  .meta({
    id: 'SealedReferral',
    description:
      'The patient part sealed with HPKE (RFC 9180; DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base mode) to the receiving organisation\'s key `kid`, with the public part of the referral as associated data. Only the welzijnscoach can open it.',
  });
export type SealedReferral = z.infer<typeof sealedReferralSchema>;

/**
 * What a sealed referral is bound to (the HPKE associated data, as canonical JSON): what the
 * relay and the inbox see in the clear. The GP's browser builds it before sending; the inbox
 * builds it again from what the server stored, so a ciphertext moved to another referral,
 * organisation or set of reasons fails to open. Never the postcode or anything about the patient.
 */
export interface SealedReferralPublicPart {
  v: 1;
  target: 'activity' | 'coach';
  /** The activity (or the welzijnscoach's activity) the referral goes to. */
  activityId: string;
  /** The receiving organisation's id as the index has it. */
  organizationId: string;
  /** Need keys, sorted. */
  reasons: string[];
  consent: true;
}

export function referralPublicPart(input: {
  target: 'activity' | 'coach';
  activityId: string;
  organizationId: string;
  reasons: readonly string[];
}): SealedReferralPublicPart {
  return {
    v: 1,
    target: input.target,
    activityId: input.activityId,
    organizationId: input.organizationId,
    reasons: [...new Set(input.reasons)].sort(),
    consent: true,
  };
}
