/**
 * The referral contract as the widgets see it (POST /v1/referrals and GET /v1/referrals/{id}
 * of the search API), plus the pure helpers the dialog, the handout and the status share.
 * Types only from here to the API: nothing in this file talks to the network.
 */

export type ContactPreference = 'phone' | 'email' | 'letter';
export const CONTACT_PREFERENCES: readonly ContactPreference[] = ['phone', 'email', 'letter'];

/** The patient, as the host (HIS) passes it in or the GP types it. */
export interface ReferralPatient {
  name: string;
  contactPreference: ContactPreference;
  phone?: string;
  email?: string;
  address?: string;
}

/** The GP or practice nurse who refers. */
export interface ReferralReferrer {
  name?: string;
  practice?: string;
}

/** The exact body of POST /v1/referrals. */
export interface ReferralRequest {
  target: 'activity' | 'coach';
  activityId?: string;
  postcode?: string;
  reasons: string[];
  note?: string;
  patient: ReferralPatient;
  consent: true;
  referrer?: ReferralReferrer;
}

/** Where a referral goes, as shown to the GP. Null parts: not (yet) known, e.g. a coach not resolved. */
export interface ReferralTargetInfo {
  activityId: string | null;
  title: string | null;
  organizationName: string | null;
}

/** How to reach a provider without the relay (from a 422/502 problem, or from the activity). */
export interface ReferralContact {
  phone: string | null;
  email: string | null;
  intakeEmail: string | null;
  website: string | null;
}

export interface ReferralServerTarget {
  type: 'activity' | 'coach';
  activityId: string;
  title: string | null;
  organizationId: string | null;
  organizationName: string | null;
}

/** problem+json from the relay; `contact` comes with 422 and 502. */
export interface ReferralProblem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { parameter: string; pointer?: string; message: string }[];
  referralId?: string;
  target?: ReferralServerTarget;
  contact?: ReferralContact;
}

/** The 202 answer of POST /v1/referrals. */
export interface ReferralCreated {
  referralId: string;
  status: 'sent';
  statusUrl: string;
  token: string;
  target: ReferralServerTarget;
}

export type ReferralStatus = 'pending' | 'sent' | 'delivery_failed' | 'received' | 'contacted' | 'started' | 'declined' | 'closed';

export interface ReferralHistoryEntry {
  status: ReferralStatus;
  at: string;
  reason?: string;
}

/** GET /v1/referrals/{id}?token=…: status and history only, never patient data. */
export interface ReferralStatusView {
  referralId: string;
  status: ReferralStatus;
  createdAt: string;
  updatedAt: string;
  history: ReferralHistoryEntry[];
  target: ReferralServerTarget;
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

/** Comma-separated keys (attribute) or a list (property) → unique, trimmed keys. */
export function keyList(value: unknown): string[] {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return [...new Set(raw.map((s) => String(s).trim()).filter(Boolean))];
}

/** Lit converter for a list attribute such as `reasons="eenzaamheid,rouw"`. */
export const keyListConverter = {
  fromAttribute: (value: string | null): string[] => keyList(value ?? ''),
  toAttribute: (value: string[]): string | null => (value?.length ? value.join(',') : null),
};
