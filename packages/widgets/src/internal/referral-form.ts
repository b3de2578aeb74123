/**
 * The referral form's checks and the POST body built from it: only the dialog needs these,
 * so they load with the dialog. Limits, the phone and e-mail patterns and the postcode parser
 * are the relay's own, from `@sociale-kaart/schema` (its zod-free part: no zod in the browser);
 * referral-form.test.ts runs the same cases through these checks and the relay's zod schema
 * and asserts they agree.
 */
import { EMAIL_MAX_LENGTH, EMAIL_PATTERN, PHONE_PATTERN, REFERRAL_LIMITS, normalizePostcode, type NeedKey } from '@sociale-kaart/schema';
import type { ContactPreference, ReferralPatient, ReferralReferrer, ReferralRequest } from './referral.js';

export const NOTE_MAX = REFERRAL_LIMITS.note;

/** The form as the GP filled it in. */
export interface ReferralDraft {
  reasons: string[];
  note: string;
  name: string;
  contactPreference: ContactPreference | '';
  phone: string;
  email: string;
  address: string;
  referrerName: string;
  referrerPractice: string;
  postcode: string;
  consent: boolean;
}

export type DraftField = 'reasons' | 'note' | 'name' | 'contactPreference' | 'phone' | 'email' | 'address' | 'referrerName' | 'referrerPractice' | 'postcode' | 'consent';

/** Form order: the first invalid field in this order gets focus. */
export const FIELD_ORDER: readonly DraftField[] = ['postcode', 'reasons', 'note', 'name', 'contactPreference', 'phone', 'email', 'address', 'referrerName', 'referrerPractice', 'consent'];

export type ValidationCode =
  | 'reasonsRequired'
  | 'noteTooLong'
  | 'nameRequired'
  | 'nameTooLong'
  | 'contactPreferenceRequired'
  | 'phoneInvalid'
  | 'emailInvalid'
  | 'addressRequired'
  | 'addressTooLong'
  | 'referrerTooLong'
  | 'postcodeInvalid'
  | 'consentRequired';

/** 'server': the relay refused a field the checks here let through. */
export type ValidationErrors = Partial<Record<DraftField, ValidationCode | 'server'>>;

/** Checks what the relay checks, so the GP sees every problem before anything is sent. */
export function validateDraft(d: ReferralDraft, target: 'activity' | 'coach'): ValidationErrors {
  const e: ValidationErrors = {};
  if (target === 'coach' && !normalizePostcode(d.postcode)) e.postcode = 'postcodeInvalid';
  if (d.reasons.length === 0) e.reasons = 'reasonsRequired';
  if (d.note.trim().length > NOTE_MAX) e.note = 'noteTooLong';
  const name = d.name.trim();
  if (!name) e.name = 'nameRequired';
  else if (name.length > REFERRAL_LIMITS.patientName) e.name = 'nameTooLong';
  if (!d.contactPreference) e.contactPreference = 'contactPreferenceRequired';
  else if (d.contactPreference === 'phone' && !(PHONE_PATTERN.test(d.phone.trim()) && d.phone.trim().length <= REFERRAL_LIMITS.phone)) e.phone = 'phoneInvalid';
  else if (d.contactPreference === 'email' && !(EMAIL_PATTERN.test(d.email.trim()) && d.email.trim().length <= EMAIL_MAX_LENGTH)) e.email = 'emailInvalid';
  else if (d.contactPreference === 'letter') {
    const address = d.address.trim();
    if (!address) e.address = 'addressRequired';
    else if (address.length > REFERRAL_LIMITS.address) e.address = 'addressTooLong';
  }
  if (d.referrerName.trim().length > REFERRAL_LIMITS.referrerName) e.referrerName = 'referrerTooLong';
  if (d.referrerPractice.trim().length > REFERRAL_LIMITS.referrerPractice) e.referrerPractice = 'referrerTooLong';
  if (!d.consent) e.consent = 'consentRequired';
  return e;
}

/**
 * The POST body from a valid draft. Only the contact detail the patient chose goes along:
 * a referral carries no more than it needs.
 */
export function buildReferral(d: ReferralDraft, where: { target: 'activity'; activityId: string } | { target: 'coach'; postcode: string }): ReferralRequest {
  const pref = d.contactPreference as ContactPreference;
  // Keys from the taxonomy the dialog offers; the relay refuses any other (400, shown at the field).
  const reasons = [...new Set(d.reasons)] as NeedKey[];
  const patient: ReferralPatient = { name: d.name.trim(), contactPreference: pref };
  if (pref === 'phone') patient.phone = d.phone.trim();
  else if (pref === 'email') patient.email = d.email.trim();
  else patient.address = d.address.trim();
  const body: ReferralRequest =
    where.target === 'activity'
      ? { target: 'activity', activityId: where.activityId, reasons, patient, consent: true }
      : { target: 'coach', postcode: normalizePostcode(where.postcode) ?? where.postcode, reasons, patient, consent: true };
  const note = d.note.trim();
  if (note) body.note = note;
  const referrer: ReferralReferrer = {};
  if (d.referrerName.trim()) referrer.name = d.referrerName.trim();
  if (d.referrerPractice.trim()) referrer.practice = d.referrerPractice.trim();
  if (referrer.name || referrer.practice) body.referrer = referrer;
  return body;
}

/** Relay field errors (`/patient/phone`) → the draft field they belong to. */
export function fieldForPointer(pointer: string): DraftField | null {
  const map: Record<string, DraftField> = {
    '/reasons': 'reasons',
    '/note': 'note',
    '/patient/name': 'name',
    '/patient/contactPreference': 'contactPreference',
    '/patient/phone': 'phone',
    '/patient/email': 'email',
    '/patient/address': 'address',
    '/referrer/name': 'referrerName',
    '/referrer/practice': 'referrerPractice',
    '/postcode': 'postcode',
    '/consent': 'consent',
  };
  const key = Object.keys(map).find((k) => pointer === k || pointer.startsWith(`${k}/`));
  return key ? map[key]! : null;
}

