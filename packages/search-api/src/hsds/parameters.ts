/**
 * The query parameters of the HSDS API (those of the official openapi.json, and the Open
 * Referral UK filters minimum_age, maximum_age, day, start_time, end_time). Several
 * values of one parameter (repeated, or separated by commas) mean OR; different
 * parameters mean AND. A bad value is a 400 that names the parameter.
 */
import { z } from '@hono/zod-openapi';
import { DAY_KEYS, lookupPc4, parsePostcode, type DayKey } from '@sociale-kaart/schema';

export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 50;

const stringOrList = z.union([z.string(), z.array(z.string())]);
function toList(v: string | string[]): string[] {
  return [...new Set((Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== ''))];
}
const list = (max: number, description: string) =>
  stringOrList
    .transform(toList)
    .pipe(z.array(z.string().max(100, 'a value is too long')).max(max, `at most ${max} values`))
    .optional()
    .openapi({ description: `${description} Several values (repeated or comma-separated) mean any of them.`, type: 'string' });

const flag = (description: string) =>
  z
    .enum(['true', 'false', '1', '0'], { error: () => 'must be true or false' })
    .transform((v) => v === 'true' || v === '1')
    .optional()
    .openapi({ description, type: 'boolean' });

const integer = (min: number, max: number, description: string) =>
  z
    .string()
    .regex(/^\d{1,7}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .optional()
    .openapi({ description, type: 'integer' });

const DAY_NAMES: Record<string, DayKey> = {};
const ENGLISH = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const DUTCH = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];
const RRULE = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];
DAY_KEYS.forEach((key, i) => {
  for (const name of [key, ENGLISH[i]!, DUTCH[i]!, RRULE[i]!]) DAY_NAMES[name] = key;
});

const dayList = stringOrList
  .transform((v, ctx) => {
    const out: DayKey[] = [];
    for (const item of toList(v)) {
      const key = DAY_NAMES[item.toLowerCase()];
      if (key) out.push(key);
      else ctx.addIssue({ code: 'custom', message: `"${item.slice(0, 20)}" is not a day (monday … sunday, MO … SU, or maandag … zondag)` });
    }
    return [...new Set(out)];
  })
  .optional()
  .openapi({ description: 'Only services with a session on this day of the week: monday … sunday (also MO … SU, or maandag … zondag). Several days mean any of them.', type: 'string' });

const time = (description: string) =>
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'must be a time as HH:MM (24 hours)')
    .transform((v) => v.slice(0, 5))
    .optional()
    .openapi({ description, type: 'string', example: '09:30' });

const postcode = z
  .string()
  .max(12, 'is too long')
  .transform((v, ctx) => {
    const parsed = parsePostcode(v);
    const centroid = parsed ? lookupPc4(parsed.pc4) : undefined;
    if (!centroid) {
      ctx.addIssue({ code: 'custom', message: parsed ? `postcode area ${parsed.pc4} is unknown` : 'is not a Dutch postcode (1234 AB, 1234AB or 1234)' });
      return z.NEVER;
    }
    return { lat: centroid.lat, lng: centroid.lng };
  })
  .optional()
  .openapi({ description: 'A Dutch postcode (3511 AB, 3511AB or 3511). Results are ordered by distance from the centre of its PC4 area; with proximity, only those within that many metres.', type: 'string' });

const modifiedAfter = z
  .string()
  .max(40)
  .refine((v) => /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date or date-time')
  .transform((v) => Date.parse(v))
  .optional()
  .openapi({ description: 'Only records changed on or after this date-time (ISO 8601).', type: 'string', format: 'date-time' });

const format = z.enum(['json', 'ndjson'], { error: () => 'must be json or ndjson' }).optional().openapi({
  description: 'json (default): pages. ndjson: every result, one JSON object per line, streamed without paging (application/x-ndjson).',
});

const base = {
  search: z.string().max(200, 'must be at most 200 characters').optional().openapi({ description: 'Full text search.' }),
  page: integer(1, 10_000, 'Page number, from 1.'),
  per_page: integer(1, MAX_PER_PAGE, `Results per page, 1–${MAX_PER_PAGE} (default ${DEFAULT_PER_PAGE}).`),
  format,
};

const taxonomyFilters = {
  taxonomy_term_id: list(20, 'A taxonomy term id (see /taxonomy_terms), or a category, need or audience key of this kaart.'),
  taxonomy_id: list(10, 'A taxonomy id (see /taxonomies): records with any term of it.'),
};

const serviceFilters = {
  ...taxonomyFilters,
  organization_id: list(50, 'An organization id (see /organizations).'),
  modified_after: modifiedAfter,
  full: flag('true: fully nested records.'),
  minimum_age: integer(0, 150, 'Only services open to someone of this age or older (their maximum age, if any, is at least this).'),
  maximum_age: integer(0, 150, 'Only services open to someone of this age or younger (their minimum age, if any, is at most this).'),
  day: dayList,
  start_time: time('Only services with a session still going at or after this time (HH:MM).'),
  end_time: time('Only services with a session starting before this time (HH:MM).'),
};

function checkWindow(v: { page?: number | undefined; per_page?: number | undefined }, ctx: z.RefinementCtx) {
  if ((v.page ?? 1) * (v.per_page ?? DEFAULT_PER_PAGE) > 10_000) ctx.addIssue({ code: 'custom', path: ['page'], message: 'page × per_page must be at most 10000' });
}

export const servicesQuery = z.strictObject({ ...base, ...serviceFilters, minimal: flag("true: only each service's id, name, status and last_modified.") }).superRefine(checkWindow);

export const serviceAtLocationsQuery = z
  .strictObject({
    ...base,
    ...serviceFilters,
    postcode,
    proximity: integer(1, 300_000, 'Metres from the centre of the postcode (needs postcode).'),
  })
  .superRefine((v, ctx) => {
    checkWindow(v, ctx);
    if (v.proximity !== undefined && !v.postcode) ctx.addIssue({ code: 'custom', path: ['proximity'], message: 'proximity needs postcode' });
  });

export const organizationsQuery = z
  .strictObject({ ...base, ...taxonomyFilters, full: flag('true: fully nested organizations.'), full_service: flag('true: each organization with its fully nested services.') })
  .superRefine(checkWindow);

export const organizationQuery = z.strictObject({ full_service: flag('true: the services fully nested.') });

export const taxonomiesQuery = z.strictObject({ ...base }).superRefine(checkWindow);

export const taxonomyTermsQuery = z
  .strictObject({
    ...base,
    taxonomy_id: list(10, 'Only terms of this taxonomy.'),
    top_only: flag('true: only terms without a parent.'),
    parent_id: list(20, 'Only the children of this term.'),
  })
  .superRefine(checkWindow);

export const idParams = z.object({
  id: z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, 'is not an id')
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export type ServicesQuery = z.output<typeof servicesQuery>;
export type ServiceAtLocationsQuery = z.output<typeof serviceAtLocationsQuery>;
