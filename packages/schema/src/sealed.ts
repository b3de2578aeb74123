/**
 * The wire format of an end-to-end encrypted referral (issue 13): the sealed patient part
 * (`sealed: { kid, enc, ciphertext }`), what is inside it once opened, and the receiving
 * organisation's public key as `GET /v1/organizations/{id}/referral-key` answers it.
 * The relay, the portal and the widgets validate with these; `@sociale-kaart/sealing`
 * seals and opens.
 */
import { z } from 'zod';
import { REFERRAL_LIMITS } from './limits.js';
import { patientSchema } from './referral.js';

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const base64url = (min: number, max: number, what: string) =>
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

export const keyIdSchema = base64url(SEALED_LIMITS.kid, SEALED_LIMITS.kid, 'kid').meta({
  description: 'RFC 7638 SHA-256 thumbprint of the public key (base64url).',
});

export const sealedReferralSchema = z
  .strictObject({
    kid: keyIdSchema,
    enc: base64url(1, SEALED_LIMITS.enc, 'enc').meta({ description: 'HPKE encapsulated key (base64url).' }),
    ciphertext: base64url(17, SEALED_LIMITS.ciphertext, 'ciphertext').meta({ description: 'HPKE ciphertext of the patient part (base64url).' }),
  })
  .meta({
    id: 'SealedReferral',
    description:
      'The patient part sealed with HPKE (RFC 9180; DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base mode) to the receiving organisation\'s key `kid`, with the public part of the referral as associated data. Only the welzijnscoach can open it.',
  });
export type SealedReferral = z.infer<typeof sealedReferralSchema>;

/** What is sealed: the patient's details and the GP's note, never anything else. */
export const sealedPatientPartSchema = z
  .strictObject({
    patient: patientSchema,
    note: z.string().trim().max(REFERRAL_LIMITS.note).optional(),
  })
  .meta({ id: 'SealedPatientPart' });
export type SealedPatientPart = z.infer<typeof sealedPatientPartSchema>;
/** The patient part before validation (untrimmed), as a form collects it. */
export type SealedPatientPartInput = z.input<typeof sealedPatientPartSchema>;

/** JWK members that only a private (or symmetric) key has: a published key must have none. */
export const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/** HPKE-0 in draft-ietf-jose-hpke-encrypt: DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-128-GCM. */
export const REFERRAL_KEY_ALG = 'HPKE-0';

const coordinate = (name: 'x' | 'y') =>
  base64url(43, 43, name).meta({ description: `The ${name} coordinate of the P-256 point (32 bytes, base64url).` });

const isPrivateMember = (key: PropertyKey) => (PRIVATE_JWK_MEMBERS as readonly PropertyKey[]).includes(key);

export const referralPublicKeySchema = z
  .strictObject(
    {
      kid: keyIdSchema,
      kty: z.literal('EC', 'kty must be "EC"'),
      crv: z.literal('P-256', 'crv must be "P-256"'),
      x: coordinate('x'),
      y: coordinate('y'),
      alg: z.literal(REFERRAL_KEY_ALG, `alg must be "${REFERRAL_KEY_ALG}"`).optional(),
      use: z.literal('enc', 'use must be "enc"').optional(),
    },
    {
      // Leaking a private key is the one mistake to name plainly, not as just another unknown member.
      error: (issue) =>
        issue.code === 'unrecognized_keys' && issue.keys.some(isPrivateMember)
          ? `a private key member (${issue.keys.filter(isPrivateMember).join(', ')}): publish only the public key`
          : undefined,
    },
  )
  .meta({
    id: 'ReferralPublicKey',
    description: "The organisation's current public key for sealed referrals: an EC P-256 public JWK whose kid is its RFC 7638 thumbprint.",
  });
export type ReferralPublicKey = z.infer<typeof referralPublicKeySchema>;
