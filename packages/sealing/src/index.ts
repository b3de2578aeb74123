/**
 * @sociale-kaart/sealing: end-to-end encrypted referrals. The GP's browser seals (see also
 * the smaller `@sociale-kaart/sealing/seal` entry); the welzijnscoach's browser creates the
 * team's key, keeps it in IndexedDB, writes and reads the recovery file and opens referrals.
 */
import './jitless.js';
export * from './seal.js';
export { openReferral, type KeySource } from './open.js';
export { Keyring } from './keyring.js';
export { generateExtractableKeyPair, keyFits, type ReferralKeyPair } from './keys.js';
export { publicJwkOf, thumbprint } from './public-key.js';
export { fromBase64url, toBase64url } from './encoding.js';
export * from './recovery.js';
export { DEFAULT_KEYSTORE_NAME, Keystore, type StoredKey } from './keystore.js';
