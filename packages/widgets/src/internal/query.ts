import { MAX_PER_PAGE, normalizePostcode } from '@sociale-kaart/schema';
import { keyList } from './key-list.js';

/**
 * The finder's search state as one plain object: what `sk-search` reports and what
 * the `query` property restores, so a host can keep it in its own URL.
 */
export interface FinderQuery {
  q: string;
  need: string[];
  category: string[];
  day: string[];
  partOfDay: string[];
  audience: string[];
  free: boolean;
  wheelchair: boolean;
  online: boolean;
  /** Dutch postcode, normalised as "1234 AB" or "1234". */
  postcode: string;
  /** "lat,lng" when searching around a point instead of a postcode. */
  near: string;
  /** Radius in km; null for no limit. */
  radius: number | null;
  page: number;
  perPage: number;
  /**
   * Whether the API may read needs and categories out of `q` (the "Gezocht op" chip). False
   * once the user removed that chip, until the text changes.
   */
  understand: boolean;
}

/**
 * Results per page of the finder when the host sets none. Smaller than the API's own default
 * (DEFAULT_PER_PAGE in the schema): a card is tall, and ten fit a consult screen.
 */
export const FINDER_PER_PAGE = 10;

const list = (v: unknown): string[] => keyList(v).sort();

export function normalizeNear(value: string): string {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(value);
  if (!m) return '';
  const lat = Number(m[1]);
  const lng = Number(m[2]);
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return '';
  return `${lat},${lng}`;
}

/** Fills defaults, trims, de-duplicates and sorts lists: equal searches give equal objects. */
export function normalizeQuery(input: Partial<Record<keyof FinderQuery, unknown>>): FinderQuery {
  const num = (v: unknown): number | null => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() ? Number(v) : NaN;
    return Number.isFinite(n) && n > 0 ? n : null;
  };
  return {
    q: typeof input.q === 'string' ? input.q.trim().replace(/\s+/g, ' ') : '',
    need: list(input.need),
    category: list(input.category),
    day: list(input.day),
    partOfDay: list(input.partOfDay),
    audience: list(input.audience),
    free: input.free === true || input.free === 'true',
    wheelchair: input.wheelchair === true || input.wheelchair === 'true',
    online: input.online === true || input.online === 'true',
    postcode: typeof input.postcode === 'string' ? (normalizePostcode(input.postcode) ?? '') : '',
    near: typeof input.near === 'string' ? normalizeNear(input.near) : '',
    radius: num(input.radius),
    page: Math.max(1, Math.floor(num(input.page) ?? 1)),
    perPage: Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(num(input.perPage) ?? FINDER_PER_PAGE))),
    understand: input.understand !== false && input.understand !== 'false',
  };
}

/** Query string for GET /search. Lists are repeated parameters; empty values are left out. */
export function toSearchParams(query: FinderQuery, lang: string): URLSearchParams {
  const p = new URLSearchParams();
  if (query.q) p.set('q', query.q);
  for (const v of query.category) p.append('category', v);
  for (const v of query.need) p.append('need', v);
  for (const v of query.day) p.append('day', v);
  for (const v of query.partOfDay) p.append('part_of_day', v);
  for (const v of query.audience) p.append('audience', v);
  if (query.free) p.set('free', 'true');
  if (query.wheelchair) p.set('wheelchair', 'true');
  if (query.online) p.set('online', 'true');
  if (query.near) p.set('near', query.near);
  else if (query.postcode) p.set('postcode', query.postcode);
  if ((query.near || query.postcode) && query.radius) p.set('radius', String(query.radius));
  if (query.page > 1) p.set('page', String(query.page));
  p.set('per_page', String(query.perPage));
  if (query.q && !query.understand) p.set('understand', 'false');
  p.set('lang', lang);
  return p;
}

export function hasFilters(q: FinderQuery): boolean {
  return (
    q.need.length + q.category.length + q.day.length + q.partOfDay.length + q.audience.length > 0 || q.free || q.wheelchair || q.online
  );
}
