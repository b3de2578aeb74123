/**
 * The receiving organisation's public key: imported strictly (an EC P-256 public JWK and
 * nothing else, its `kid` its RFC 7638 thumbprint), and made from a WebCrypto key.
 */
import { calculateJwkThumbprint } from 'jose';
import { REFERRAL_KEY_ALG, referralPublicKeySchema, type ReferralPublicKey } from '@sociale-kaart/schema';
import { InvalidPublicKeyError, issuesOf } from './errors.js';
import { ECDH_P256 } from './suite.js';

/** A public key ready to seal to. */
export interface RecipientKey {
  kid: string;
  publicKey: CryptoKey;
  jwk: ReferralPublicKey;
}

/** RFC 7638 thumbprint (SHA-256, base64url) of an EC public key. */
export function thumbprint(jwk: { kty: string; crv: string; x: string; y: string }): Promise<string> {
  return calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'sha256');
}

/** Validates and imports a public JWK (as `GET /v1/organizations/{id}/referral-key` answers it). */
export async function importReferralPublicKey(input: unknown): Promise<RecipientKey> {
  const parsed = referralPublicKeySchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidPublicKeyError(issuesOf(parsed.error).map((i) => `${i.path || 'key'}: ${i.message}`).join('; '));
  }
  const jwk = parsed.data;
  if ((await thumbprint(jwk)) !== jwk.kid) throw new InvalidPublicKeyError('kid is not the thumbprint of the key');
  let publicKey: CryptoKey;
  try {
    // WebCrypto checks that (x, y) is a point on the curve.
    publicKey = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, ECDH_P256, true, []);
  } catch {
    throw new InvalidPublicKeyError('not a point on P-256');
  }
  const key = { kid: jwk.kid, publicKey, jwk };
  imported.add(key);
  return key;
}

// Only keys this module imported count as checked: a look-alike object is validated again.
const imported = new WeakSet<RecipientKey>();
export const isImportedKey = (value: unknown): value is RecipientKey =>
  typeof value === 'object' && value !== null && imported.has(value as RecipientKey);

/** The published form of a WebCrypto P-256 public key. */
export async function publicJwkOf(publicKey: CryptoKey): Promise<ReferralPublicKey> {
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', publicKey);
  if (kty !== 'EC' || crv !== 'P-256' || !x || !y) throw new InvalidPublicKeyError('not an EC P-256 key');
  const point = { kty, crv, x, y } as const;
  return { kid: await thumbprint(point), ...point, alg: REFERRAL_KEY_ALG, use: 'enc' };
}
