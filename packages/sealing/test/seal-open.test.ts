import { describe, expect, test } from 'vitest';
import {
  InvalidPublicKeyError,
  Keyring,
  MalformedInputError,
  TamperedReferralError,
  UnknownKeyError,
  WrongKeyError,
  canonicalJson,
  generateExtractableKeyPair,
  importReferralPublicKey,
  openReferral,
  sealReferral,
  type ReferralKeyPair,
} from '../src/index.js';
import { flipByte, patientPart, publicPart } from './fixtures.js';

const newKey = (createdAt = '2026-12-01T10:00:00.000Z') => generateExtractableKeyPair(() => new Date(createdAt));

describe('sealReferral and openReferral', () => {
  test('round trip: what the GP seals, the coach opens', async () => {
    const key = await newKey();
    const sealed = await sealReferral(key.publicJwk, { kid: key.kid }, patientPart, publicPart);
    expect(sealed.kid).toBe(key.kid);
    expect(sealed.enc).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(sealed.ciphertext).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.stringify(sealed)).not.toContain('Distinctief');
    expect(await openReferral(key, sealed, publicPart)).toEqual(patientPart);
  });

  test('the same public part in another key order opens (canonical associated data)', async () => {
    const key = await newKey();
    const sealed = await sealReferral(key.publicJwk, { kid: key.kid }, patientPart, publicPart);
    const reordered = Object.fromEntries(Object.entries(publicPart).reverse());
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(publicPart));
    expect(await openReferral(key, sealed, reordered)).toEqual(patientPart);
    expect(canonicalJson(reordered)).toBe(canonicalJson(publicPart));
  });

  test('a changed public part fails to open as tampered', async () => {
    const key = await newKey();
    const sealed = await sealReferral(key.publicJwk, { kid: key.kid }, patientPart, publicPart);
    await expect(openReferral(key, sealed, { ...publicPart, activityId: 'demo_other' })).rejects.toBeInstanceOf(TamperedReferralError);
    await expect(openReferral(key, sealed, { ...publicPart, consent: false })).rejects.toBeInstanceOf(TamperedReferralError);
  });

  test('a flipped byte in enc or ciphertext fails as tampered, with the Dutch and English message', async () => {
    const key = await newKey();
    const sealed = await sealReferral(key.publicJwk, { kid: key.kid }, patientPart, publicPart);
    const error = await openReferral(key, { ...sealed, ciphertext: flipByte(sealed.ciphertext, 3, 0x40) }, publicPart).catch((e) => e);
    expect(error).toBeInstanceOf(TamperedReferralError);
    expect(error.code).toBe('tampered');
    expect(error.messageIn('nl')).toMatch(/^Deze verwijzing kan niet worden geopend: de inhoud is veranderd/);
    expect(error.messageIn('en')).toMatch(/^This referral cannot be opened: its content was changed/);
    await expect(openReferral(key, { ...sealed, enc: flipByte(sealed.enc, 0, 0x01) }, publicPart)).rejects.toBeInstanceOf(TamperedReferralError);
    await expect(openReferral(key, { ...sealed, enc: flipByte(sealed.enc, 40, 0x80) }, publicPart)).rejects.toBeInstanceOf(TamperedReferralError);
  });

  test('a kid relabelled to another key on the device fails to open as tampered', async () => {
    const [a, b] = [await newKey(), await newKey()];
    const sealed = await sealReferral(a.publicJwk, { kid: a.kid }, patientPart, publicPart);
    await expect(openReferral([a, b], { ...sealed, kid: b.kid }, publicPart)).rejects.toBeInstanceOf(TamperedReferralError);
  });

  test('an unknown kid is an UnknownKeyError naming the key, not a crash', async () => {
    const [a, b] = [await newKey(), await newKey()];
    const sealed = await sealReferral(a.publicJwk, { kid: a.kid }, patientPart, publicPart);
    const error = await openReferral(b, sealed, publicPart).catch((e) => e);
    expect(error).toBeInstanceOf(UnknownKeyError);
    expect(error.kid).toBe(a.kid);
    expect(error.messageIn('nl')).toContain(`sleutel ${a.kid.slice(0, 8)}…`);
    await expect(openReferral(new Keyring([]), sealed, publicPart)).rejects.toBeInstanceOf(UnknownKeyError);
  });

  test('the wrong private key under the right kid is a WrongKeyError', async () => {
    const [a, b] = [await newKey(), await newKey()];
    const sealed = await sealReferral(a.publicJwk, { kid: a.kid }, patientPart, publicPart);
    const mixedUp: ReferralKeyPair = { ...a, privateKey: b.privateKey };
    const error = await openReferral(mixedUp, sealed, publicPart).catch((e) => e);
    expect(error).toBeInstanceOf(WrongKeyError);
    expect(error.messageIn('en')).toMatch(/^This referral cannot be opened: the key on this device does not fit/);
    const mislabelled: ReferralKeyPair = { ...b, kid: a.kid };
    await expect(openReferral(mislabelled, sealed, publicPart)).rejects.toBeInstanceOf(WrongKeyError);
  });

  test('after a rotation the keyring opens referrals sealed to the current and to older keys', async () => {
    const older = await newKey('2026-01-01T00:00:00.000Z');
    const current = await newKey('2026-11-01T00:00:00.000Z');
    const keyring = new Keyring([older, current]);
    expect(keyring.current?.kid).toBe(current.kid);
    expect(keyring.list().map((k) => k.kid)).toEqual([current.kid, older.kid]);
    const toOlder = await sealReferral(older.publicJwk, { kid: older.kid }, patientPart, publicPart);
    const toCurrent = await sealReferral(current.publicJwk, { kid: current.kid }, { ...patientPart, note: 'nieuw' }, publicPart);
    expect(await openReferral(keyring, toOlder, publicPart)).toEqual(patientPart);
    expect((await openReferral(keyring, toCurrent, publicPart)).note).toBe('nieuw');
  });

  test('the patient part is validated and trimmed before sealing', async () => {
    const key = await newKey();
    const padded = { patient: { ...patientPart.patient, name: '  Jan  ' }, note: ' kort ' };
    const sealed = await sealReferral(key.publicJwk, { kid: key.kid }, padded, publicPart);
    expect(await openReferral(key, sealed, publicPart)).toEqual({ patient: { ...patientPart.patient, name: 'Jan' }, note: 'kort' });

    const error = await sealReferral(key.publicJwk, { kid: key.kid }, { patient: { name: 'Jan', contactPreference: 'email' }, note: 'x'.repeat(1001) }, publicPart).catch((e) => e);
    expect(error).toBeInstanceOf(MalformedInputError);
    expect(error.part).toBe('patientPart');
    expect(error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['note', 'patient.email']);
    expect(error.messageIn('nl')).toMatch(/^De gegevens van de patiënt kloppen niet \(.*patient\.email: required when contactPreference is "email"/);
  });

  test('an extra field in the patient part is refused, so nothing unplanned is sealed', async () => {
    const key = await newKey();
    const extra = { ...patientPart, bsn: '123456782' } as unknown as typeof patientPart;
    const error = await sealReferral(key.publicJwk, { kid: key.kid }, extra, publicPart).catch((e) => e);
    expect(error).toBeInstanceOf(MalformedInputError);
    expect(error.message).not.toContain('123456782');
  });

  test('a public part that is not plain JSON is refused with its path', async () => {
    const key = await newKey();
    const bad = { ...publicPart, referrer: { practice: 'x', seen: new Date() } } as unknown as typeof publicPart;
    const error = await sealReferral(key.publicJwk, { kid: key.kid }, patientPart, bad).catch((e) => e);
    expect(error).toBeInstanceOf(MalformedInputError);
    expect(error.issues).toEqual([{ path: 'referrer.seen', message: 'a non-plain object is not JSON' }]);
    await expect(sealReferral(key.publicJwk, { kid: key.kid }, patientPart, { n: Number.NaN })).rejects.toThrow(/n: not a finite number/);
  });

  test('a malformed sealed envelope names the bad field', async () => {
    const key = await newKey();
    const sealed = await sealReferral(key.publicJwk, { kid: key.kid }, patientPart, publicPart);
    const error = await openReferral(key, { ...sealed, enc: 'not base64url!' }, publicPart).catch((e) => e);
    expect(error).toBeInstanceOf(MalformedInputError);
    expect(error.part).toBe('sealed');
    expect(error.issues[0].path).toBe('enc');
    expect(error.messageIn('nl')).toMatch(/^Deze verwijzing kan niet worden geopend: de versleutelde gegevens/);
    await expect(openReferral(key, null, publicPart)).rejects.toBeInstanceOf(MalformedInputError);
    await expect(openReferral(key, { ...sealed, extra: 1 }, publicPart)).rejects.toBeInstanceOf(MalformedInputError);
  });

  test('a ciphertext that opens but holds something other than a patient part is malformed, not returned', async () => {
    const key = await newKey();
    const { suite, infoFor } = await import('../src/suite.js');
    const { associatedData } = await import('../src/seal.js');
    const junk = await suite.seal({ recipientPublicKey: key.publicKey, info: infoFor(key.kid) }, new TextEncoder().encode('{"patient":{"name":"x"}}'), associatedData(publicPart));
    const sealed = { kid: key.kid, enc: Buffer.from(junk.enc).toString('base64url'), ciphertext: Buffer.from(junk.ct).toString('base64url') };
    const error = await openReferral(key, sealed, publicPart).catch((e) => e);
    expect(error).toBeInstanceOf(MalformedInputError);
    expect(error.part).toBe('opened');
    expect(error.issues.map((i: { path: string }) => i.path)).toContain('patient.contactPreference');
  });
});

describe('importReferralPublicKey', () => {
  test('accepts the published key and seals only to the kid the caller expects', async () => {
    const key = await newKey();
    const recipient = await importReferralPublicKey(key.publicJwk);
    expect(recipient.kid).toBe(key.kid);
    expect(key.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'HPKE-0', use: 'enc' });
    const sealed = await sealReferral(recipient, { kid: key.kid }, patientPart, publicPart);
    expect(await openReferral(key, sealed, publicPart)).toEqual(patientPart);
    const other = await newKey();
    await expect(sealReferral(key.publicJwk, { kid: other.kid }, patientPart, publicPart)).rejects.toThrow(/kid does not match the expected key/);
  });

  test('refuses a private key, another curve, a kid that is not the thumbprint, and a point off the curve', async () => {
    const key = await newKey();
    const { d } = await crypto.subtle.exportKey('jwk', key.privateKey);
    const cases: [unknown, RegExp][] = [
      [{ ...key.publicJwk, d }, /key: a private key member \(d\): publish only the public key/],
      [{ ...key.publicJwk, crv: 'P-384' }, /crv must be "P-256"/],
      [{ ...key.publicJwk, kty: 'OKP' }, /kty must be "EC"/],
      [{ ...key.publicJwk, alg: 'ECDH-ES' }, /alg must be "HPKE-0"/],
      [{ ...key.publicJwk, kid: 'A'.repeat(43) }, /kid is not the thumbprint of the key/],
      [{ ...key.publicJwk, x: 'A'.repeat(43) }, /./],
      ['not a key', /key: Invalid input/],
    ];
    for (const [input, message] of cases) {
      const error = await importReferralPublicKey(input).catch((e) => e);
      expect(error, JSON.stringify(input)).toBeInstanceOf(InvalidPublicKeyError);
      expect(error.message).toMatch(message);
      expect(error.messageIn('nl')).toMatch(/^De sleutel van de ontvangende organisatie is ongeldig/);
    }
    // A correct thumbprint over a point that is not on P-256 is caught by WebCrypto's import.
    const { thumbprint } = await import('../src/public-key.js');
    const offCurve = { kty: 'EC', crv: 'P-256', x: 'A'.repeat(42) + 'E', y: 'A'.repeat(42) + 'E' } as const;
    const error = await importReferralPublicKey({ ...offCurve, kid: await thumbprint(offCurve) }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidPublicKeyError);
    expect(error.message).toMatch(/not a point on P-256/);
  });

  test('a look-alike of an imported key is validated again', async () => {
    const key = await newKey();
    const fake = { kid: key.kid, publicKey: key.publicKey, jwk: { ...key.publicJwk, kid: 'B'.repeat(43) } };
    await expect(sealReferral(fake, { kid: key.kid }, patientPart, publicPart)).rejects.toBeInstanceOf(InvalidPublicKeyError);
  });
});
