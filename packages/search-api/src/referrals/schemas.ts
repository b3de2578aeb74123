/**
 * The referral contract: request and response bodies, validated with zod and published in the
 * OpenAPI document from the same schemas.
 */
import { z } from '@hono/zod-openapi';
import { NEED_KEYS, activityIdSchema, emailSchema, parsePostcode } from '@sociale-kaart/schema';
import { PROVIDER_STATUSES, REFERRAL_STATUSES } from './store.js';

export const CONTACT_PREFERENCES = ['phone', 'email', 'letter'] as const;
export type ContactPreference = (typeof CONTACT_PREFERENCES)[number];
const FIELD_FOR_PREFERENCE = { phone: 'phone', email: 'email', letter: 'address' } as const;

// Cross-field checks also run when other fields failed, so one answer names every bad field;
// only a body that is not an object at all skips them.
const evenWithOtherIssues = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };

const text = (max: number) => z.string().trim().max(max);
const phoneSchema = z
  .string()
  .trim()
  .max(40)
  .regex(/^\+?[0-9][0-9 ()./-]{5,38}$/, 'not a phone number');

export const patientSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    contactPreference: z.enum(CONTACT_PREFERENCES),
    phone: phoneSchema.optional(),
    email: emailSchema.optional(),
    address: text(500).min(1).optional(),
  })
  .check(
    z.superRefine((patient, ctx) => {
      const field = FIELD_FOR_PREFERENCE[patient.contactPreference as ContactPreference] as 'phone' | 'email' | 'address' | undefined;
      if (field && (patient[field] === undefined || patient[field] === '')) {
        ctx.addIssue({ code: 'custom', path: [field], message: `required when contactPreference is "${String(patient.contactPreference)}"`, input: undefined });
      }
    }, evenWithOtherIssues),
  )
  .openapi('ReferralPatient', {
    description: 'Sent to the provider only; the relay never stores or logs it. The field of the chosen contact preference is required.',
  });

export const referrerSchema = z
  .strictObject({
    name: text(200).optional(),
    practice: text(200).optional(),
  })
  .openapi('ReferralReferrer');

export const postcodeSchema = z
  .string()
  .max(10)
  .refine((s) => parsePostcode(s) !== null, 'not a Dutch postcode (1234 AB or 1234)');

const createShape = z.strictObject({
  target: z.enum(['activity', 'coach']).openapi({ description: '`activity`: refer straight to `activityId`. `coach`: to the welzijnscoach of the gemeente of `postcode`.' }),
  activityId: activityIdSchema.optional(),
  postcode: postcodeSchema.optional(),
  reasons: z.array(z.enum(NEED_KEYS)).min(1).max(NEED_KEYS.length).openapi({ description: 'Need keys from GET /v1/taxonomy.' }),
  note: text(1000).optional().openapi({ description: 'Short, for the provider. No medical details.' }),
  patient: patientSchema,
  consent: z.literal(true).openapi({ description: 'The patient agreed to sharing these details with the receiving organisation.' }),
  referrer: referrerSchema.optional(),
});

export const createReferralSchema = createShape
  .check(
    z.superRefine((body, ctx) => {
      if (body.target === 'activity' && body.activityId === undefined) {
        ctx.addIssue({ code: 'custom', path: ['activityId'], message: 'required when target is "activity"', input: undefined });
      }
      if (body.target === 'coach' && body.postcode === undefined) {
        ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'required when target is "coach"', input: undefined });
      }
    }, evenWithOtherIssues),
  )
  .openapi('ReferralRequest');
export type CreateReferralBody = z.infer<typeof createReferralSchema>;

export const referralTargetSchema = z
  .object({
    type: z.enum(['activity', 'coach']),
    activityId: z.string(),
    title: z.string().nullable(),
    organizationId: z.string().nullable(),
    organizationName: z.string().nullable(),
  })
  .openapi('ReferralTarget');

export const referralCreatedSchema = z
  .object({
    referralId: z.string(),
    status: z.literal('sent'),
    /** GET this (it carries the token) to follow the status. */
    statusUrl: z.string(),
    token: z.string().openapi({ description: 'The capability token in statusUrl, for <sk-referral-status token>. Only its hash is stored.' }),
    target: referralTargetSchema,
  })
  .openapi('ReferralCreated');

export const historyEntrySchema = z
  .object({
    status: z.enum(REFERRAL_STATUSES),
    at: z.string(),
    reason: z.string().optional(),
  })
  .openapi('ReferralHistoryEntry');

export const referralViewSchema = z
  .object({
    referralId: z.string(),
    status: z.enum(REFERRAL_STATUSES),
    createdAt: z.string(),
    updatedAt: z.string(),
    history: z.array(historyEntrySchema),
    target: referralTargetSchema,
  })
  .openapi('ReferralStatusView');

export const statusUpdateSchema = z
  .strictObject({
    status: z.enum(PROVIDER_STATUSES),
    reason: text(500).optional().openapi({ description: 'Shown to the GP. No medical details.' }),
    referralId: z.string().optional().openapi({ description: 'When given, must equal the id in the path: binds the signature to this referral.' }),
  })
  .openapi('ReferralStatusUpdate');

export const statusAcceptedSchema = z
  .object({ referralId: z.string(), status: z.enum(REFERRAL_STATUSES), history: z.array(historyEntrySchema) })
  .openapi('ReferralStatusAccepted');

export const providerContactSchema = z
  .object({
    phone: z.string().nullable(),
    email: z.string().nullable(),
    intakeEmail: z.string().nullable(),
    website: z.string().nullable(),
  })
  .openapi('ProviderContact');

export const referralProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ parameter: z.string(), pointer: z.string(), message: z.string() })).optional(),
    referralId: z.string().optional(),
    target: referralTargetSchema.optional(),
    contact: providerContactSchema.optional().openapi({ description: 'How to reach the provider without the relay (for the handout).' }),
  })
  .openapi('ReferralProblem');
export type ReferralProblem = z.infer<typeof referralProblemSchema>;
