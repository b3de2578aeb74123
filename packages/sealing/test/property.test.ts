// Properties over many referrals: any valid patient part seals and opens to what the schema
// makes of it, and any change to what travels (one byte of enc or ciphertext, or the public part) fails to open.
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { NEED_KEYS, PHONE_PATTERN, SEALED_LIMITS, emailSchema, sealedPatientPartSchema, sealedReferralSchema } from '@sociale-kaart/schema';
import { TamperedReferralError, generateExtractableKeyPair, openReferral, sealReferral, type ReferralKeyPair, type ReferralPublicPart, type SealedPatientPartInput } from '../src/index.js';
import { flipByte } from './fixtures.js';

const text = (minLength: number, maxLength: number) => fc.string({ minLength, maxLength, unit: 'binary' }).filter((s) => s.length <= maxLength && s.trim().length >= minLength);

const patientPartArb: fc.Arbitrary<SealedPatientPartInput> = fc
  .record(
    {
      name: text(1, 200),
      contactPreference: fc.constantFrom('phone' as const, 'email' as const, 'letter' as const),
      phone: fc.stringMatching(PHONE_PATTERN),
      email: fc.emailAddress().filter((e) => emailSchema.safeParse(e).success),
      address: text(1, 500),
      note: text(0, 1000),
    },
    { requiredKeys: ['name', 'contactPreference'] },
  )
  .map(({ note, ...patient }) => (note === undefined ? { patient } : { patient, note }))
  .filter((part) => sealedPatientPartSchema.safeParse(part).success);

const publicPartArb: fc.Arbitrary<ReferralPublicPart> = fc.record(
  {
    target: fc.constantFrom('activity', 'coach'),
    activityId: fc.stringMatching(/^[A-Za-z0-9_-]{1,60}$/),
    postcode: fc.constantFrom('3511 AB', '1012', '9711 LM'),
    reasons: fc.uniqueArray(fc.constantFrom(...NEED_KEYS), { minLength: 1, maxLength: 4 }),
    consent: fc.constant(true),
    referrer: fc.record({ practice: fc.string({ maxLength: 40 }) }, { requiredKeys: [] }),
  },
  { requiredKeys: ['target', 'reasons', 'consent'] },
);

/** A public part that differs from `p`: a value changed, a member added or one removed. */
const changedArb = (p: ReferralPublicPart) =>
  fc.oneof(
    fc.constant({ ...p, consent: false }),
    fc.constant({ ...p, reasons: [...(p.reasons as string[])].reverse().concat('x') }),
    fc.string().filter((k) => !(k in p)).chain((k) => fc.jsonValue().map((v) => ({ ...p, [k]: v }))),
    fc.constant(Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'target'))),
  );

let key: ReferralKeyPair;
beforeAll(async () => {
  key = await generateExtractableKeyPair();
});

describe('properties of sealing', () => {
  test('any valid payload seals within the wire limits and opens to its validated form', async () => {
    await fc.assert(
      fc.asyncProperty(patientPartArb, publicPartArb, async (part, publicPart) => {
        const sealed = await sealReferral(key.publicJwk, { kid: key.kid }, part, publicPart);
        expect(sealedReferralSchema.safeParse(sealed).success).toBe(true);
        expect(await openReferral(key, sealed, publicPart)).toEqual(sealedPatientPartSchema.parse(part));
      }),
      { numRuns: 60 },
    );
  });

  test('flipping any one byte of enc or ciphertext fails to open as tampered', async () => {
    await fc.assert(
      fc.asyncProperty(
        patientPartArb,
        publicPartArb,
        fc.constantFrom('enc' as const, 'ciphertext' as const),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (part, publicPart, field, index, mask) => {
          const sealed = await sealReferral(key.publicJwk, { kid: key.kid }, part, publicPart);
          const tampered = { ...sealed, [field]: flipByte(sealed[field], index, mask) };
          expect(tampered[field]).not.toBe(sealed[field]);
          await expect(openReferral(key, tampered, publicPart)).rejects.toBeInstanceOf(TamperedReferralError);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('a changed public part fails to open as tampered', async () => {
    await fc.assert(
      fc.asyncProperty(
        patientPartArb,
        publicPartArb.chain((p) => fc.tuple(fc.constant(p), changedArb(p))),
        async (part, [publicPart, changed]) => {
          const sealed = await sealReferral(key.publicJwk, { kid: key.kid }, part, publicPart);
          await expect(openReferral(key, sealed, changed)).rejects.toBeInstanceOf(TamperedReferralError);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('the largest patient part the schema allows fits the ciphertext limit', async () => {
    // U+0001 survives trimming and costs the most: six bytes ("\u0001") each in JSON.
    const worst = '\u0001';
    const part = {
      patient: {
        name: worst.repeat(200),
        contactPreference: 'email' as const,
        phone: '+3' + '0'.repeat(38),
        email: `${worst.repeat(248)}@a.nl`,
        address: worst.repeat(500),
      },
      note: worst.repeat(1000),
    };
    const sealed = await sealReferral(key.publicJwk, { kid: key.kid }, part, { consent: true });
    expect(sealed.ciphertext.length).toBeGreaterThan(SEALED_LIMITS.ciphertext * 0.9);
    expect(sealed.ciphertext.length).toBeLessThanOrEqual(SEALED_LIMITS.ciphertext);
    expect(await openReferral(key, sealed, { consent: true })).toEqual(part);
  });
});
