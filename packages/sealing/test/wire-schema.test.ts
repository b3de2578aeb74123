// The wire schemas in @sociale-kaart/schema (sealed.ts) that the relay, portal and widgets import.
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { SEALED_LIMITS, referralPublicKeySchema, sealedPatientPartSchema, sealedReferralSchema } from '@sociale-kaart/schema';
import { generateExtractableKeyPair, sealReferral } from '../src/index.js';
import { patientPart, publicPart } from './fixtures.js';

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('sealedReferralSchema', () => {
  test('accepts what sealReferral makes', async () => {
    const key = await generateExtractableKeyPair();
    const sealed = await sealReferral(key.publicJwk, { kid: key.kid }, patientPart, publicPart);
    expect(sealedReferralSchema.parse(sealed)).toEqual(sealed);
  });

  test('refuses padding, the wrong kid length, an oversized ciphertext and extra members, naming each', () => {
    const good = { kid: 'k'.repeat(43), enc: 'e'.repeat(87), ciphertext: 'c'.repeat(100) };
    expect(messages(sealedReferralSchema.safeParse({ ...good, enc: 'abc=' }))).toEqual(['enc: enc must be base64url (A–Z, a–z, 0–9, - and _, no padding)']);
    expect(messages(sealedReferralSchema.safeParse({ ...good, kid: 'k'.repeat(42) }))).toEqual(['kid: kid is too short']);
    expect(messages(sealedReferralSchema.safeParse({ ...good, ciphertext: 'c'.repeat(SEALED_LIMITS.ciphertext + 1) }))).toEqual(['ciphertext: ciphertext is too long']);
    expect(messages(sealedReferralSchema.safeParse({ ...good, patient: {} }))).toEqual([': Unrecognized key: "patient"']);
  });
});

describe('referralPublicKeySchema', () => {
  test('names a private member plainly', async () => {
    const key = await generateExtractableKeyPair();
    const { d } = await crypto.subtle.exportKey('jwk', key.privateKey);
    expect(referralPublicKeySchema.parse(key.publicJwk)).toEqual(key.publicJwk);
    expect(messages(referralPublicKeySchema.safeParse({ ...key.publicJwk, d }))).toEqual([': a private key member (d): publish only the public key']);
    expect(messages(referralPublicKeySchema.safeParse({ ...key.publicJwk, x: undefined }))).toEqual(['x: Invalid input: expected string, received undefined']);
  });

  test('both schemas become JSON Schema for the OpenAPI documents', () => {
    type Doc = { $defs: Record<string, { required: string[]; additionalProperties: boolean; properties: Record<string, { maxLength: number }> }> };
    for (const io of ['input', 'output'] as const) {
      const key = (z.toJSONSchema(referralPublicKeySchema, { io }) as Doc).$defs.ReferralPublicKey!;
      expect(key.required).toEqual(['kid', 'kty', 'crv', 'x', 'y']);
      expect(key.additionalProperties).toBe(false);
      const sealed = (z.toJSONSchema(sealedReferralSchema, { io }) as Doc).$defs.SealedReferral!;
      expect(sealed.properties.ciphertext!.maxLength).toBe(SEALED_LIMITS.ciphertext);
    }
  });
});

describe('sealedPatientPartSchema', () => {
  test('is the patient and the note, nothing else', () => {
    expect(sealedPatientPartSchema.parse(patientPart)).toEqual(patientPart);
    expect(messages(sealedPatientPartSchema.safeParse({ ...patientPart, reasons: ['rouw'] }))).toEqual([': Unrecognized key: "reasons"']);
    expect(messages(sealedPatientPartSchema.safeParse({ patient: { name: 'A', contactPreference: 'letter' } }))).toEqual([
      'patient.address: required when contactPreference is "letter"',
    ]);
  });
});
