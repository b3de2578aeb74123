import { beforeAll, describe, expect, test } from 'vitest';
import {
  MIN_PBKDF2_ITERATIONS,
  RecoveryFileDamagedError,
  RecoveryPassphraseError,
  WeakPassphraseError,
  canonicalJson,
  createReferralKey,
  generateExtractableKeyPair,
  openReferral,
  readRecoveryFile,
  readRecoveryKeyring,
  recoveryFileName,
  recoveryFileText,
  rotateReferralKey,
  sealReferral,
  writeRecoveryFile,
  type RecoveryFile,
  type ReferralKeyPair,
} from '../src/index.js';
import { flipByte, patientPart, publicPart } from './fixtures.js';

const passphrase = 'paarse olifant fietst naar Zwolle';

let key: ReferralKeyPair;
let file: RecoveryFile;
beforeAll(async () => {
  ({ key, recoveryFile: file } = await createReferralKey(passphrase));
});

/** A file with one field changed and its checksum made to match again, as a deliberate forger would. */
async function reChecksummed(changed: Record<string, unknown>): Promise<RecoveryFile> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(changed)));
  return { ...changed, checksum: Buffer.from(digest).toString('base64url') } as RecoveryFile;
}

describe('createReferralKey', () => {
  test('hands back a non-extractable key pair and a versioned recovery file with ≥ 600,000 PBKDF2 iterations', async () => {
    expect(key.privateKey.extractable).toBe(false);
    expect(key.privateKey.usages).toEqual(['deriveBits']);
    const parsed = JSON.parse(recoveryFileText(file));
    expect(parsed).toMatchObject({ format: 'sociale-kaart/referral-key-recovery', version: 1, kid: key.kid, publicKey: key.publicJwk });
    expect(parsed.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256' });
    expect(parsed.kdf.iterations).toBeGreaterThanOrEqual(600_000);
    expect(Buffer.from(parsed.kdf.salt, 'base64url')).toHaveLength(16);
    expect(parsed.cipher).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect(recoveryFileText(file)).not.toMatch(/"d"/);
    expect(recoveryFileName(file)).toBe(`sociale-kaart-herstelsleutel-${key.kid.slice(0, 8)}.json`);
  });

  test('each file has its own salt and iv', async () => {
    const again = await writeRecoveryFile(await generateExtractableKeyPair(), passphrase);
    expect(again.kdf.salt).not.toBe(file.kdf.salt);
    expect(again.cipher.iv).not.toBe(file.cipher.iv);
  });

  test('refuses a short passphrase and fewer iterations', async () => {
    const error = await createReferralKey('kort wacht').catch((e) => e);
    expect(error).toBeInstanceOf(WeakPassphraseError);
    expect(error.messageIn('nl')).toMatch(/minstens 12 tekens/);
    await expect(writeRecoveryFile(await generateExtractableKeyPair(), passphrase, { iterations: MIN_PBKDF2_ITERATIONS - 1 })).rejects.toThrow(RangeError);
  });

  test('a stored (non-extractable) key cannot be written to a recovery file', async () => {
    await expect(writeRecoveryFile(key, passphrase)).rejects.toThrow(/not extractable/);
  });
});

describe('readRecoveryFile', () => {
  test('round trip: a second device opens referrals with the key from the file', async () => {
    const sealed = await sealReferral(key.publicJwk, { kid: key.kid }, patientPart, publicPart);
    const second = await readRecoveryFile(recoveryFileText(file), passphrase);
    expect(second.kid).toBe(key.kid);
    expect(second.createdAt).toBe(key.createdAt);
    expect(second.privateKey.extractable).toBe(false);
    expect(await openReferral(second, sealed, publicPart)).toEqual(patientPart);
  });

  test('the passphrase is compared after Unicode normalisation', async () => {
    const composed = 'één café voor Zoë en mij';
    const made = await writeRecoveryFile(await generateExtractableKeyPair(), composed);
    const opened = await readRecoveryFile(made, composed.normalize('NFD'));
    expect(opened.kid).toBe(made.kid);
  });

  test('a wrong passphrase is a RecoveryPassphraseError', async () => {
    const error = await readRecoveryFile(file, passphrase + '!').catch((e) => e);
    expect(error).toBeInstanceOf(RecoveryPassphraseError);
    expect(error.code).toBe('recovery_passphrase');
    expect(error.messageIn('nl')).toBe('Het herstelbestand kan niet worden geopend: het wachtwoord klopt niet. Let op hoofdletters en spaties.');
  });

  test('a changed file is a RecoveryFileDamagedError that says what is wrong', async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...file, ciphertext: flipByte(file.ciphertext, 5, 1) }, /checksum does not match/],
      [{ ...file, kdf: { ...file.kdf, iterations: 700_000 } }, /checksum does not match/],
      [{ ...file, kdf: { ...file.kdf, iterations: 1000 } }, /kdf\.iterations: Too small/],
      [{ ...file, version: 3 }, /format version 3 is not supported/],
      [{ ...file, version: 2 }, /olderKeys/],
      [{ ...file, format: 'something-else' }, /not a Sociale Kaart recovery file/],
      [recoveryFileText(file).slice(0, -20), /not JSON/],
      [{ ...file, extra: true }, /Unrecognized key/],
    ];
    for (const [input, reason] of cases) {
      const error = await readRecoveryFile(input, passphrase).catch((e) => e);
      expect(error, String(reason)).toBeInstanceOf(RecoveryFileDamagedError);
      expect(error.message).toMatch(reason);
      expect(error.messageIn('nl')).toMatch(/^Het herstelbestand kan niet worden geopend: het bestand is beschadigd of veranderd/);
    }
  });

  test('a file whose private key belongs to another public key is damaged, not half-imported', async () => {
    const [a, b] = [await generateExtractableKeyPair(), await generateExtractableKeyPair()];
    const crossed = await writeRecoveryFile({ ...a, privateKey: b.privateKey }, passphrase);
    await expect(readRecoveryFile(crossed, passphrase)).rejects.toThrow(/the private key does not belong to the public key/);
  });

  test('a change with a forged checksum still fails: AES-GCM covers every header field', async () => {
    const { checksum: _, ...body } = file;
    const other = await generateExtractableKeyPair();
    const forged = [
      await reChecksummed({ ...body, kdf: { ...body.kdf, iterations: 600_001 } }),
      await reChecksummed({ ...body, ciphertext: flipByte(body.ciphertext, 0, 0x80) }),
      await reChecksummed({ ...body, createdAt: '2020-01-01T00:00:00.000Z' }),
    ];
    for (const f of forged) await expect(readRecoveryFile(f, passphrase)).rejects.toBeInstanceOf(RecoveryPassphraseError);
    // Swapping in another public key (with its own kid) cannot pass either.
    const swapped = await reChecksummed({ ...body, kid: other.kid, publicKey: other.publicJwk });
    await expect(readRecoveryFile(swapped, passphrase)).rejects.toBeInstanceOf(RecoveryPassphraseError);
    const mismatched = await reChecksummed({ ...body, publicKey: other.publicJwk });
    await expect(readRecoveryFile(mismatched, passphrase)).rejects.toThrow(/kid does not match the public key/);
  });
});

describe('rotateReferralKey', () => {
  test('the new recovery file carries every key of the previous one, so it alone opens referrals sealed to any of them', async () => {
    const sealedTo = (k: ReferralKeyPair) => sealReferral(k.publicJwk, { kid: k.kid }, patientPart, publicPart);
    const first = await sealedTo(key);
    const newPassphrase = 'de tweede sleutel van het team';
    const second = await rotateReferralKey(newPassphrase, { file, passphrase }, { now: () => new Date('2030-01-01T00:00:00Z') });
    expect(second.recoveryFile).toMatchObject({ version: 2, kid: second.key.kid, olderKeys: [{ kid: key.kid, createdAt: key.createdAt }] });
    expect(second.key.kid).not.toBe(key.kid);
    expect(second.key.privateKey.extractable).toBe(false);
    expect(second.keyring.list().map((k) => k.kid)).toEqual([second.key.kid, key.kid]);
    // A third key: the file holds all three, newest first; read on another device, it opens all three.
    const third = await rotateReferralKey(newPassphrase, { file: recoveryFileText(second.recoveryFile), passphrase: newPassphrase }, { now: () => new Date('2031-01-01T00:00:00Z') });
    expect(third.recoveryFile.version === 2 && third.recoveryFile.olderKeys.map((k) => k.kid)).toEqual([second.key.kid, key.kid]);
    const elsewhere = await readRecoveryKeyring(recoveryFileText(third.recoveryFile), newPassphrase);
    expect(elsewhere.current!.kid).toBe(third.key.kid);
    for (const k of elsewhere.list()) expect(k.privateKey.extractable).toBe(false);
    await expect(openReferral(elsewhere, first, publicPart)).resolves.toEqual(patientPart);
    await expect(openReferral(elsewhere, await sealedTo(second.key), publicPart)).resolves.toEqual(patientPart);
    await expect(openReferral(elsewhere, await sealedTo(third.key), publicPart)).resolves.toEqual(patientPart);
    // readRecoveryFile still gives the current key alone.
    expect((await readRecoveryFile(third.recoveryFile, newPassphrase)).kid).toBe(third.key.kid);
  });

  test('a wrong passphrase for the previous file stops the rotation before any key is made', async () => {
    await expect(rotateReferralKey('de tweede sleutel van het team', { file, passphrase: 'niet het wachtwoord' })).rejects.toBeInstanceOf(RecoveryPassphraseError);
    await expect(rotateReferralKey('kort', { file, passphrase })).rejects.toBeInstanceOf(WeakPassphraseError);
  });

  test('a version 2 file whose older keys were tampered with is damaged or refused, never half-imported', async () => {
    const second = await rotateReferralKey(passphrase, { file, passphrase });
    if (second.recoveryFile.version !== 2) throw new Error('expected version 2');
    const { checksum: _, ...body } = second.recoveryFile;
    const other = await generateExtractableKeyPair();
    const twice = await reChecksummed({ ...body, olderKeys: [body.olderKeys[0]!, body.olderKeys[0]!] });
    await expect(readRecoveryKeyring(twice, passphrase)).rejects.toThrow(/a key is in the file twice/);
    const swapped = await reChecksummed({ ...body, olderKeys: [{ kid: other.kid, createdAt: other.createdAt, publicKey: other.publicJwk }] });
    await expect(readRecoveryKeyring(swapped, passphrase)).rejects.toBeInstanceOf(RecoveryPassphraseError);
    const mislabelled = await reChecksummed({ ...body, olderKeys: [{ ...body.olderKeys[0]!, kid: other.kid }] });
    await expect(readRecoveryKeyring(mislabelled, passphrase)).rejects.toThrow(/an older kid does not match its public key/);
  });
});
