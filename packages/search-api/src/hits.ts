/** Activity documents → the display shapes of the API (search hits, activity detail). */
import {
  categoryLabel,
  distanceKm,
  formatSchedules,
  needLabel,
  nextOccurrence,
  type Activity,
  type ActivityResponse,
  type Lang,
  type LatLng,
  type SearchHit,
} from '@sociale-kaart/schema';
import { asciiString } from './http/json.js';

export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_END = '\uE001';
const MARKERS = /[\uE000\uE001]/g;
const HAS_MARKER = /[\uE000\uE001]/;

/**
 * Highlighted text from Meilisearch's `_formatted` value. Only trusted when removing the
 * markers gives back exactly the original text; otherwise (or when the original itself
 * contains the marker characters) the original comes back without markers.
 */
export function safeHighlight(original: string, formatted: unknown): string {
  if (typeof formatted !== 'string' || HAS_MARKER.test(original)) return original.replace(MARKERS, '');
  return sameWithoutMarkers(original, formatted) ? formatted : original;
}

/** `formatted` with its markers removed is `original` (compared in place: no string is built). */
function sameWithoutMarkers(original: string, formatted: string): boolean {
  let at = 0;
  for (let i = 0; i < formatted.length; i++) {
    const c = formatted.charCodeAt(i);
    if (c === 0xe000 || c === 0xe001) continue;
    // Past the end of `original`, charCodeAt gives NaN: never equal.
    if (c !== original.charCodeAt(at++)) return false;
  }
  return at === original.length;
}

export function labelled(keys: readonly string[], label: (k: string, lang: Lang) => string, lang: Lang) {
  return keys.map((key) => ({ key, label: label(key, lang) }));
}

/**
 * The document fields a search hit is made of (toSearchHit). Sent as `attributesToRetrieve`,
 * so Meilisearch does not serialise (and the API does not parse) descriptions, labels and
 * the rest of each document.
 */
export const HIT_ATTRIBUTES = [
  'id',
  'title',
  'summary',
  'organization.name',
  'categories',
  'needs',
  'location',
  '_geo',
  'schedules',
  'days',
  'partsOfDay',
  'free',
  'costDescription',
  'online',
  'wheelchairAccessible',
  'phone',
  'email',
  'url',
  'acceptsWelzijnOpRecept',
  'referralRequired',
  'isWelzijnscoach',
  'status',
  'assuredDate',
  'lastModified',
] as const;

const DAY_MS = 86_400_000;

/**
 * Last checked more than `days` ago: the provider's `assuredDate` (laatst gecontroleerd), else
 * the record's `lastModified`. `days` 0 switches the mark off.
 */
export function isStale(doc: Pick<Activity, 'assuredDate' | 'lastModified'>, now: Date, days: number): boolean {
  if (days <= 0) return false;
  const checked = Date.parse(doc.assuredDate ?? doc.lastModified ?? '');
  return Number.isFinite(checked) && now.getTime() - checked > days * DAY_MS;
}

/** A hit as a search found it: the document, and for a text search its highlighted title and summary (`_formatted`). */
export interface FoundHit {
  doc: Activity;
  formatted?: Record<string, unknown> | undefined;
}

/** The fields of a hit that depend only on the document and the language (all but the last four). */
export type StaticHit = Omit<SearchHit, 'distanceKm' | 'nextSession' | 'highlight' | 'stale'>;

export function staticHit(doc: Activity, lang: Lang): StaticHit {
  const geo = doc._geo ?? null;
  return {
    id: doc.id,
    title: doc.title,
    summary: doc.summary,
    organization: { name: doc.organization.name },
    categories: labelled(doc.categories, categoryLabel, lang),
    needs: labelled(doc.needs, needLabel, lang),
    location: doc.location
      ? { name: doc.location.name, street: doc.location.street, postcode: doc.location.postcode, city: doc.location.city }
      : null,
    geo: geo ? { lat: geo.lat, lng: geo.lng } : null,
    schedule: formatSchedules(doc.schedules ?? [], lang),
    days: doc.days ?? [],
    partsOfDay: doc.partsOfDay ?? [],
    free: doc.free,
    costDescription: doc.costDescription ?? null,
    online: doc.online,
    wheelchairAccessible: doc.wheelchairAccessible ?? null,
    contact: { phone: doc.phone ?? null, email: doc.email ?? null, url: doc.url ?? null },
    acceptsWelzijnOpRecept: doc.acceptsWelzijnOpRecept,
    referralRequired: doc.referralRequired,
    isWelzijnscoach: doc.isWelzijnscoach ?? false,
    status: doc.status,
  };
}

/** The fields of a hit that depend on the question and the moment: the place, now, the highlighted words. */
function dynamicHit({ doc, formatted }: FoundHit, center: LatLng | null, now: Date, staleAfterDays: number, nextSession?: string | null) {
  const geo = doc._geo;
  return {
    distanceKm: center && geo ? Math.round(distanceKm(center, geo) * 10) / 10 : null,
    nextSession: nextSession !== undefined ? nextSession : nextOccurrence(doc.schedules ?? [], now),
    highlight: {
      title: safeHighlight(doc.title, formatted?.title),
      summary: safeHighlight(doc.summary, formatted?.summary),
    },
    stale: isStale(doc, now, staleAfterDays),
  };
}

export function toSearchHit(hit: FoundHit, lang: Lang, center: LatLng | null, now: Date, staleAfterDays = 0): SearchHit {
  return { ...staticHit(hit.doc, lang), ...dynamicHit(hit, center, now, staleAfterDays) };
}

/** What the hit store knows of a hit before it is written: its static part as ASCII JSON, maybe its next session. */
export interface KnownHit {
  /** {@link staticHitJson} of the hit's document. */
  staticJson: string;
  /** nextOccurrence of its schedules at this moment, when known. */
  nextSession?: string | null;
}

/**
 * `JSON.stringify(toSearchHit(…))` in ASCII (json.ts), from what is known of the hit already
 * (the hit store keeps the static part per document revision and language, and the next
 * session for as long as it holds): only the question-dependent fields are written.
 */
export function searchHitJson(hit: FoundHit, known: KnownHit, center: LatLng | null, now: Date, staleAfterDays = 0): string {
  return `${known.staticJson.slice(0, -1)},${asciiString(JSON.stringify(dynamicHit(hit, center, now, staleAfterDays, known.nextSession))).slice(1)}`;
}

/** The static part of a hit as ASCII JSON (an object): what {@link searchHitJson} completes. */
export function staticHitJson(doc: Activity, lang: Lang): string {
  return asciiString(JSON.stringify(staticHit(doc, lang)));
}

export function toActivityResponse(doc: Activity, lang: Lang, now: Date, staleAfterDays = 0): ActivityResponse {
  const { _formatted: _f, _geoDistance: _d, ...rest } = doc as Activity & { _formatted?: unknown; _geoDistance?: unknown };
  return {
    ...rest,
    categoryItems: labelled(doc.categories, categoryLabel, lang),
    needItems: labelled(doc.needs, needLabel, lang),
    scheduleText: formatSchedules(doc.schedules ?? [], lang),
    nextSession: nextOccurrence(doc.schedules ?? [], now),
    stale: isStale(doc, now, staleAfterDays),
  };
}
