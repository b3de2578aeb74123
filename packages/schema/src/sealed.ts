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
import { base64urlSchema, keyIdSchema } from './sealed-envelope.js';

export * from './sealed-envelope.js';

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
  base64urlSchema(43, 43, name).meta({ description: `The ${name} coordinate of the P-256 point (32 bytes, base64url).` });

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
