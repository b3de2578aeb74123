/**
 * Query parameter schemas. The same zod schemas validate requests and generate the
 * OpenAPI document. Unknown parameters are rejected (strict objects).
 */
import { z } from '@hono/zod-openapi';
import {
  AUDIENCE_KEYS,
  CATEGORY_KEYS,
  DAY_KEYS,
  PARTS_OF_DAY,
  STATUS_KEYS,
  geocodePostcode,
  parseLatLng,
  parsePostcode,
  resolveNeed,
  type LatLng,
  type NeedKey,
} from '@sociale-kaart/schema';

/** Deepest result a search may page to (Meilisearch's maxTotalHits of the shared settings). */
export const MAX_RESULT_WINDOW = 10_000;
export const MAX_PER_PAGE = 50;

const stringOrList = z.union([z.string(), z.array(z.string())]);

function toList(v: string | string[]): string[] {
  const items = (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim());
  return [...new Set(items.filter((s) => s !== ''))];
}

/** Repeatable or comma-separated keys from a closed list. */
function keyList<T extends readonly [string, ...string[]]>(keys: T, description: string) {
  return stringOrList
    .transform(toList)
    .pipe(z.array(z.enum(keys, { error: () => `must be one of: ${keys.join(', ')}` })).max(keys.length))
    .optional()
    .openapi({ description: `${description} Repeat the parameter or separate keys with commas. One of: ${keys.join(', ')}.` });
}

const flag = z
  .enum(['true', 'false', '1', '0', 'ja', 'nee'], { error: () => 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'ja')
  .optional();

const intParam = (min: number, max: number, description: string) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .optional()
    .openapi({ description, type: 'integer' });

const needList = stringOrList
  .transform((v, ctx) => {
    const out: NeedKey[] = [];
    for (const item of toList(v)) {
      const key = resolveNeed(item);
      if (key) out.push(key);
      else ctx.addIssue({ code: 'custom', message: `unknown need "${item.slice(0, 40)}"` });
    }
    return [...new Set(out)];
  })
  .optional()
  .openapi({
    description: 'Reasons for referral (need keys such as eenzaamheid, or a Dutch synonym such as "eenzaam"). A need also finds activities in the categories that help with it; activities tagged with the need itself rank first.',
  });

const postcodeParam = z
  .string()
  .max(12, 'is too long')
  .transform((v, ctx) => {
    const parsed = parsePostcode(v);
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: 'is not a Dutch postcode (1234 AB, 1234AB or 1234)' });
      return z.NEVER;
    }
    const point = geocodePostcode(parsed.pc4);
    if (!point) {
      ctx.addIssue({ code: 'custom', message: `postcode area ${parsed.pc4} is unknown` });
      return z.NEVER;
    }
    return { postcode: parsed.normalized, point };
  })
  .optional()
  .openapi({ description: 'A Dutch postcode in any common form: 3511 AB, 3511ab or 3511.', type: 'string', example: '3511 AB' });

const nearParam = z
  .string()
  .max(60, 'is too long')
  .transform((v, ctx): LatLng => {
    const p = parseLatLng(v);
    if (!p) {
      ctx.addIssue({ code: 'custom', message: 'must be "lat,lng" in decimal degrees, e.g. 52.09,5.12' });
      return z.NEVER;
    }
    return p;
  })
  .optional()
  .openapi({ description: 'A point as lat,lng in decimal degrees.', type: 'string', example: '52.0907,5.1214' });

const radiusParam = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,3})?$/, 'must be a number of kilometres, e.g. 5 or 2.5')
  .transform(Number)
  .pipe(z.number().min(0.1, 'must be at least 0.1').max(100, 'must be at most 100'))
  .optional()
  .openapi({ description: 'Search radius in km around postcode/near (default 10).', type: 'number' });

const langParam = z.enum(['nl', 'en'], { error: () => 'must be nl or en' }).optional().openapi({ description: 'Language of labels and schedule text (default nl).' });

export const searchQuerySchema = z
  .strictObject({
    q: z.string().max(200, 'must be at most 200 characters').optional().openapi({ description: 'Free text.' }),
    category: keyList(CATEGORY_KEYS, 'Activity categories.'),
    need: needList,
    postcode: postcodeParam,
    near: nearParam,
    radius: radiusParam,
    day: keyList(DAY_KEYS, 'Days of the week.'),
    part_of_day: keyList(PARTS_OF_DAY, 'Parts of the day.'),
    free: flag.openapi({ description: 'Only free (true) or only paid (false) activities.', type: 'boolean' }),
    audience: keyList(AUDIENCE_KEYS, 'Audiences.'),
    wheelchair: flag.openapi({ description: 'Only wheelchair accessible activities (true).', type: 'boolean' }),
    online: flag.openapi({ description: 'true: online activities (also without a place); false: only activities at a place.', type: 'boolean' }),
    status: keyList(STATUS_KEYS, 'Statuses (default active).'),
    page: intParam(1, MAX_RESULT_WINDOW, 'Page number, from 1.'),
    per_page: intParam(1, MAX_PER_PAGE, `Results per page, 1–${MAX_PER_PAGE} (default 20).`),
    sort: z
      .enum(['relevance', 'distance'], { error: () => 'must be relevance or distance' })
      .optional()
      .openapi({ description: 'relevance (default) or distance (default when a place is given and q is empty).' }),
    lang: langParam,
    understand: flag.openapi({
      description:
        'Read needs and categories named in q ("schulden", "partner overleden", "weinig contacten") and rank their activities first, as if chosen; the answer says what was understood in `understood`. Default true; false searches the text only (and `understood` is empty).',
      type: 'boolean',
    }),
  })
  .superRefine((v, ctx) => {
    if (v.postcode && v.near) ctx.addIssue({ code: 'custom', path: ['near'], message: 'give either postcode or near, not both' });
    if (v.sort === 'distance' && !v.postcode && !v.near) ctx.addIssue({ code: 'custom', path: ['sort'], message: 'distance needs postcode or near' });
    const perPage = v.per_page ?? 20;
    if ((v.page ?? 1) * perPage > MAX_RESULT_WINDOW) ctx.addIssue({ code: 'custom', path: ['page'], message: `page × per_page must be at most ${MAX_RESULT_WINDOW}` });
  });
export type SearchQueryInput = z.output<typeof searchQuerySchema>;

export const suggestQuerySchema = z.strictObject({
  q: z.string().max(100, 'must be at most 100 characters').openapi({ description: 'What has been typed so far.' }),
  lang: langParam,
  limit: intParam(1, 10, 'Most activity titles to return (default 5).'),
});

export const taxonomyQuerySchema = z.strictObject({ lang: langParam });

export const activityParamsSchema = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,511}$/, 'is not an activity id')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'demo-utrecht-0001' }),
});
export const activityQuerySchema = z.strictObject({ lang: langParam });

export const hsdsServicesQuerySchema = z.strictObject({
  search: z.string().max(200, 'must be at most 200 characters').optional().openapi({ description: 'Free text.' }),
  page: intParam(1, MAX_RESULT_WINDOW, 'Page number, from 1.'),
  per_page: intParam(1, 100, 'Services per page, 1–100 (default 50).'),
  taxonomy_term_id: z
    .string()
    .max(100)
    .optional()
    .openapi({ description: 'A taxonomy term: a category or need key of this sociale kaart, or its term id from a service record.' }),
  modified_after: z
    .string()
    .max(40)
    .refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date or date-time')
    .optional()
    .openapi({ description: 'Only services changed after this date-time (ISO 8601).' }),
  full: flag.openapi({ description: 'true: fully nested service records.', type: 'boolean' }),
});

export const hsdsServiceParamsSchema = z.object({
  id: z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, 'is not a service id')
    .openapi({ param: { name: 'id', in: 'path' } }),
});
