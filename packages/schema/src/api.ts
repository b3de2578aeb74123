/**
 * Shapes of the search API's answers (/v1/*), shared by the API (which validates
 * and documents them) and the widgets (which render them).
 */
import { z } from 'zod';
import { activitySchema } from './activity.js';

export const labelledKeySchema = z.object({ key: z.string(), label: z.string() });

export const searchHitSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  organization: z.object({ name: z.string() }),
  categories: z.array(labelledKeySchema),
  needs: z.array(labelledKeySchema),
  location: z
    .object({ name: z.string().nullable(), street: z.string().nullable(), postcode: z.string().nullable(), city: z.string().nullable() })
    .nullable(),
  /** Coordinates, for the map; null for online-only activities. */
  geo: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  /** Distance from the searched point in km (1 decimal), null when no point was given or no place. */
  distanceKm: z.number().nullable(),
  /** Next occurrence start, ISO 8601 with offset, Europe/Amsterdam; null when unknown. */
  nextSession: z.string().nullable(),
  /** Human-readable schedule in the requested language, e.g. "elke dinsdag 10:00–12:00". */
  schedule: z.string().nullable(),
  days: z.array(z.string()),
  partsOfDay: z.array(z.string()),
  free: z.boolean(),
  costDescription: z.string().nullable(),
  online: z.boolean(),
  wheelchairAccessible: z.boolean().nullable(),
  contact: z.object({ phone: z.string().nullable(), email: z.string().nullable(), url: z.string().nullable() }),
  acceptsWelzijnOpRecept: z.boolean(),
  referralRequired: z.boolean(),
  isWelzijnscoach: z.boolean(),
  status: z.string(),
  /** Highlighted fragments: plain text in which matches are wrapped in U+E000 … U+E001 (never HTML). */
  highlight: z.object({ title: z.string(), summary: z.string() }),
  /**
   * True when the activity was last checked (`assuredDate`, else `lastModified`) longer ago
   * than the API's `--stale-after-days` (default 180): show it as possibly out of date.
   */
  stale: z.boolean().optional(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const facetCountsSchema = z.array(z.object({ key: z.string(), label: z.string(), count: z.number().int() }));

/**
 * The needs and categories the API read in the free text (`q`), by key: their activities
 * rank first, as if chosen. Empty arrays when nothing was understood or `understand=false`.
 */
export const understoodSchema = z.object({
  need: z.array(z.string()),
  category: z.array(z.string()),
});
export type Understood = z.infer<typeof understoodSchema>;

export const searchResponseSchema = z.object({
  query: z.record(z.string(), z.unknown()),
  understood: understoodSchema,
  total: z.number().int(),
  totalIsEstimate: z.boolean(),
  page: z.number().int(),
  perPage: z.number().int(),
  tookMs: z.number(),
  /** The searched point (from postcode or near), for the map. */
  center: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  hits: z.array(searchHitSchema),
  facets: z.object({
    category: facetCountsSchema,
    need: facetCountsSchema,
    day: facetCountsSchema,
    partOfDay: facetCountsSchema,
    free: facetCountsSchema,
    audience: facetCountsSchema,
  }),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;

export const suggestResponseSchema = z.object({
  query: z.string(),
  needs: z.array(labelledKeySchema),
  categories: z.array(labelledKeySchema),
  activities: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      /**
       * Only when another suggestion has the same title: what tells them apart — the place,
       * or the organisation when the place is the same too (e.g. "Utrecht", "Buurtteam Oost").
       */
      detail: z.string().optional(),
    }),
  ),
});
export type SuggestResponse = z.infer<typeof suggestResponseSchema>;

/** GET /v1/activities/{id}: the activity document plus the display fields of a hit. */
export const activityResponseSchema = activitySchema.extend({
  categoryItems: z.array(labelledKeySchema),
  needItems: z.array(labelledKeySchema),
  scheduleText: z.string().nullable(),
  nextSession: z.string().nullable(),
  /** As on a search hit. */
  stale: z.boolean().optional(),
});
export type ActivityResponse = z.infer<typeof activityResponseSchema>;

/** RFC 9457 problem details, as every error of the API is answered. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ parameter: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;
