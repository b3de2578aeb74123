/**
 * Activity documents → Open Referral HSDS 3.1 service records, so other systems can read
 * this sociale kaart through the open standard. An HSDS service is all activity documents
 * that share `serviceId`; each document is one of its service_at_locations (a document
 * without a place is one at a virtual location). HSDS ids are UUIDs: a serviceId that is
 * one is kept, every other id becomes a stable name-based UUID.
 *
 * The records say everything the indexer reads back (`--format hsds-api`), so another
 * kaart that ingests this API gets the same activities: taxonomy terms for categories,
 * needs, audiences and features, the gemeente as the address's region, per-location phones
 * and accessibility. Optional fields are left out, never null.
 */
import { type Activity } from '@sociale-kaart/schema';
import { locationRecord, schedulesOf } from './hsds/locations.js';
import { AUDIENCE_TAXONOMY, CATEGORY_TAXONOMY, FEATURES, FEATURE_TAXONOMY, NEED_TAXONOMY, termOf, termRecord } from './hsds/taxonomy.js';
import { isUuid, uuidFromName } from './uuid.js';

export const HSDS_VERSION = '3.1';
export const HSDS_PROFILE = 'https://github.com/openreferral/specification/tree/3.1';

export type Json = Record<string, unknown>;

export function serviceUuid(serviceId: string): string {
  return isUuid(serviceId) ? serviceId.toLowerCase() : uuidFromName(`service:${serviceId}`);
}
export function organizationUuid(organizationId: string): string {
  return uuidFromName(`organization:${organizationId}`);
}
/** One activity document is one service_at_location. */
export function serviceAtLocationUuid(documentId: string): string {
  return uuidFromName(`service_at_location:${documentId}`);
}

/** Leaves out null, undefined and empty strings: HSDS types these fields as plain strings/numbers. */
export function compact(o: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined && v !== '') out[k] = v;
  return out;
}

const HSDS_STATUS: Record<string, string> = { active: 'active', inactive: 'inactive', temporarily_closed: 'temporarily closed' };

export function isHttpUrl(u: string | null | undefined): u is string {
  return !!u && /^https?:\/\/[^\s]+$/i.test(u);
}

/** A fees text that by itself reads as free: it starts with "gratis" or asks a voluntary contribution. */
const READS_FREE = /^(gratis|kosteloos|geen kosten|free|zonder kosten)\b|vrijwillige bijdrage|donatie|voluntary contribution|pay what you can/i;

/**
 * Cost so that a reader gets the same back: a paid activity's text is its fees_description,
 * as is a free one's that reads as free by itself; a free one without text says "Gratis";
 * any other free one is one cost option of € 0 described by its text.
 */
function costFields(doc: Activity): Json {
  if (!doc.free) return { fees_description: doc.costDescription ?? undefined, cost_options: [] };
  if (!doc.costDescription) return { fees_description: 'Gratis', cost_options: [] };
  if (READS_FREE.test(doc.costDescription.trim())) return { fees_description: doc.costDescription, cost_options: [] };
  return { cost_options: [{ id: uuidFromName(`cost:${doc.serviceId}`), service_id: serviceUuid(doc.serviceId), amount: 0, currency: 'EUR', amount_description: doc.costDescription }] };
}

/** The one-to-one fields of a service: the shape of an item of an HSDS list page. */
export function serviceListItem(docs: readonly Activity[]): Json {
  const doc = docs[0]!;
  const lastModified = docs.map((d) => d.lastModified).sort().at(-1);
  return compact({
    id: serviceUuid(doc.serviceId),
    organization_id: organizationUuid(doc.organization.id),
    name: doc.title,
    description: doc.description || doc.summary,
    url: isHttpUrl(doc.url) ? doc.url : undefined,
    email: doc.email,
    status: HSDS_STATUS[doc.status] ?? 'active',
    fees_description: costFields(doc).fees_description,
    eligibility_description: eligibility(doc),
    minimum_age: doc.minAge,
    maximum_age: doc.maxAge,
    assured_date: doc.assuredDate,
    last_modified: lastModified ? new Date(lastModified).toISOString() : undefined,
  });
}

/** The service's own organisation, as nested in a service record. */
export function organizationSummary(doc: Activity): Json {
  const id = organizationUuid(doc.organization.id);
  return compact({
    id,
    name: doc.organization.name,
    description: `${doc.organization.name}${doc.organization.kvk ? ` (KvK ${doc.organization.kvk})` : ''}`,
    website: isHttpUrl(doc.organization.website) ? doc.organization.website : undefined,
    organization_identifiers: doc.organization.kvk
      ? [{ id: uuidFromName(`organization_identifier:${doc.organization.id}:kvk`), organization_id: id, identifier_scheme: 'NL-KVK', identifier_type: 'KvK-nummer', identifier: doc.organization.kvk }]
      : undefined,
  });
}

function attribute(serviceId: string, taxonomy: string, code: string, value = code): Json {
  const term = termRecord(termOf(taxonomy, code));
  return {
    id: uuidFromName(`attribute:${serviceId}:${taxonomy}:${code}`),
    link_id: serviceId,
    link_type: 'service',
    link_entity: 'service',
    taxonomy_term_id: term.id,
    value,
    label: term.name,
    taxonomy_term: term,
  };
}

/** Categories, needs, audiences and features of a service as HSDS attributes. */
export function serviceAttributes(doc: Activity, serviceId: string): Json[] {
  const out = [
    ...doc.categories.map((k) => attribute(serviceId, CATEGORY_TAXONOMY, k)),
    ...doc.needs.map((k) => attribute(serviceId, NEED_TAXONOMY, k)),
    ...doc.audience.map((k) => attribute(serviceId, AUDIENCE_TAXONOMY, k)),
  ];
  if (doc.acceptsWelzijnOpRecept) out.push(attribute(serviceId, FEATURE_TAXONOMY, FEATURES.welzijnOpRecept.code));
  if (doc.referralRequired) out.push(attribute(serviceId, FEATURE_TAXONOMY, FEATURES.referralRequired.code));
  if (doc.isWelzijnscoach) out.push(attribute(serviceId, FEATURE_TAXONOMY, FEATURES.welzijnscoach.code));
  if (doc.intake?.url) out.push(attribute(serviceId, FEATURE_TAXONOMY, FEATURES.intakeUrl.code, doc.intake.url));
  if (doc.intake?.email) out.push(attribute(serviceId, FEATURE_TAXONOMY, FEATURES.intakeEmail.code, doc.intake.email));
  return out;
}

/** One document as a service_at_location, nested in a service record (or answered on its own). */
export function serviceAtLocationRecord(d: Activity, serviceId: string): Json {
  const id = serviceAtLocationUuid(d.id);
  const location = locationRecord(d, organizationUuid(d.organization.id));
  return {
    id,
    service_id: serviceId,
    location_id: location.id,
    location,
    schedules: schedulesOf(d, { serviceId, salId: id }),
    phones: d.phone ? [{ id: uuidFromName(`phone:${d.id}`), service_at_location_id: id, number: d.phone }] : [],
  };
}

/** A complete HSDS service record with its locations, schedules, phones, costs and taxonomy. */
export function serviceRecord(docs: readonly Activity[]): Json {
  const doc = docs[0]!;
  const item = serviceListItem(docs);
  const id = item.id as string;
  // A phone on the service only when every location shares it: a reader takes the
  // location's own phone first, the service's where a location has none.
  const phone = docs.every((d) => d.phone === doc.phone) ? doc.phone : null;
  return {
    ...item,
    organization: organizationSummary(doc),
    service_at_locations: docs.map((d) => serviceAtLocationRecord(d, id)),
    phones: phone ? [{ id: uuidFromName(`phone:${id}`), service_id: id, number: phone }] : [],
    cost_options: costFields(doc).cost_options,
    languages: doc.languages.map((code) => ({ id: uuidFromName(`language:${id}:${code}`), service_id: id, code })),
    attributes: serviceAttributes(doc, id),
    service_areas: doc.gemeente
      ? [{ id: uuidFromName(`service_area:${id}`), service_id: id, name: doc.gemeente, description: `Gemeente ${doc.gemeente}`, extent_type: 'other' }]
      : [],
  };
}

function eligibility(doc: Activity): string | undefined {
  const parts: string[] = [];
  if (doc.audience.length > 0) parts.push(`Voor: ${doc.audience.join(', ')}`);
  if (doc.minAge !== null || doc.maxAge !== null) parts.push(`Leeftijd: ${doc.minAge ?? 0}–${doc.maxAge ?? '…'}`);
  if (doc.referralRequired) parts.push('Verwijzing nodig');
  if (doc.acceptsWelzijnOpRecept) parts.push('Welzijn op Recept');
  return parts.length > 0 ? parts.join('. ') : undefined;
}
