/**
 * Field limits and patterns that a browser and the server both check: plain values, no zod,
 * so the widgets can import them without loading zod (whose object schemas probe `new Function`
 * when built, which a strict Content-Security-Policy reports). The zod schemas in activity.ts
 * and referral.ts are built from these.
 */

/** Field limits of a referral, shared with the widgets' form. */
export const REFERRAL_LIMITS = {
  patientName: 200,
  phone: 40,
  address: 500,
  note: 1000,
  referrerName: 200,
  referrerPractice: 200,
  statusReason: 500,
  postcode: 10,
} as const;

/** What a phone number may look like: digits with common separators, optionally a leading +. */
export const PHONE_PATTERN = /^\+?[0-9][0-9 ()./-]{5,38}$/;

/** An e-mail address as we accept one: something@something.something, nothing that breaks a header. */
export const EMAIL_PATTERN = /^[^\s@<>()"]+@[^\s@<>()"]+\.[^\s@<>()"]+$/;
/** The longest e-mail address (RFC 5321 path limit). */
export const EMAIL_MAX_LENGTH = 254;

export const CONTACT_PREFERENCES = ['phone', 'email', 'letter'] as const;
export type ContactPreference = (typeof CONTACT_PREFERENCES)[number];
