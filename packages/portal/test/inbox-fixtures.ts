/** Organisations and sealed referrals for the inbox tests, sealed in Node exactly as the GP's browser seals. */
import { createHash } from 'node:crypto';
import { createOrganisation, createReferral, type Db, type Organisation } from '@sociale-kaart/db';
import { referralPublicPart, type SealedPatientPart } from '@sociale-kaart/schema';
import { sealReferral, type ReferralKeyPair } from '@sociale-kaart/sealing';

/** Distinctive, so a test can look for it in every request, page and dump. */
export const PATIENT_PART: SealedPatientPart = {
  patient: { name: 'Geertruida Zonnebloem-Vis', contactPreference: 'phone', phone: '06 24681357' },
  note: 'Voelt zich alleen sinds de verhuizing; bellen na 14:00.',
};

/** A verified organisation that receives referrals in the hosted inbox (set by the operator or the receiving page). */
export async function makeInboxOrganisation(db: Db, name: string, email: string): Promise<Organisation> {
  const org = await createOrganisation(db, { name, email, verified: true });
  await db.updateTable('organisations').set({ receive_mode: 'inbox' }).where('id', '=', org.id).execute();
  return { ...org, receive_mode: 'inbox' };
}

/** A referral as the relay stores it for an inbox organisation: sealed to `key`, bound to its public part. */
export async function insertSealedReferral(
  db: Db,
  r: { id: string; organisationId: string; key: Pick<ReferralKeyPair, 'kid' | 'publicJwk'>; part?: SealedPatientPart; reasons?: string[]; createdAt?: Date; activityId?: string },
) {
  const publicPart = referralPublicPart({ target: 'activity', activityId: r.activityId ?? 'demo_buurtkamer', organizationId: r.organisationId, reasons: r.reasons ?? ['eenzaamheid'] });
  const sealed = await sealReferral(r.key.publicJwk, { kid: r.key.kid }, r.part ?? PATIENT_PART, { ...publicPart });
  const row = await createReferral(db, {
    id: r.id,
    targetType: 'activity',
    activityId: publicPart.activityId,
    organisationId: r.organisationId,
    reasons: publicPart.reasons,
    referrer: 'praktijk-de-brug',
    tokenHash: createHash('sha256').update(`token-${r.id}`).digest('hex'),
    delivery: 'inbox',
    sealed,
    publicPart: { ...publicPart },
    ...(r.createdAt ? { createdAt: r.createdAt } : {}),
  });
  return { row, sealed, publicPart };
}
