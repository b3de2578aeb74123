/**
 * The activity document: one HSDS service at one location, as stored in
 * Meilisearch and returned by the API. A service offered at three locations is
 * three activities that share `serviceId`.
 */
import { z } from 'zod';
import { EMAIL_MAX_LENGTH, EMAIL_PATTERN } from './limits.js';
import { AUDIENCE_KEYS, CATEGORY_KEYS, DAY_KEYS, DOMAIN_4D_KEYS, NEED_KEYS, PARTS_OF_DAY, PG_DIMENSION_KEYS, STATUS_KEYS } from './taxonomy.js';

/** Meilisearch document ids: a-z A-Z 0-9 - _ , at most 511 bytes. */
export const activityIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,511}$/, 'id may only contain letters, digits, - and _');

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'time must be HH:MM');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');

/** RFC 5545 BYDAY values with an optional ordinal for monthly rules: MO, 1MO, -1FR. */
export const bydaySchema = z.string().regex(/^(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/, 'byday must look like MO, TU, 1MO or -1FR');

export const scheduleSchema = z.object({
  /** once: a single date; weekly/monthly follow HSDS/iCalendar recurrence. */
  freq: z.enum(['once', 'daily', 'weekly', 'monthly']),
  interval: z.number().int().min(1).max(52).default(1),
  byday: z.array(bydaySchema).default([]),
  /** Day of month for monthly rules without a weekday (e.g. the 15th). */
  bymonthday: z.array(z.number().int().min(-31).max(31).refine((n) => n !== 0)).default([]),
  opensAt: time.nullable().default(null),
  closesAt: time.nullable().default(null),
  validFrom: isoDate.nullable().default(null),
  validTo: isoDate.nullable().default(null),
  /** For freq "once": the date it happens. */
  date: isoDate.nullable().default(null),
  description: z.string().max(500).nullable().default(null),
});
export type Schedule = z.infer<typeof scheduleSchema>;

/** Only these link schemes survive ingest; everything else is dropped. */
export const SAFE_URL = /^(https?:\/\/[^\s]+|mailto:[^\s]+|tel:[+0-9][0-9 ()-]*)$/i;
export const safeUrlSchema = z.string().max(2000).regex(SAFE_URL, 'only http(s), mailto and tel links are allowed');
export const httpUrlSchema = z.string().max(2000).regex(/^https?:\/\/[^\s]+$/i, 'must be an http(s) URL');
export const emailSchema = z.string().max(EMAIL_MAX_LENGTH).regex(EMAIL_PATTERN, 'not an e-mail address');

export const locationSchema = z.object({
  name: z.string().max(200).nullable().default(null),
  street: z.string().max(200).nullable().default(null),
  postcode: z.string().regex(/^[1-9]\d{3}( [A-Z]{2})?$/, 'postcode must be normalised as "1234 AB"').nullable().default(null),
  city: z.string().max(100).nullable().default(null),
  gemeente: z.string().max(100).nullable().default(null),
});
export type ActivityLocation = z.infer<typeof locationSchema>;

export const geoSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});

export const organizationSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(200),
  website: httpUrlSchema.nullable().default(null),
  kvk: z.string().regex(/^\d{8}$/).nullable().default(null),
});

export const intakeSchema = z.object({
  url: httpUrlSchema.nullable().default(null),
  email: emailSchema.nullable().default(null),
});

export const activitySchema = z.object({
  // identity
  id: activityIdSchema,
  serviceId: z.string().min(1),
  source: z.string().min(1),
  sourceRecordId: z.string().min(1),
  lastModified: z.iso.datetime({ offset: true }),
  /** epoch ms of lastModified, for numeric filters (HSDS modified_after). */
  lastModifiedTs: z.number().int(),
  assuredDate: isoDate.nullable().default(null),
  // text (plain text only: HTML is stripped at ingest)
  title: z.string().trim().min(1).max(200),
  summary: z.string().max(300),
  description: z.string().max(10000),
  organization: organizationSchema,
  // taxonomy
  categories: z.array(z.enum(CATEGORY_KEYS)),
  needs: z.array(z.enum(NEED_KEYS)),
  /** Labels (nl + en) of the categories: searchable text. */
  categoryLabels: z.array(z.string()),
  /** Labels (nl + en) and Dutch synonyms of the needs: searchable text. */
  needLabels: z.array(z.string()),
  categorySource: z.enum(['feed', 'rules', 'mixed', 'none']),
  pgDimensions: z.array(z.enum(PG_DIMENSION_KEYS)),
  domains4d: z.array(z.enum(DOMAIN_4D_KEYS)),
  // who
  audience: z.array(z.enum(AUDIENCE_KEYS)),
  minAge: z.number().int().min(0).max(120).nullable().default(null),
  maxAge: z.number().int().min(0).max(120).nullable().default(null),
  languages: z.array(z.string()).default([]),
  // when
  schedules: z.array(scheduleSchema),
  days: z.array(z.enum(DAY_KEYS)),
  partsOfDay: z.array(z.enum(PARTS_OF_DAY)),
  // where
  location: locationSchema.nullable(),
  /** Copy of location.gemeente at the top level, for filtering. */
  gemeente: z.string().nullable(),
  _geo: geoSchema.optional(),
  online: z.boolean(),
  // cost
  free: z.boolean(),
  costDescription: z.string().max(300).nullable().default(null),
  // access
  wheelchairAccessible: z.boolean().nullable().default(null),
  accessibilityNotes: z.string().max(1000).nullable().default(null),
  // contact
  phone: z.string().max(40).nullable().default(null),
  email: emailSchema.nullable().default(null),
  url: safeUrlSchema.nullable().default(null),
  // referral
  acceptsWelzijnOpRecept: z.boolean(),
  referralRequired: z.boolean(),
  /** The welzijnscoach (Welzijn op Recept) of a gemeente: the default referral target. */
  isWelzijnscoach: z.boolean().default(false),
  intake: intakeSchema.nullable().default(null),
  status: z.enum(STATUS_KEYS),
});

export type Activity = z.infer<typeof activitySchema>;
export type ActivityInput = z.input<typeof activitySchema>;
