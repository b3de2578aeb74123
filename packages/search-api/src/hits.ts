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

/** When a document was last checked: the provider's `assuredDate` (laatst gecontroleerd), else its `lastModified`; NaN when neither is a date. */
export const checkedAt = (doc: Pick<Activity, 'assuredDate' | 'lastModified'>): number => Date.parse(doc.assuredDate ?? doc.lastModified ?? '');

/** Checked (at `checked`, see {@link checkedAt}) more than `days` ago; `days` 0 switches the mark off. */
const staleSince = (checked: number, now: Date, days: number) => days > 0 && Number.isFinite(checked) && now.getTime() - checked > days * DAY_MS;

/** Last checked ({@link checkedAt}) more than `days` ago. `days` 0 switches the mark off. */
export function isStale(doc: Pick<Activity, 'assuredDate' | 'lastModified'>, now: Date, days: number): boolean {
  return staleSince(checkedAt(doc), now, days);
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

/** Kilometres from `center` to the document's point, to one decimal; null without either. */
const hitDistance = (center: LatLng | null, geo: LatLng | undefined) => (center && geo ? Math.round(distanceKm(center, geo) * 10) / 10 : null);

/** The fields of a hit that depend on the question and the moment: the place, now, the highlighted words. */
function dynamicHit({ doc, formatted }: FoundHit, center: LatLng | null, now: Date, staleAfterDays: number, nextSession?: string | null) {
  return {
    distanceKm: hitDistance(center, doc._geo),
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

/**
 * What the question-dependent fields of a hit need of its document, worked out once per
 * document (the hit store keeps it): its title and summary as ASCII JSON (a field without
 * highlighted words is written as it is), whether they hold the marker characters, and when it
 * was last checked.
 */
export interface HitText {
  titleJson: string;
  summaryJson: string;
  /** Neither title nor summary holds a highlight marker (the usual case). */
  plain: boolean;
  checked: number;
}

export function hitText(doc: Activity): HitText {
  return {
    titleJson: asciiString(JSON.stringify(doc.title)),
    summaryJson: asciiString(JSON.stringify(doc.summary)),
    plain: !HAS_MARKER.test(doc.title) && !HAS_MARKER.test(doc.summary),
    checked: checkedAt(doc),
  };
}

/** What the hit store knows of a hit before it is written: its static part as ASCII JSON, its text, maybe its next session. */
export interface KnownHit {
  /** {@link staticHitJson} of the hit's document. */
  staticJson: string;
  /** {@link hitText} of the hit's document. */
  text: HitText;
  /** nextOccurrence of its schedules at this moment, when known. */
  nextSession?: string | null;
}

/**
 * The ASCII JSON of `formatted` (the original with markers put in), written from the
 * original's JSON when that is `"original"` verbatim: its slices with the markers' escapes
 * between them, instead of escaping the whole text again. Null when `formatted` without its
 * markers is not `original`.
 */
function markedJson(original: string, formatted: string, originalJson: string): string | null {
  let out = '';
  let from = 1; // in originalJson: after the opening quote
  let at = 0; // in original
  for (let i = 0; i < formatted.length; i++) {
    const c = formatted.charCodeAt(i);
    if (c === 0xe000 || c === 0xe001) {
      out += `${originalJson.slice(from, at + 1)}${c === 0xe000 ? '\\ue000' : '\\ue001'}`;
      from = at + 1;
    } else if (c !== original.charCodeAt(at++)) return null;
  }
  return at === original.length ? `"${out}${originalJson.slice(from)}` : null;
}

/** {@link safeHighlight} of one field as ASCII JSON, the unhighlighted text from `originalJson` (its JSON). */
function highlightJson(original: string, formatted: unknown, originalJson: string, plain: boolean): string {
  if (!plain) return asciiString(JSON.stringify(safeHighlight(original, formatted)));
  if (formatted === original || typeof formatted !== 'string') return originalJson;
  // Nothing escaped in the original's JSON (an escape is always longer than its character).
  if (originalJson.length === original.length + 2) return markedJson(original, formatted, originalJson) ?? originalJson;
  if (!sameWithoutMarkers(original, formatted)) return originalJson;
  return asciiString(JSON.stringify(formatted));
}

/**
 * `JSON.stringify(toSearchHit(…))` in ASCII (json.ts), from what is known of the hit already
 * (the hit store keeps the static part per document revision and language, the text once, and
 * the next session for as long as it holds): only the question-dependent fields are written,
 * by hand, in dynamicHit's order.
 */
export function searchHitJson({ doc, formatted }: FoundHit, known: KnownHit, center: LatLng | null, now: Date, staleAfterDays = 0): string {
  const { text } = known;
  const distance = hitDistance(center, doc._geo);
  const next = known.nextSession !== undefined ? known.nextSession : nextOccurrence(doc.schedules ?? [], now);
  const title = highlightJson(doc.title, formatted?.title, text.titleJson, text.plain);
  const summary = highlightJson(doc.summary, formatted?.summary, text.summaryJson, text.plain);
  const stale = staleSince(text.checked, now, staleAfterDays);
  // Numbers and the ISO date are ASCII already.
  return `${known.staticJson.slice(0, -1)},"distanceKm":${JSON.stringify(distance)},"nextSession":${JSON.stringify(next)},"highlight":{"title":${title},"summary":${summary}},"stale":${stale}}`;
}

/** The static part of a hit as ASCII JSON (an object): what {@link searchHitJson} completes. */
export function staticHitJson(doc: Activity, lang: Lang): string {
  return asciiString(JSON.stringify(staticHit(doc, lang)));
}

/** What is known of a hit nothing was kept for: its static part and text, worked out now. */
export const knownHit = (doc: Activity, lang: Lang): KnownHit => ({ staticJson: staticHitJson(doc, lang), text: hitText(doc) });

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
