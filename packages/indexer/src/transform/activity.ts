/**
 * The last step of every reader: an activity draft (what a record says, already normalized)
 * → categorized, faceted, validated activity document.
 */
import {
  activitySchema,
  foldText,
  type Activity,
  type ActivityLocation,
  type AudienceKey,
  type LatLng,
  type PartOfDay,
  type Schedule,
  type StatusKey,
} from '@sociale-kaart/schema';
import type { Problems } from '../problems.js';
import { categorize } from '../normalize/categorize.js';
import { scheduleFacets } from '../normalize/schedule.js';
import { summarize, truncate } from '../normalize/text.js';
import { activityId } from './ids.js';

export interface ActivityDraft {
  source: string;
  sourceRecordId: string;
  serviceId: string;
  /** The location's id when the service is offered at a place; part of the document id. */
  locationId: string | null;
  title: string;
  description: string;
  summary?: string | null;
  organization: { id: string; name: string; website: string | null; kvk: string | null };
  feedCategories: string[];
  feedNeeds: string[];
  audience: AudienceKey[];
  minAge: number | null;
  maxAge: number | null;
  languages: string[];
  schedules: Schedule[];
  extraPartsOfDay: PartOfDay[];
  location: ActivityLocation | null;
  geo: LatLng | null;
  online: boolean;
  free: boolean;
  costDescription: string | null;
  wheelchairAccessible: boolean | null;
  accessibilityNotes: string | null;
  phone: string | null;
  email: string | null;
  url: string | null;
  acceptsWelzijnOpRecept: boolean;
  referralRequired: boolean;
  isWelzijnscoach: boolean;
  intake: { url: string | null; email: string | null } | null;
  status: StatusKey;
  lastModified: string;
  assuredDate: string | null;
}

/** Field paths of the activity document mapped back to the field a feed author knows. */
export type FieldNames = Partial<Record<string, string>>;

export function finalizeActivity(draft: ActivityDraft, problems: Problems, fieldNames: FieldNames = {}): Activity | null {
  const cat = categorize({ feedCategories: draft.feedCategories, feedNeeds: draft.feedNeeds, title: draft.title, description: draft.description });
  const facets = scheduleFacets(draft.schedules, draft.extraPartsOfDay);
  const lastModified = draft.lastModified;
  const description = draft.description.length > 10_000 ? truncate(draft.description, 10_000) : draft.description;
  if (description !== draft.description) {
    problems.warn('description_truncated', fieldNames.description ?? 'description', 'omschrijving ingekort tot 10.000 tekens', 'description cut to 10,000 characters');
  }
  const doc = {
    id: activityId(draft.source, draft.sourceRecordId, draft.locationId),
    serviceId: draft.serviceId,
    source: draft.source,
    sourceRecordId: draft.sourceRecordId,
    lastModified,
    lastModifiedTs: Date.parse(lastModified),
    assuredDate: draft.assuredDate,
    title: draft.title,
    summary: draft.summary ? summarize(draft.summary) : summarize(description),
    description,
    organization: {
      id: draft.organization.id,
      name: truncate(draft.organization.name, 200),
      website: draft.organization.website,
      kvk: draft.organization.kvk,
    },
    categories: cat.categories,
    needs: cat.needs,
    categoryLabels: cat.categoryLabels,
    needLabels: cat.needLabels,
    categorySource: cat.categorySource,
    pgDimensions: cat.pgDimensions,
    domains4d: cat.domains4d,
    audience: [...new Set(draft.audience)],
    minAge: draft.minAge,
    maxAge: draft.maxAge,
    languages: [...new Set(draft.languages)],
    schedules: draft.schedules,
    days: facets.days,
    partsOfDay: facets.partsOfDay,
    location: draft.location,
    gemeente: draft.location?.gemeente ?? null,
    ...(draft.geo ? { _geo: { lat: draft.geo.lat, lng: draft.geo.lng } } : {}),
    online: draft.online,
    free: draft.free,
    costDescription: draft.costDescription,
    wheelchairAccessible: draft.wheelchairAccessible,
    accessibilityNotes: draft.accessibilityNotes ? truncate(draft.accessibilityNotes, 1000) : null,
    phone: draft.phone,
    email: draft.email,
    url: draft.url,
    acceptsWelzijnOpRecept: draft.acceptsWelzijnOpRecept,
    referralRequired: draft.referralRequired,
    isWelzijnscoach: draft.isWelzijnscoach,
    intake: draft.intake && (draft.intake.url || draft.intake.email) ? draft.intake : null,
    status: draft.status,
  };
  const parsed = activitySchema.safeParse(doc);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const docPath = issue.path.map(String).join('.');
      const path = fieldNames[docPath] ?? fieldNames[String(issue.path[0])] ?? docPath;
      problems.error('invalid_value', path, `ongeldige waarde voor ${docPath}: ${issue.message}`, `invalid value for ${docPath}: ${issue.message}`);
    }
    return null;
  }
  return parsed.data;
}

/** The dedupe key: organisation + title + postcode, normalized. */
export function dedupeKey(a: Pick<Activity, 'organization' | 'title' | 'location'>): string {
  return `${foldText(a.organization.name)}|${foldText(a.title)}|${a.location?.postcode ?? ''}`;
}
