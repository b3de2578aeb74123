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
 *
 * A rotation (`rotateReferralKey`) writes a file with the new key and every key of the previous
 * file (version 2), so one file, the newest, opens every referral the team ever received.
 */
import { keyIdSchema, referralPublicKeySchema, type ReferralPublicKey } from '@sociale-kaart/schema';
import { z } from 'zod';
import { canonicalJson, fromBase64url, fromUtf8, toBase64url, utf8 } from './encoding.js';
import { RecoveryFileDamagedError, RecoveryPassphraseError, WeakPassphraseError, issuesOf } from './errors.js';
import { Keyring } from './keyring.js';
import { generateExtractableKeyPair, keyFits, PRIVATE_KEY_USAGES, type ReferralKeyPair } from './keys.js';
import { importReferralPublicKey } from './public-key.js';
import { ECDH_P256 } from './suite.js';

export const RECOVERY_FORMAT = 'sociale-kaart/referral-key-recovery';
/** Version 1 holds one key; version 2 also the team's older keys (written at a rotation). */
export const RECOVERY_VERSION = 1;
export const RECOVERY_VERSION_WITH_OLDER_KEYS = 2;
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
export const MIN_PBKDF2_ITERATIONS = 600_000;
/** A file asking for more would only make opening it hang. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
export const MIN_PASSPHRASE_LENGTH = 12;
/** Older keys one file carries at most (a rotation a month for years). */
export const MAX_OLDER_KEYS = 100;

const b64 = (min: number, max: number) => z.string().min(min).max(max).regex(/^[A-Za-z0-9_-]*$/, 'must be base64url');

const kdfSchema = z.strictObject({
  name: z.literal('PBKDF2'),
  hash: z.literal('SHA-256'),
  iterations: z.int().min(MIN_PBKDF2_ITERATIONS).max(MAX_PBKDF2_ITERATIONS),
  salt: b64(22, 86),
});
const cipherSchema = z.strictObject({ name: z.literal('AES-GCM'), length: z.literal(256), iv: b64(16, 16) });
const keyHeaderSchema = z.strictObject({ kid: keyIdSchema, createdAt: z.iso.datetime(), publicKey: referralPublicKeySchema });
/** SHA-256 of the rest: tells a damaged file from a wrong passphrase. Integrity comes from AES-GCM, which also covers every header field. */
const checksumSchema = b64(43, 43);

const v1Schema = z.strictObject({
  format: z.literal(RECOVERY_FORMAT),
  version: z.literal(RECOVERY_VERSION),
  ...keyHeaderSchema.shape,
  kdf: kdfSchema,
  cipher: cipherSchema,
  ciphertext: b64(22, 1024),
  checksum: checksumSchema,
});
const v2Schema = z.strictObject({
  format: z.literal(RECOVERY_FORMAT),
  version: z.literal(RECOVERY_VERSION_WITH_OLDER_KEYS),
  ...keyHeaderSchema.shape,
  /** The keys before the current one, newest first: their public halves (the private ones are in the ciphertext). */
  olderKeys: z.array(keyHeaderSchema).min(1).max(MAX_OLDER_KEYS),
  kdf: kdfSchema,
  cipher: cipherSchema,
  ciphertext: b64(22, 65_536),
  checksum: checksumSchema,
});

/** `kid`, `createdAt` and `publicKey` are the current key's (the one the organisation publishes). */
export const recoveryFileSchema = z.discriminatedUnion('version', [v1Schema, v2Schema]);
export type RecoveryFile = z.infer<typeof recoveryFileSchema>;
type WithoutSecret<F> = F extends unknown ? Omit<F, 'ciphertext' | 'checksum'> : never;
type Header = WithoutSecret<RecoveryFile>;

/** A key as the file holds it once opened: only in memory, only inside this module. */
interface KeyMaterial {
  kid: string;
  createdAt: string;
  publicJwk: ReferralPublicKey;
  d: string;
}

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

/**
 * A rotation: a new current key, and a recovery file that holds it **and every key of the
 * previous recovery file** (its current and older keys), so a device that imports only the
 * new file opens older referrals too. The older private keys can only come from that file:
 * the keystore never hands its keys out. The new file is encrypted with `passphrase`.
 * @returns the new key pair, every key as a non-extractable keyring (current: the new one), the file
 * @throws RecoveryFileDamagedError, RecoveryPassphraseError for the previous file
 */
export async function rotateReferralKey(
  passphrase: string,
  previous: { file: unknown; passphrase: string },
  options: { iterations?: number; now?: () => Date } = {},
): Promise<{ key: ReferralKeyPair; keyring: Keyring; recoveryFile: RecoveryFile }> {
  checkPassphrase(passphrase);
  const older = await openRecoveryFile(previous.file, previous.passphrase);
  const current = await materialOf(await generateExtractableKeyPair(options.now));
  const recoveryFile = await writeMaterial(current, older, passphrase, options);
  const keyring = await readRecoveryKeyring(recoveryFile, passphrase);
  return { key: keyring.current!, keyring, recoveryFile };
}

/** Encrypts an extractable private key with `passphrase`. Only for a key just generated. */
export async function writeRecoveryFile(key: ReferralKeyPair, passphrase: string, options: { iterations?: number } = {}): Promise<RecoveryFile> {
  checkPassphrase(passphrase);
  if (!key.privateKey.extractable) throw new TypeError('the private key is not extractable: write the recovery file right after generating the key');
  return writeMaterial(await materialOf(key), [], passphrase, options);
}

async function materialOf(key: ReferralKeyPair): Promise<KeyMaterial> {
  const { d } = await crypto.subtle.exportKey('jwk', key.privateKey);
  if (!d) throw new TypeError('not a private key');
  return { kid: key.kid, createdAt: key.createdAt, publicJwk: key.publicJwk, d };
}

async function writeMaterial(current: KeyMaterial, olderKeys: KeyMaterial[], passphrase: string, options: { iterations?: number }): Promise<RecoveryFile> {
  checkPassphrase(passphrase);
  const iterations = options.iterations ?? MIN_PBKDF2_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < MIN_PBKDF2_ITERATIONS || iterations > MAX_PBKDF2_ITERATIONS) {
    throw new RangeError(`iterations must be an integer from ${MIN_PBKDF2_ITERATIONS} to ${MAX_PBKDF2_ITERATIONS}`);
  }
  const older = olderKeys.filter((k) => k.kid !== current.kid).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  if (older.length > MAX_OLDER_KEYS) throw new RangeError(`a recovery file holds at most ${MAX_OLDER_KEYS} older keys`);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const common = {
    format: RECOVERY_FORMAT,
    kid: current.kid,
    createdAt: current.createdAt,
    publicKey: current.publicJwk,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64url(salt) },
    cipher: { name: 'AES-GCM', length: 256, iv: toBase64url(iv) },
  } as const;
  const header: Header = older.length
    ? { ...common, version: RECOVERY_VERSION_WITH_OLDER_KEYS, olderKeys: older.map((k) => ({ kid: k.kid, createdAt: k.createdAt, publicKey: k.publicJwk })) }
    : { ...common, version: RECOVERY_VERSION };
  const secret = older.length ? { d: current.d, older: older.map((k) => ({ kid: k.kid, d: k.d })) } : { d: current.d };
  const aesKey = await passphraseKey(passphrase, header.kdf, 'encrypt');
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(canonicalJson(header)) }, aesKey, utf8(JSON.stringify(secret)));
  const body = { ...header, ciphertext: toBase64url(new Uint8Array(sealed)) };
  return { ...body, checksum: await checksumOf(body) } as RecoveryFile;
}

/**
 * Opens a recovery file (the parsed JSON or its text) as a non-extractable key pair: its
 * current key. {@link readRecoveryKeyring} gives the older keys of a version 2 file too.
 * @throws RecoveryFileDamagedError, RecoveryPassphraseError
 */
export async function readRecoveryFile(input: unknown, passphrase: string): Promise<ReferralKeyPair> {
  const [current] = await openRecoveryFile(input, passphrase);
  return keyPairOf(current!);
}

/**
 * Every key of a recovery file as non-extractable key pairs, the file's current key current.
 * @throws RecoveryFileDamagedError, RecoveryPassphraseError
 */
export async function readRecoveryKeyring(input: unknown, passphrase: string): Promise<Keyring> {
  const material = await openRecoveryFile(input, passphrase);
  const keys: ReferralKeyPair[] = [];
  for (const m of material) keys.push(await keyPairOf(m));
  return new Keyring(keys, { current: material[0]!.kid });
}

/** The file's keys, current first, with their private halves: stays inside this module. */
async function openRecoveryFile(input: unknown, passphrase: string): Promise<KeyMaterial[]> {
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
  const secret = z
    .strictObject({ d: b64(43, 43), older: z.array(z.strictObject({ kid: keyIdSchema, d: b64(43, 43) })).optional() })
    .safeParse(safeJson(fromUtf8(plaintext)));
  if (!secret.success) throw new RecoveryFileDamagedError('the encrypted part is not a key');
  const current: KeyMaterial = { kid: file.kid, createdAt: file.createdAt, publicJwk: file.publicKey, d: secret.data.d };
  const olderKeys = file.version === RECOVERY_VERSION_WITH_OLDER_KEYS ? file.olderKeys : [];
  const older = olderKeys.map((h): KeyMaterial => {
    const d = secret.data.older?.find((o) => o.kid === h.kid)?.d;
    if (!d) throw new RecoveryFileDamagedError(`the private key of ${h.kid.slice(0, 8)}… is missing`);
    return { kid: h.kid, createdAt: h.createdAt, publicJwk: h.publicKey, d };
  });
  return [current, ...older];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The non-extractable pair of one key, checked to be that key. */
async function keyPairOf(m: KeyMaterial): Promise<ReferralKeyPair> {
  try {
    const privateKey = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: m.publicJwk.x, y: m.publicJwk.y, d: m.d }, ECDH_P256, false, PRIVATE_KEY_USAGES);
    const { publicKey } = await importReferralPublicKey(m.publicJwk);
    const key: ReferralKeyPair = { kid: m.kid, privateKey, publicKey, publicJwk: m.publicJwk, createdAt: m.createdAt };
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
  if (version !== RECOVERY_VERSION && version !== RECOVERY_VERSION_WITH_OLDER_KEYS) throw new RecoveryFileDamagedError(`format version ${String(version)} is not supported`);
  const parsed = recoveryFileSchema.safeParse(value);
  if (!parsed.success) throw new RecoveryFileDamagedError(issuesOf(parsed.error).map((i) => `${i.path}: ${i.message}`).join('; '));
  const { checksum, ...body } = parsed.data;
  if ((await checksumOf(body)) !== checksum) throw new RecoveryFileDamagedError('checksum does not match');
  if (parsed.data.publicKey.kid !== parsed.data.kid) throw new RecoveryFileDamagedError('kid does not match the public key');
  if (parsed.data.version === RECOVERY_VERSION_WITH_OLDER_KEYS) {
    const kids = new Set([parsed.data.kid]);
    for (const k of parsed.data.olderKeys) {
      if (k.publicKey.kid !== k.kid) throw new RecoveryFileDamagedError('an older kid does not match its public key');
      if (kids.has(k.kid)) throw new RecoveryFileDamagedError('a key is in the file twice');
      kids.add(k.kid);
    }
  }
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
