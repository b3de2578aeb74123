/**
 * Secrets the server must use again, not just compare (an organisation's webhook HMAC secret),
 * are kept encrypted at rest: AES-256-GCM through WebCrypto under one server key, the data
 * key, which lives in the environment (`SK_DATA_KEY`, 32 random bytes in base64url), never in
 * the database. A dump of the database alone opens nothing.
 *
 * Every ciphertext is bound (as associated data) to what it belongs to, e.g.
 * `webhook-secret:<organisation id>`, so a ciphertext copied to another row fails to open.
 * Format: `v1.<iv>.<ciphertext+tag>`, both base64url.
 */
import { webcrypto } from 'node:crypto';

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class DataKeyError extends Error {
  override name = 'DataKeyError';
}

export interface DataKey {
  readonly key: webcrypto.CryptoKey;
}

/** A new data key for `SK_DATA_KEY`. */
export function newDataKeyText(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(KEY_BYTES))).toString('base64url');
}

/** Imports a data key from its base64url text; throws a DataKeyError naming what is wrong. */
export async function importDataKey(text: string, variable = 'SK_DATA_KEY'): Promise<DataKey> {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9_-]+$/.test(trimmed)) throw new DataKeyError(`${variable} must be base64url (A–Z, a–z, 0–9, - and _)`);
  const bytes = Buffer.from(trimmed, 'base64url');
  if (bytes.length !== KEY_BYTES) throw new DataKeyError(`${variable} must be ${KEY_BYTES} random bytes in base64url (${bytes.length} given); make one with: node -e "console.log(crypto.randomBytes(32).toString('base64url'))"`);
  const key = await crypto.subtle.importKey('raw', bytes, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  return { key };
}

/** The data key from `SK_DATA_KEY`, or undefined when it is not set. */
export async function dataKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<DataKey | undefined> {
  const text = env.SK_DATA_KEY;
  return text && text.trim() !== '' ? importDataKey(text) : undefined;
}

export async function encryptWithDataKey(dataKey: DataKey, plaintext: string, boundTo: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(boundTo) }, dataKey.key, encoder.encode(plaintext));
  return `${VERSION}.${Buffer.from(iv).toString('base64url')}.${Buffer.from(ct).toString('base64url')}`;
}

/** Throws a DataKeyError when the text was not made by this key for `boundTo`. */
export async function decryptWithDataKey(dataKey: DataKey, sealed: string, boundTo: string): Promise<string> {
  const [version, iv, ct, ...rest] = sealed.split('.');
  if (version !== VERSION || !iv || !ct || rest.length > 0) throw new DataKeyError('not a sealed secret (v1.<iv>.<ciphertext>)');
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: Buffer.from(iv, 'base64url'), additionalData: encoder.encode(boundTo) },
      dataKey.key,
      Buffer.from(ct, 'base64url'),
    );
    return decoder.decode(plain);
  } catch {
    throw new DataKeyError(`the secret for ${boundTo} does not open with this data key (another SK_DATA_KEY, or a changed row)`);
  }
}
