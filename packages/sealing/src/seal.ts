/**
 * Sealing, in the GP's browser: the patient part of a referral is encrypted to the receiving
 * organisation's public key before it leaves the page. This is the `@sociale-kaart/sealing/seal`
 * entry point: it holds only what sealing needs (no opening, keystore or recovery code), so
 * the referral dialog's lazily loaded chunk stays small.
 */
import './jitless.js';
import { sealedPatientPartSchema, type SealedPatientPartInput, type SealedReferral } from '@sociale-kaart/schema';
import { CanonicalJsonError, canonicalJson, toBase64url, utf8, type ReferralPublicPart } from './encoding.js';
import { InvalidPublicKeyError, MalformedInputError, issuesOf } from './errors.js';
import { importReferralPublicKey, isImportedKey } from './public-key.js';
import { infoFor, suite } from './suite.js';

export type { ReferralPublicPart, JsonValue } from './encoding.js';
export type { RecipientKey } from './public-key.js';
export type { SealedPatientPart, SealedPatientPartInput, SealedReferral, ReferralPublicKey } from '@sociale-kaart/schema';
export { importReferralPublicKey } from './public-key.js';
export { canonicalJson } from './encoding.js';
export * from './errors.js';

/**
 * Seals `patientPart` to the organisation's key, binding it to `publicPart` (what the relay
 * and the inbox see in the clear: ids, reason keys, consent, target) as associated data.
 *
 * @param publicKey the organisation's public JWK as the search API answers it (or an already imported key)
 * @param options.kid the key id the caller expects; sealing refuses a key with another id
 * @throws InvalidPublicKeyError, MalformedInputError (part `patientPart` or `publicPart`)
 */
export async function sealReferral(
  publicKey: unknown,
  options: { kid: string },
  patientPart: SealedPatientPartInput,
  publicPart: ReferralPublicPart,
): Promise<SealedReferral> {
  const recipient = isImportedKey(publicKey) ? publicKey : await importReferralPublicKey(publicKey);
  if (recipient.kid !== options.kid) throw new InvalidPublicKeyError('kid does not match the expected key');
  const parsed = sealedPatientPartSchema.safeParse(patientPart);
  if (!parsed.success) throw new MalformedInputError('patientPart', issuesOf(parsed.error));
  const aad = associatedData(publicPart);
  const { enc, ct } = await suite.seal(
    { recipientPublicKey: recipient.publicKey, info: infoFor(recipient.kid) },
    utf8(JSON.stringify(parsed.data)),
    aad,
  );
  return { kid: recipient.kid, enc: toBase64url(new Uint8Array(enc)), ciphertext: toBase64url(new Uint8Array(ct)) };
}

/** The associated data of a referral: the canonical JSON of its public part, as UTF-8. */
export function associatedData(publicPart: ReferralPublicPart): Uint8Array<ArrayBuffer> {
  if (typeof publicPart !== 'object' || publicPart === null || Array.isArray(publicPart)) {
    throw new MalformedInputError('publicPart', [{ path: '', message: 'must be an object' }]);
  }
  try {
    return utf8(canonicalJson(publicPart));
  } catch (e) {
    if (e instanceof CanonicalJsonError) throw new MalformedInputError('publicPart', [e.issue]);
    throw e;
  }
}
