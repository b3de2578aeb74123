// Referrals and keys the Node tests share.
import type { ReferralPublicPart, SealedPatientPartInput } from '../src/index.js';

export const patientPart: SealedPatientPartInput = {
  patient: { name: 'Jantje Distinctief-Testpersoon', contactPreference: 'phone', phone: '06 1234 5678' },
  note: 'Graag bellen na 14:00 — voelt zich eenzaam sinds de verhuizing.',
};

export const publicPart = {
  target: 'activity',
  activityId: 'demo_buurtkamer-utrecht',
  reasons: ['eenzaamheid', 'rouw'],
  consent: true,
  referrer: { practice: 'Huisartsenpraktijk De Linde' },
} satisfies ReferralPublicPart;

/** `text` (base64url) with byte `index` XOR-ed with `mask` (1–255). */
export function flipByte(text: string, index: number, mask: number): string {
  const bytes = Buffer.from(text, 'base64url');
  bytes[index % bytes.length]! ^= mask;
  return bytes.toString('base64url');
}
