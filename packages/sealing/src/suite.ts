/**
 * The one HPKE (RFC 9180) configuration of a sealed referral, base mode:
 * DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-128-GCM — all on WebCrypto, in the browser
 * and in Node 20 alike. Changing any of it is a new wire version.
 */
import { Aes128Gcm, CipherSuite, DhkemP256HkdfSha256, HkdfSha256 } from '@hpke/core';
import { utf8 } from './encoding.js';

export const suite = new CipherSuite({
  kem: new DhkemP256HkdfSha256(),
  kdf: new HkdfSha256(),
  aead: new Aes128Gcm(),
});

/** WebCrypto's name for a key of this suite's KEM. */
export const ECDH_P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;

/**
 * HPKE `info`: a fixed label for this protocol and version, and the recipient's key id, so a
 * ciphertext only opens for what it was sealed for (a relabelled `kid` fails to open).
 */
export const infoFor = (kid: string) => utf8(`sociale-kaart/referral/v1 ${kid}`);
