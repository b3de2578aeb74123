/**
 * The welzijnscoach team's key pair. A private key lives non-extractable (no script can read
 * it out); the one moment it is extractable is between generating it and writing the
 * recovery file — see `createReferralKey` in recovery.ts.
 */
import type { ReferralPublicKey } from '@sociale-kaart/schema';
import { publicJwkOf } from './public-key.js';
import { ECDH_P256, infoFor, suite } from './suite.js';

/** A key pair that can open referrals sealed to `kid`. */
export interface ReferralKeyPair {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: ReferralPublicKey;
  /** When the key was generated (ISO 8601); keeps older keys in order after a rotation. */
  createdAt: string;
}

/** HPKE's DHKEM only ever derives bits with the private key. */
export const PRIVATE_KEY_USAGES: KeyUsage[] = ['deriveBits'];

/**
 * A new P-256 key pair whose private key is extractable, for exactly one purpose: writing the
 * recovery file. Prefer `createReferralKey`, which does that and hands back a non-extractable copy.
 */
export async function generateExtractableKeyPair(now: () => Date = () => new Date()): Promise<ReferralKeyPair> {
  const pair = (await crypto.subtle.generateKey(ECDH_P256, true, PRIVATE_KEY_USAGES)) as CryptoKeyPair;
  const publicJwk = await publicJwkOf(pair.publicKey);
  return { kid: publicJwk.kid, privateKey: pair.privateKey, publicKey: pair.publicKey, publicJwk, createdAt: now().toISOString() };
}

/**
 * Whether the key pair is the one `kid` names: `kid` is the public key's thumbprint, and a
 * probe sealed to the public key opens with the private key. Tells a wrong key from a
 * tampered referral.
 */
export async function keyFits(key: Pick<ReferralKeyPair, 'kid' | 'privateKey' | 'publicKey'>): Promise<boolean> {
  try {
    if ((await publicJwkOf(key.publicKey)).kid !== key.kid) return false;
    const probe = new Uint8Array([1]);
    const info = infoFor(key.kid);
    const sealed = await suite.seal({ recipientPublicKey: key.publicKey, info }, probe);
    const opened = new Uint8Array(
      await suite.open({ recipientKey: { privateKey: key.privateKey, publicKey: key.publicKey }, enc: sealed.enc, info }, sealed.ct),
    );
    return opened.length === 1 && opened[0] === 1;
  } catch {
    return false;
  }
}
