/**
 * The recovery file: the team's private key encrypted with a passphrase, so a second coach
 * can put the key on their device and a lost browser profile does not lose the inbox.
 *
 * The key's life, in `createReferralKey`:
 *   1. generate the key pair with an extractable private key (in memory only);
 *   2. write the recovery file from it: PBKDF2-SHA256 (≥ 600,000 iterations, random salt)
 *      derives an AES-256-GCM key from the passphrase, which encrypts the private key;
 *   3. read that file back, which proves it opens and yields a non-extractable private key;
 *   4. hand back only the non-extractable pair (to store in the keystore) and the file.
 * The extractable copy is never stored and goes out of scope with step 4.
 */
import { keyIdSchema, referralPublicKeySchema } from '@sociale-kaart/schema';
import { z } from 'zod';
import { canonicalJson, fromBase64url, fromUtf8, toBase64url, utf8 } from './encoding.js';
import { RecoveryFileDamagedError, RecoveryPassphraseError, WeakPassphraseError, issuesOf } from './errors.js';
import { generateExtractableKeyPair, keyFits, PRIVATE_KEY_USAGES, type ReferralKeyPair } from './keys.js';
import { importReferralPublicKey } from './public-key.js';
import { ECDH_P256 } from './suite.js';

export const RECOVERY_FORMAT = 'sociale-kaart/referral-key-recovery';
export const RECOVERY_VERSION = 1;
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
export const MIN_PBKDF2_ITERATIONS = 600_000;
/** A file asking for more would only make opening it hang. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
export const MIN_PASSPHRASE_LENGTH = 12;

const b64 = (min: number, max: number) => z.string().min(min).max(max).regex(/^[A-Za-z0-9_-]*$/, 'must be base64url');

export const recoveryFileSchema = z.strictObject({
  format: z.literal(RECOVERY_FORMAT),
  version: z.literal(RECOVERY_VERSION),
  kid: keyIdSchema,
  createdAt: z.iso.datetime(),
  publicKey: referralPublicKeySchema,
  kdf: z.strictObject({
    name: z.literal('PBKDF2'),
    hash: z.literal('SHA-256'),
    iterations: z.int().min(MIN_PBKDF2_ITERATIONS).max(MAX_PBKDF2_ITERATIONS),
    salt: b64(22, 86),
  }),
  cipher: z.strictObject({ name: z.literal('AES-GCM'), length: z.literal(256), iv: b64(16, 16) }),
  ciphertext: b64(22, 1024),
  /** SHA-256 of the rest: tells a damaged file from a wrong passphrase. Integrity comes from AES-GCM, which also covers every header field. */
  checksum: b64(43, 43),
});
export type RecoveryFile = z.infer<typeof recoveryFileSchema>;
type Header = Omit<RecoveryFile, 'ciphertext' | 'checksum'>;

/**
 * A new key for the team's inbox: the non-extractable key pair to keep on this device and
 * the recovery file to download (see the flow at the top of this file).
 */
export async function createReferralKey(
  passphrase: string,
  options: { iterations?: number; now?: () => Date } = {},
): Promise<{ key: ReferralKeyPair; recoveryFile: RecoveryFile }> {
  checkPassphrase(passphrase);
  const extractable = await generateExtractableKeyPair(options.now);
  const recoveryFile = await writeRecoveryFile(extractable, passphrase, options);
  const key = await readRecoveryFile(recoveryFile, passphrase);
  return { key, recoveryFile };
}

/** Encrypts an extractable private key with `passphrase`. Only for a key just generated. */
export async function writeRecoveryFile(key: ReferralKeyPair, passphrase: string, options: { iterations?: number } = {}): Promise<RecoveryFile> {
  checkPassphrase(passphrase);
  const iterations = options.iterations ?? MIN_PBKDF2_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < MIN_PBKDF2_ITERATIONS || iterations > MAX_PBKDF2_ITERATIONS) {
    throw new RangeError(`iterations must be an integer from ${MIN_PBKDF2_ITERATIONS} to ${MAX_PBKDF2_ITERATIONS}`);
  }
  if (!key.privateKey.extractable) throw new TypeError('the private key is not extractable: write the recovery file right after generating the key');
  const { d } = await crypto.subtle.exportKey('jwk', key.privateKey);
  if (!d) throw new TypeError('not a private key');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const header: Header = {
    format: RECOVERY_FORMAT,
    version: RECOVERY_VERSION,
    kid: key.kid,
    createdAt: key.createdAt,
    publicKey: key.publicJwk,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64url(salt) },
    cipher: { name: 'AES-GCM', length: 256, iv: toBase64url(iv) },
  };
  const aesKey = await passphraseKey(passphrase, header.kdf, 'encrypt');
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(canonicalJson(header)) }, aesKey, utf8(JSON.stringify({ d })));
  const body = { ...header, ciphertext: toBase64url(new Uint8Array(sealed)) };
  return { ...body, checksum: await checksumOf(body) };
}

/**
 * Opens a recovery file (the parsed JSON or its text) as a non-extractable key pair.
 * @throws RecoveryFileDamagedError, RecoveryPassphraseError
 */
export async function readRecoveryFile(input: unknown, passphrase: string): Promise<ReferralKeyPair> {
  const file = await parseRecoveryFile(input);
  const { ciphertext, checksum: _checksum, ...header } = file;
  const aesKey = await passphraseKey(passphrase, header.kdf, 'decrypt');
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64url(header.cipher.iv) as Uint8Array<ArrayBuffer>, additionalData: utf8(canonicalJson(header)) },
      aesKey,
      fromBase64url(ciphertext) as Uint8Array<ArrayBuffer>,
    );
  } catch {
    // The checksum matched, so the file is as written: the passphrase is what differs.
    throw new RecoveryPassphraseError();
  }
  const { publicKey: publicJwk } = file;
  try {
    const { d } = z.strictObject({ d: b64(43, 43) }).parse(JSON.parse(fromUtf8(plaintext)));
    const privateKey = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: publicJwk.x, y: publicJwk.y, d }, ECDH_P256, false, PRIVATE_KEY_USAGES);
    const { publicKey } = await importReferralPublicKey(publicJwk);
    const key: ReferralKeyPair = { kid: file.kid, privateKey, publicKey, publicJwk, createdAt: file.createdAt };
    if (await keyFits(key)) return key;
  } catch {
    // falls through to the error below
  }
  throw new RecoveryFileDamagedError('the private key does not belong to the public key');
}

/** The file as a person downloads it. */
export function recoveryFileText(file: RecoveryFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A file name that says what it is and which key. */
export function recoveryFileName(file: Pick<RecoveryFile, 'kid'>): string {
  return `sociale-kaart-herstelsleutel-${file.kid.slice(0, 8)}.json`;
}

async function parseRecoveryFile(input: unknown): Promise<RecoveryFile> {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw new RecoveryFileDamagedError('not JSON');
    }
  }
  if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== RECOVERY_FORMAT) {
    throw new RecoveryFileDamagedError('not a Sociale Kaart recovery file');
  }
  const version = (value as { version?: unknown }).version;
  if (version !== RECOVERY_VERSION) throw new RecoveryFileDamagedError(`format version ${String(version)} is not supported`);
  const parsed = recoveryFileSchema.safeParse(value);
  if (!parsed.success) throw new RecoveryFileDamagedError(issuesOf(parsed.error).map((i) => `${i.path}: ${i.message}`).join('; '));
  const { checksum, ...body } = parsed.data;
  if ((await checksumOf(body)) !== checksum) throw new RecoveryFileDamagedError('checksum does not match');
  if (parsed.data.publicKey.kid !== parsed.data.kid) throw new RecoveryFileDamagedError('kid does not match the public key');
  return parsed.data;
}

function checkPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || [...passphrase.normalize('NFC').trim()].length < MIN_PASSPHRASE_LENGTH) {
    throw new WeakPassphraseError(MIN_PASSPHRASE_LENGTH);
  }
}

async function passphraseKey(passphrase: string, kdf: RecoveryFile['kdf'], usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  // NFC: the same passphrase typed on another device (another keyboard, another OS) gives the same bytes.
  const base = await crypto.subtle.importKey('raw', utf8(String(passphrase).normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: kdf.hash, iterations: kdf.iterations, salt: fromBase64url(kdf.salt) as Uint8Array<ArrayBuffer> },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

async function checksumOf(body: Omit<RecoveryFile, 'checksum'>): Promise<string> {
  return toBase64url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(canonicalJson(body)))));
}
