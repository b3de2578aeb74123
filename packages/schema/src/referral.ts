/**
 * The referral contract (POST /v1/referrals, GET /v1/referrals/{id}, provider status updates):
 * request and response bodies and their limits. The relay validates with these schemas and
 * publishes them in its OpenAPI document (component names from `.meta({ id })`); the widgets
 * import the same schemas and limits, so browser and server decide alike.
 */
import { z } from 'zod';
import { activityIdSchema, emailSchema } from './activity.js';
import { parsePostcode } from './geo.js';
import { CONTACT_PREFERENCES, PHONE_PATTERN, REFERRAL_LIMITS, type ContactPreference } from './limits.js';
import { NEED_KEYS } from './taxonomy.js';
import { sealedReferralSchema } from './sealed-envelope.js';

export const PROVIDER_STATUSES = ['received', 'contacted', 'started', 'declined', 'closed'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];
/** Set by the relay itself: `pending` while delivering, then `sent` or `delivery_failed`. */
export const RELAY_STATUSES = ['pending', 'sent', 'delivery_failed'] as const;
export type RelayStatus = (typeof RELAY_STATUSES)[number];
/**
 * Set by the inbox when a coach passes the referral to another organisation's inbox (a warm
 * handover, re-sealed in the coach's browser); the entry names the new organisation in `to`.
 */
export const HANDOVER_STATUS = 'handed_over' as const;
/**
 * Set by the inbox when a coach passes the referral to a colleague in the same organisation.
 * Not a status of its own: the referral stays where it was (contacted stays contacted), so it
 * never becomes the current status. The entry names nobody: who handles it is staff data.
 */
export const COLLEAGUE_HANDOVER = 'handed_to_colleague' as const;
export const REFERRAL_STATUSES = [...RELAY_STATUSES, ...PROVIDER_STATUSES, HANDOVER_STATUS, COLLEAGUE_HANDOVER] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

const RECEIVER_STATUSES: ReadonlySet<string> = new Set([...PROVIDER_STATUSES, HANDOVER_STATUS]);

/**
 * A referral's status from its history: the receiving side's latest word wins (a provider may
 * post `received` before the relay has recorded `sent`, and `sent` must not hide it); without
 * one, the relay's latest status; without any, `pending`. A colleague handover is never the
 * current status. The relay's stores, the database and the inbox all derive it here.
 */
export function currentReferralStatus<E extends { status: string }>(history: readonly E[]): E['status'] | 'pending' {
  for (let i = history.length - 1; i >= 0; i--) {
    if (RECEIVER_STATUSES.has(history[i]!.status)) return history[i]!.status;
  }
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i]!.status !== COLLEAGUE_HANDOVER) return history[i]!.status;
  }
  return 'pending';
}

const FIELD_FOR_PREFERENCE = { phone: 'phone', email: 'email', letter: 'address' } as const;

// Cross-field checks also run when other fields failed, so one answer names every bad field;
// only a body that is not an object at all skips them.
const evenWithOtherIssues = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };

const text = (max: number) => z.string().trim().max(max);
export const phoneSchema = z.string().trim().max(REFERRAL_LIMITS.phone).regex(PHONE_PATTERN, 'not a phone number');

export const patientSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(REFERRAL_LIMITS.patientName),
    contactPreference: z.enum(CONTACT_PREFERENCES),
    phone: phoneSchema.optional(),
    email: emailSchema.optional(),
    address: text(REFERRAL_LIMITS.address).min(1).optional(),
  })
  .check(
    z.superRefine((patient, ctx) => {
      const field = FIELD_FOR_PREFERENCE[patient.contactPreference as ContactPreference] as 'phone' | 'email' | 'address' | undefined;
      if (field && (patient[field] === undefined || patient[field] === '')) {
        ctx.addIssue({ code: 'custom', path: [field], message: `required when contactPreference is "${String(patient.contactPreference)}"`, input: undefined });
      }
    }, evenWithOtherIssues),
  )
  .meta({ id: 'ReferralPatient',
    description: 'Sent to the provider only; the relay never stores or logs it. The field of the chosen contact preference is required.',
  });

export const referrerSchema = z
  .strictObject({
    name: text(REFERRAL_LIMITS.referrerName).optional(),
    practice: text(REFERRAL_LIMITS.referrerPractice).optional(),
  })
  .meta({ id: 'ReferralReferrer' });

export const postcodeSchema = z
  .string()
  .max(REFERRAL_LIMITS.postcode)
  .refine((s) => parsePostcode(s) !== null, 'not a Dutch postcode (1234 AB or 1234)');

const createShape = z.strictObject({
  target: z.enum(['activity', 'coach']).meta({ description: '`activity`: refer straight to `activityId`. `coach`: to the welzijnscoach of the gemeente of `postcode`.' }),
  activityId: activityIdSchema.optional(),
  postcode: postcodeSchema.optional(),
  reasons: z.array(z.enum(NEED_KEYS)).min(1).max(NEED_KEYS.length).meta({ description: 'Need keys from GET /v1/taxonomy.' }),
  note: text(REFERRAL_LIMITS.note).optional().meta({ description: 'Short, for the provider. No medical details. Not with `sealed`: then it is inside the sealed part.' }),
  patient: patientSchema.optional().meta({ description: 'In the clear, for an organisation that receives on its own webhook. Exactly one of `patient` and `sealed`.' }),
  sealed: sealedReferralSchema.optional().meta({
    description:
      'The patient part and note sealed in the browser to the organisation\'s key (GET /v1/organizations/{organizationId}/referral-key), bound to referralPublicPart({ target, activityId, organizationId, reasons }). Requires `activityId` (for `coach`: the welzijnscoach\'s activity). Required for an organisation that receives in the hosted inbox.',
  }),
  consent: z.literal(true).meta({ description: 'The patient agreed to sharing these details with the receiving organisation.' }),
  referrer: referrerSchema.optional(),
});

export const createReferralSchema = createShape
  .check(
    z.superRefine((body, ctx) => {
      if (body.target === 'activity' && body.activityId === undefined) {
        ctx.addIssue({ code: 'custom', path: ['activityId'], message: 'required when target is "activity"', input: undefined });
      }
      if (body.target === 'coach' && body.postcode === undefined && body.sealed === undefined) {
        ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'required when target is "coach"', input: undefined });
      }
      if (body.patient === undefined && body.sealed === undefined) {
        ctx.addIssue({ code: 'custom', path: ['patient'], message: 'required unless the referral is sealed', input: undefined });
      }
      if (body.sealed !== undefined) {
        if (body.patient !== undefined) ctx.addIssue({ code: 'custom', path: ['patient'], message: 'not allowed with sealed: the patient part is inside it', input: undefined });
        if (body.note !== undefined) ctx.addIssue({ code: 'custom', path: ['note'], message: 'not allowed with sealed: the note is inside it', input: undefined });
        if (body.activityId === undefined) ctx.addIssue({ code: 'custom', path: ['activityId'], message: 'required with sealed: the sealed part is bound to it', input: undefined });
      }
    }, evenWithOtherIssues),
  )
  .meta({ id: 'ReferralRequest' });
export type CreateReferralBody = z.infer<typeof createReferralSchema>;

export const referralTargetSchema = z
  .object({
    type: z.enum(['activity', 'coach']),
    activityId: z.string(),
    title: z.string().nullable(),
    organizationId: z.string().nullable(),
    organizationName: z.string().nullable(),
  })
  .meta({ id: 'ReferralTarget' });

export const referralCreatedSchema = z
  .object({
    referralId: z.string(),
    status: z.literal('sent'),
    /** GET this (it carries the token) to follow the status. */
    statusUrl: z.string(),
    token: z.string().meta({ description: 'The capability token in statusUrl, for <sk-referral-status token>. Only its hash is stored.' }),
    target: referralTargetSchema,
  })
  .meta({ id: 'ReferralCreated' });

export const historyEntrySchema = z
  .object({
    status: z.enum(REFERRAL_STATUSES),
    at: z.string(),
    reason: z.string().optional(),
    activityId: z.string().optional().meta({ description: 'On `started`: the activity the patient started, when the coach named it.' }),
    to: z
      .object({ organizationId: z.string(), organizationName: z.string().nullable() })
      .optional()
      .meta({ description: 'On `handed_over`: the organisation that has the referral now.' }),
  })
  .meta({ id: 'ReferralHistoryEntry' });

export const referralViewSchema = z
  .object({
    referralId: z.string(),
    status: z.enum(REFERRAL_STATUSES),
    createdAt: z.string(),
    updatedAt: z.string(),
    history: z.array(historyEntrySchema),
    target: referralTargetSchema,
  })
  .meta({ id: 'ReferralStatusView' });

export const statusUpdateSchema = z
  .strictObject({
    status: z.enum(PROVIDER_STATUSES),
    reason: text(REFERRAL_LIMITS.statusReason).optional().meta({ description: 'Shown to the GP. No medical details.' }),
    activityId: activityIdSchema.optional().meta({ description: 'With `started`: the activity the patient started.' }),
    referralId: z.string().optional().meta({ description: 'When given, must equal the id in the path: binds the signature to this referral.' }),
  })
  .meta({ id: 'ReferralStatusUpdate' });

export const statusAcceptedSchema = z
  .object({ referralId: z.string(), status: z.enum(REFERRAL_STATUSES), history: z.array(historyEntrySchema) })
  .meta({ id: 'ReferralStatusAccepted' });

export const providerContactSchema = z
  .object({
    phone: z.string().nullable(),
    email: z.string().nullable(),
    intakeEmail: z.string().nullable(),
    website: z.string().nullable(),
  })
  .meta({ id: 'ProviderContact' });

export const referralProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ parameter: z.string(), pointer: z.string(), message: z.string() })).optional(),
    referralId: z.string().optional(),
    target: referralTargetSchema.optional(),
    contact: providerContactSchema.optional().meta({ description: 'How to reach the provider without the relay (for the handout).' }),
  })
  .meta({ id: 'ReferralProblem' });
export type ReferralProblem = z.infer<typeof referralProblemSchema>;
