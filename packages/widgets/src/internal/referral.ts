/**
 * The referral contract as the widgets see it (POST /v1/referrals and GET /v1/referrals/{id}
 * of the search API), plus the pure helpers the dialog, the handout and the status share.
 * The request and answer types come from `@sociale-kaart/schema` (the relay's zod schemas),
 * imported as types only; nothing in this file talks to the network.
 */

import type {
  ContactPreference,
  ReferralProblem,
  ReferralStatus,
  createReferralSchema,
  historyEntrySchema,
  patientSchema,
  providerContactSchema,
  referralCreatedSchema,
  referralTargetSchema,
  referralViewSchema,
  referrerSchema,
} from '@sociale-kaart/schema';

export type { ContactPreference, ReferralProblem, ReferralStatus };

/** What a zod schema of the shared contract parses to, named without importing zod (types only: the CDN entry stays small). */
type Parsed<S extends { _zod: { output: unknown } }> = S['_zod']['output'];

/** The patient, as the host (HIS) passes it in or the GP types it. */
export type ReferralPatient = Parsed<typeof patientSchema>;
/** The GP or practice nurse who refers. */
export type ReferralReferrer = Parsed<typeof referrerSchema>;
/** The exact body of POST /v1/referrals. */
export type ReferralRequest = Parsed<typeof createReferralSchema>;
/** Where the relay sent a referral. */
export type ReferralServerTarget = Parsed<typeof referralTargetSchema>;
/** How to reach a provider without the relay (from a 422/502 problem, or from the activity). */
export type ReferralContact = Parsed<typeof providerContactSchema>;
/** The 202 answer of POST /v1/referrals. */
export type ReferralCreated = Parsed<typeof referralCreatedSchema>;
export type ReferralHistoryEntry = Parsed<typeof historyEntrySchema>;
/** GET /v1/referrals/{id}?token=…: status and history only, never patient data. */
export type ReferralStatusView = Parsed<typeof referralViewSchema>;

/** Where a referral goes, as shown to the GP. Null parts: not (yet) known, e.g. a coach not resolved. */
export interface ReferralTargetInfo {
  activityId: string | null;
  title: string | null;
  organizationName: string | null;
}

/** The part of GET /v1/taxonomy the referral widgets read. */
export interface TaxonomyResponse {
  needs: { key: string; label: string }[];
}

/** Statuses after which nothing changes any more: polling stops. */
export const FINAL_STATUSES: readonly ReferralStatus[] = ['closed', 'declined'];

/** What the handout says about the referral itself. */
export interface HandoutReferral {
  referralId?: string;
  /** YYYY-MM-DD or an ISO date-time; the day of the referral. */
  date?: string;
}
