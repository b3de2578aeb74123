// Parity: where the browser and the relay both decide (postcodes, phone numbers, e-mail,
// field limits), the same cases go through the widgets' code path (the finder's query, the
// dialog's checks and the body it builds) and through the relay's zod schema, and must agree.
import { createReferralSchema, postcodeSchema, REFERRAL_LIMITS, sealedPatientPartSchema } from '@sociale-kaart/schema';
import { normalizeQuery } from './query.js';
import { buildReferral, validateDraft, type DraftField, type ReferralDraft } from './referral-form.js';
import { assert, assertEqual } from '../../test/helpers.js';

const draft = (patch: Partial<ReferralDraft> = {}): ReferralDraft => ({
  reasons: ['eenzaamheid'],
  note: '',
  name: 'Mevrouw Jansen',
  contactPreference: 'phone',
  phone: '06 12345678',
  email: '',
  address: '',
  referrerName: '',
  referrerPractice: '',
  postcode: '3511 AB',
  consent: true,
  ...patch,
});

/** The relay's verdict on the body the dialog would send: the draft fields it refuses. */
function relayRefuses(d: ReferralDraft, target: 'activity' | 'coach'): DraftField[] {
  const body = buildReferral(d, target === 'coach' ? { target, postcode: d.postcode } : { target, activityId: 'test-koffie-buurtkamer' });
  const result = createReferralSchema.safeParse(body);
  if (result.success) return [];
  const byPath: Record<string, DraftField> = {
    'patient.name': 'name',
    'patient.phone': 'phone',
    'patient.email': 'email',
    'patient.address': 'address',
    note: 'note',
    postcode: 'postcode',
    'referrer.name': 'referrerName',
    'referrer.practice': 'referrerPractice',
  };
  return [...new Set(result.error.issues.map((i) => byPath[i.path.join('.')] ?? (i.path.join('.') as DraftField)))].sort();
}

/** The verdict on the sealed form of the same referral: what sealing refuses of the patient part (the relay checks the rest). */
function sealingRefuses(d: ReferralDraft): DraftField[] {
  const body = buildReferral(d, { target: 'activity', activityId: 'test-koffie-buurtkamer' });
  const result = sealedPatientPartSchema.safeParse({ patient: body.patient, ...(body.note ? { note: body.note } : {}) });
  if (result.success) return [];
  const byPath: Record<string, DraftField> = { 'patient.name': 'name', 'patient.phone': 'phone', 'patient.email': 'email', 'patient.address': 'address', note: 'note' };
  return [...new Set(result.error.issues.map((i) => byPath[i.path.join('.')] ?? (i.path.join('.') as DraftField)))].sort();
}

const PATIENT_FIELDS: readonly DraftField[] = ['name', 'phone', 'email', 'address', 'note'];

function widgetRefuses(d: ReferralDraft, target: 'activity' | 'coach'): DraftField[] {
  return (Object.keys(validateDraft(d, target)) as DraftField[]).sort();
}

function agree(d: ReferralDraft, target: 'activity' | 'coach', label: string): DraftField[] {
  const widget = widgetRefuses(d, target);
  assertEqual(widget, relayRefuses(d, target), `${label}: the dialog and the relay refuse the same fields`);
  return widget;
}

const POSTCODES = ['3511ab', '3511 AB', ' 3511  ab ', '3511-AB', '3511', '9999 ZZ', '0123 AB', '3511 SA', '3511 ss', '35111', '3511 A', 'AB 3511', '', '3511 ABC'];
const PHONES = ['06 12345678', '+31 6 1234 5678', '030-1234567', '(030) 123 45 67', '030.123.45.67', ' 0612345678 ', '12345', '123456', 'abc', '06 1234 5678 toestel 2', '+', `+${'1'.repeat(39)}`, `+${'1'.repeat(40)}`, '-0612345678'];
const EMAILS = ['a@b.nl', 'naam.achternaam@example.nl', 'geen-apenstaart.nl', 'a@b', 'a b@c.nl', '<a@b.nl>', `${'a'.repeat(245)}@test.nl`, `${'a'.repeat(246)}@test.nl`];

describe('parity: the widgets and the relay decide alike', () => {
  it('postcodes: the finder, the coach dialog and the relay accept and refuse the same ones', () => {
    let accepted = 0;
    for (const pc of POSTCODES) {
      const relay = postcodeSchema.safeParse(pc).success;
      const finder = normalizeQuery({ postcode: pc }).postcode !== '';
      assertEqual(finder, relay, `finder and relay on ${JSON.stringify(pc)}`);
      const refused = agree(draft({ postcode: pc }), 'coach', `coach referral with postcode ${JSON.stringify(pc)}`);
      assertEqual(refused.includes('postcode'), !relay, `the dialog on ${JSON.stringify(pc)}`);
      if (relay) accepted++;
    }
    // Both sides of the border are in the cases: a parser that accepts all, or none, fails here.
    assert(accepted > 3 && accepted < POSTCODES.length - 3, `accepted ${accepted} of ${POSTCODES.length}`);
  });

  it('phone numbers and e-mail addresses', () => {
    const verdicts = PHONES.map((phone) => agree(draft({ phone }), 'activity', `phone ${JSON.stringify(phone)}`).includes('phone'));
    assert(verdicts.includes(true) && verdicts.includes(false), 'phone cases on both sides');
    const mails = EMAILS.map((email) => agree(draft({ contactPreference: 'email', email }), 'activity', `e-mail ${JSON.stringify(email)}`).includes('email'));
    assert(mails.includes(true) && mails.includes(false), 'e-mail cases on both sides');
  });

  it('field limits: at the limit accepted, one over refused, by both', () => {
    const fields: [keyof ReferralDraft, number, Partial<ReferralDraft>][] = [
      ['name', REFERRAL_LIMITS.patientName, {}],
      ['note', REFERRAL_LIMITS.note, {}],
      ['address', REFERRAL_LIMITS.address, { contactPreference: 'letter' }],
      ['referrerName', REFERRAL_LIMITS.referrerName, {}],
      ['referrerPractice', REFERRAL_LIMITS.referrerPractice, {}],
    ];
    for (const [field, limit, extra] of fields) {
      assertEqual(agree(draft({ ...extra, [field]: 'x'.repeat(limit) }), 'activity', `${field} at ${limit}`), [], `${field} at the limit`);
      assertEqual(agree(draft({ ...extra, [field]: 'x'.repeat(limit + 1) }), 'activity', `${field} at ${limit + 1}`), [field], `${field} over the limit`);
    }
  });

  it('the sealed patient part: sealing refuses exactly the patient fields the dialog refuses', () => {
    const cases: Partial<ReferralDraft>[] = [
      ...PHONES.map((phone) => ({ phone })),
      ...EMAILS.map((email) => ({ contactPreference: 'email' as const, email })),
      { name: 'x'.repeat(REFERRAL_LIMITS.patientName) },
      { name: 'x'.repeat(REFERRAL_LIMITS.patientName + 1) },
      { note: 'x'.repeat(REFERRAL_LIMITS.note) },
      { note: 'x'.repeat(REFERRAL_LIMITS.note + 1) },
      { contactPreference: 'letter', address: 'x'.repeat(REFERRAL_LIMITS.address + 1) },
      { contactPreference: 'letter', address: 'Dorpsstraat 1, 3511 AB Utrecht' },
    ];
    let refused = 0;
    for (const patch of cases) {
      const d = draft(patch);
      const widget = widgetRefuses(d, 'activity').filter((f) => PATIENT_FIELDS.includes(f));
      assertEqual(widget, sealingRefuses(d), `sealed ${JSON.stringify(patch).slice(0, 80)}`);
      if (widget.length) refused++;
    }
    assert(refused > 3 && refused < cases.length - 3, `cases on both sides: ${refused} of ${cases.length} refused`);
  });
});
