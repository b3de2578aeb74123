/**
 * Opening, in the welzijnscoach's browser: the sealed patient part back into a validated
 * `{ patient, note? }`, or a typed error that the inbox shows as it is — never a crash and
 * never a partial result.
 */
import { sealedPatientPartSchema, sealedReferralSchema, type SealedPatientPart } from '@sociale-kaart/schema';
import { fromBase64url, fromUtf8, type ReferralPublicPart } from './encoding.js';
import { MalformedInputError, TamperedReferralError, UnknownKeyError, WrongKeyError, issuesOf } from './errors.js';
import { Keyring } from './keyring.js';
import { keyFits, type ReferralKeyPair } from './keys.js';
import { associatedData } from './seal.js';
import { infoFor, suite } from './suite.js';

/** One key, several, or a keyring. */
export type KeySource = Keyring | ReferralKeyPair | readonly ReferralKeyPair[];

/**
 * @param keys the device's keys; the one named by `sealed.kid` is used
 * @param sealed `{ kid, enc, ciphertext }` as stored by the relay
 * @param publicPart the referral's public part, exactly as it was when sealed
 * @throws UnknownKeyError, WrongKeyError, TamperedReferralError, MalformedInputError (part `sealed`, `publicPart` or `opened`)
 */
export async function openReferral(keys: KeySource, sealed: unknown, publicPart: ReferralPublicPart): Promise<SealedPatientPart> {
  const envelope = sealedReferralSchema.safeParse(sealed);
  if (!envelope.success) throw new MalformedInputError('sealed', issuesOf(envelope.error));
  const { kid } = envelope.data;
  const aad = associatedData(publicPart);
  let enc: Uint8Array<ArrayBuffer>;
  let ciphertext: Uint8Array<ArrayBuffer>;
  try {
    enc = fromBase64url(envelope.data.enc) as Uint8Array<ArrayBuffer>;
    ciphertext = fromBase64url(envelope.data.ciphertext) as Uint8Array<ArrayBuffer>;
  } catch (e) {
    throw new MalformedInputError('sealed', [{ path: 'enc/ciphertext', message: (e as Error).message }]);
  }
  const key = toKeyring(keys).get(kid);
  if (!key) throw new UnknownKeyError(kid);

  let plaintext: ArrayBuffer;
  try {
    plaintext = await suite.open(
      { recipientKey: { privateKey: key.privateKey, publicKey: key.publicKey }, enc, info: infoFor(kid) },
      ciphertext,
      aad,
    );
  } catch {
    // HPKE cannot tell a changed message from the wrong key; a probe sealed to this key can.
    throw (await keyFits(key)) ? new TamperedReferralError() : new WrongKeyError(kid);
  }

  let content: unknown;
  try {
    content = JSON.parse(fromUtf8(plaintext));
  } catch {
    throw new MalformedInputError('opened', [{ path: '', message: 'not UTF-8 JSON' }]);
  }
  const part = sealedPatientPartSchema.safeParse(content);
  if (!part.success) throw new MalformedInputError('opened', issuesOf(part.error));
  return part.data;
}

function toKeyring(keys: KeySource): Keyring {
  if (keys instanceof Keyring) return keys;
  return new Keyring(Array.isArray(keys) ? keys : [keys as ReferralKeyPair]);
}
