import { z } from 'zod';
import { FILTERABLE_ATTRIBUTES, type FilterableAttribute } from './settings.js';

/**
 * A Meilisearch filter in array form: the elements are ANDed; an element that is itself an
 * array is an OR of its strings. Pass it as `filter` to a search.
 */
export type MeiliFilter = Array<string | string[]>;

/**
 * One condition made by this module's builders (`eq`, `inList`, `not`), never by pasting
 * input into a string: only a FilterCondition can be negated with {@link not}.
 */
export type FilterCondition = string & { readonly __builtCondition: true };
const condition = (text: string) => text as FilterCondition;

export class FilterError extends Error {
  override name = 'FilterError';
}

const ALLOWED = new Set<string>(FILTERABLE_ATTRIBUTES);

function checkAttribute(attribute: string): asserts attribute is FilterableAttribute {
  if (!ALLOWED.has(attribute)) throw new FilterError(`"${attribute}" is not a filterable attribute`);
}

/** Longest value accepted in a filter; activity ids are at most 511 characters. */
export const MAX_FILTER_VALUE_LENGTH = 512;
/** Most values accepted for one attribute. */
export const MAX_FILTER_VALUES = 100;

const filterString = z.string().min(1).max(MAX_FILTER_VALUE_LENGTH);

/**
 * A string as a Meilisearch filter literal: in double quotes with `\` and `"` escaped, so
 * nothing inside it can end the string and become filter syntax.
 */
export function quoteFilterValue(value: string): string {
  filterString.parse(value);
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A finite number in plain decimal notation (never `1e-7`, which the filter parser rejects). */
function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new FilterError(`not a finite number: ${value}`);
  if (Number.isInteger(value)) return value.toString();
  const text = value.toFixed(8).replace(/0+$/, '').replace(/\.$/, '');
  return text === '-0' ? '0' : text;
}

function literal(value: string | number | boolean): string {
  if (typeof value === 'string') return quoteFilterValue(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatNumber(value);
  throw new FilterError(`unsupported filter value of type ${typeof value}`);
}

/** `attribute = value` for an allow-listed attribute. */
export function eq(attribute: FilterableAttribute, value: string | number | boolean): FilterCondition {
  checkAttribute(attribute);
  return condition(`${attribute} = ${literal(value)}`);
}

/** `attribute IN [v1, v2]`: true when the attribute (or one element of it) equals one of the values. */
export function inList(attribute: FilterableAttribute, values: ReadonlyArray<string | number>): FilterCondition {
  checkAttribute(attribute);
  if (values.length === 0) throw new FilterError(`inList(${attribute}) needs at least one value`);
  if (values.length > MAX_FILTER_VALUES) throw new FilterError(`inList(${attribute}) takes at most ${MAX_FILTER_VALUES} values`);
  return condition(`${attribute} IN [${values.map(literal).join(', ')}]`);
}

/** `NOT (condition)`: true where the built condition is false (including documents without the attribute). */
export function not(built: FilterCondition): FilterCondition {
  return condition(`NOT (${built})`);
}

/** `attribute >= from` and/or `attribute < to` for a numeric attribute. */
export function range(attribute: FilterableAttribute, { gte, lt }: { gte?: number; lt?: number }): string[] {
  checkAttribute(attribute);
  const out: string[] = [];
  if (gte !== undefined) out.push(`${attribute} >= ${formatNumber(gte)}`);
  if (lt !== undefined) out.push(`${attribute} < ${formatNumber(lt)}`);
  return out;
}

const latitude = z.number().finite().min(-90).max(90);
const longitude = z.number().finite().min(-180).max(180);
const point = z.strictObject({ lat: latitude, lng: longitude });
const values = z.array(filterString).max(MAX_FILTER_VALUES);
const timestamp = z.number().int().min(0).max(8.64e15);
const age = z.number().int().min(0).max(150);
/** A time of day as the documents store it: "HH:MM" (24:00 allowed), compared as text. */
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM');

/**
 * What a search may be narrowed by. Within a list the values are ORed, across fields the
 * conditions are ANDed; an empty or absent list does not narrow anything. Values are not
 * checked against the taxonomy here (an unknown key simply matches nothing): validate
 * user input against the taxonomy where it comes in.
 */
export const activityFilterSchema = z
  .strictObject({
    categories: values.optional(),
    needs: values.optional(),
    audience: values.optional(),
    days: values.optional(),
    partsOfDay: values.optional(),
    status: values.optional(),
    gemeente: values.optional(),
    source: values.optional(),
    serviceId: values.optional(),
    organizationId: values.optional(),
    free: z.boolean().optional(),
    wheelchairAccessible: z.boolean().optional(),
    online: z.boolean().optional(),
    acceptsWelzijnOpRecept: z.boolean().optional(),
    isWelzijnscoach: z.boolean().optional(),
    /** Only documents changed at or after this time (epoch ms). */
    modifiedSince: timestamp.optional(),
    /**
     * Only activities whose age range (minAge–maxAge, open where absent) overlaps
     * `from`–`to`: someone of some age in that span may take part.
     */
    ageOverlap: z.strictObject({ from: age.optional(), to: age.optional() }).optional(),
    /**
     * Only activities with a session overlapping the time span: one that starts before
     * `until`, and one that is still going (or starts) after `from`. Times are "HH:MM".
     */
    timeOverlap: z.strictObject({ from: clock.optional(), until: clock.optional() }).optional(),
    /** Within `meters` of a point. */
    geoRadius: z
      .strictObject({ lat: latitude, lng: longitude, meters: z.number().finite().positive().max(20_100_000) })
      .optional(),
    /** Inside a box given by its north-east (top right) and south-west (bottom left) corners. */
    geoBoundingBox: z.strictObject({ topRight: point, bottomLeft: point }).optional(),
    /**
     * With a geo condition: also keep online-only activities, which have no location.
     * Without one it has no effect.
     */
    includeOnline: z.boolean().optional(),
  })
  .refine((spec) => !(spec.geoBoundingBox && spec.geoBoundingBox.topRight.lat < spec.geoBoundingBox.bottomLeft.lat), {
    message: 'geoBoundingBox.topRight.lat must not be below bottomLeft.lat',
    path: ['geoBoundingBox'],
  });

export type ActivityFilter = z.input<typeof activityFilterSchema>;

const LIST_FIELDS = [
  ['categories', 'categories'],
  ['needs', 'needs'],
  ['audience', 'audience'],
  ['days', 'days'],
  ['partsOfDay', 'partsOfDay'],
  ['status', 'status'],
  ['gemeente', 'gemeente'],
  ['source', 'source'],
  ['serviceId', 'serviceId'],
  ['organizationId', 'organization.id'],
] as const satisfies ReadonlyArray<readonly [keyof ActivityFilter, FilterableAttribute]>;

const BOOLEAN_FIELDS = ['free', 'wheelchairAccessible', 'online', 'acceptsWelzijnOpRecept', 'isWelzijnscoach'] as const satisfies ReadonlyArray<
  keyof ActivityFilter & FilterableAttribute
>;

/**
 * Turns a structured filter into a Meilisearch filter. Every value is validated and quoted;
 * only allow-listed attributes appear. Throws {@link FilterError} on invalid input.
 */
export function buildFilter(input: ActivityFilter): MeiliFilter {
  const parsed = activityFilterSchema.safeParse(input);
  if (!parsed.success) throw new FilterError(`invalid filter: ${z.prettifyError(parsed.error)}`);
  const spec = parsed.data;
  const out: MeiliFilter = [];

  for (const [field, attribute] of LIST_FIELDS) {
    const list = spec[field];
    if (list && list.length > 0) out.push(list.length === 1 ? eq(attribute, list[0]!) : inList(attribute, [...new Set(list)]));
  }
  for (const field of BOOLEAN_FIELDS) {
    const value = spec[field];
    if (value !== undefined) out.push(eq(field, value));
  }
  if (spec.modifiedSince !== undefined) out.push(...range('lastModifiedTs', { gte: spec.modifiedSince }));
  if (spec.ageOverlap?.from !== undefined) out.push([`maxAge >= ${formatNumber(spec.ageOverlap.from)}`, 'maxAge IS NULL']);
  if (spec.ageOverlap?.to !== undefined) out.push([`minAge <= ${formatNumber(spec.ageOverlap.to)}`, 'minAge IS NULL']);
  if (spec.timeOverlap?.until !== undefined) out.push(`schedules.opensAt < ${quoteFilterValue(spec.timeOverlap.until)}`);
  if (spec.timeOverlap?.from !== undefined) {
    const from = quoteFilterValue(spec.timeOverlap.from);
    out.push([`schedules.closesAt > ${from}`, `schedules.opensAt >= ${from}`]);
  }

  const geo: string[] = [];
  if (spec.geoRadius) {
    const { lat, lng, meters } = spec.geoRadius;
    geo.push(`_geoRadius(${formatNumber(lat)}, ${formatNumber(lng)}, ${formatNumber(meters)})`);
  }
  if (spec.geoBoundingBox) {
    const { topRight, bottomLeft } = spec.geoBoundingBox;
    geo.push(
      `_geoBoundingBox([${formatNumber(topRight.lat)}, ${formatNumber(topRight.lng)}], [${formatNumber(bottomLeft.lat)}, ${formatNumber(bottomLeft.lng)}])`,
    );
  }
  if (geo.length > 0) {
    if (spec.includeOnline) {
      // Array elements are ANDed, so the geo conditions join into one OR group with online.
      out.push([geo.length === 1 ? geo[0]! : `(${geo.join(' AND ')})`, eq('online', true)]);
    } else {
      out.push(...geo);
    }
  }
  return out;
}

/** The array form as one filter string, e.g. for logs or GET requests. */
export function filterToString(filter: MeiliFilter): string {
  const parts = filter.map((part) => (Array.isArray(part) ? part.map((p) => `(${p})`).join(' OR ') : part));
  return parts.length === 1 ? parts[0]! : parts.map((part) => `(${part})`).join(' AND ');
}
