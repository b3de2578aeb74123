/**
 * Activity documents → Open Referral HSDS 3.1 records, so other systems can read this
 * sociale kaart through the open standard. An HSDS service is all activity documents
 * that share `serviceId` (one per location). HSDS ids are UUIDs: a serviceId that is one
 * is kept, every other id becomes a stable name-based UUID.
 */
import {
  categoryLabel,
  formatSchedule,

  getCategory,
  getNeed,
  needLabel,
  type Activity,
  type Lang,
  type Schedule,
} from '@sociale-kaart/schema';
import { isUuid, uuidFromName } from './uuid.js';

export const HSDS_VERSION = '3.1';
export const HSDS_PROFILE = 'https://github.com/openreferral/specification/tree/3.1';
export const CATEGORY_TAXONOMY = 'sociale-kaart-categorieen';
export const NEED_TAXONOMY = 'sociale-kaart-behoeften';

type Json = Record<string, unknown>;

export function serviceUuid(serviceId: string): string {
  return isUuid(serviceId) ? serviceId.toLowerCase() : uuidFromName(`service:${serviceId}`);
}
export function termUuid(taxonomy: string, key: string): string {
  return uuidFromName(`term:${taxonomy}:${key}`);
}

/** Leaves out null, undefined and empty strings: HSDS schemas type these fields as plain strings/numbers. */
function compact(o: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined && v !== '') out[k] = v;
  return out;
}

const HSDS_STATUS: Record<string, string> = { active: 'active', inactive: 'inactive', temporarily_closed: 'temporarily closed' };

function isHttpUrl(u: string | null | undefined): u is string {
  return !!u && /^https?:\/\/[^\s]+$/i.test(u);
}

function scheduleRecord(s: Schedule, index: number, ids: { serviceId: string; locationKey: string; salId: string }): Json {
  // HSDS 3.1 knows WEEKLY and MONTHLY only: "every day" is weekly on all seven days; a
  // one-off date or an every-n-days rule keeps its dates and description without a freq.
  const daily = s.freq === 'daily' && (s.interval ?? 1) === 1;
  const byday = daily ? 'MO,TU,WE,TH,FR,SA,SU' : (s.byday ?? []).join(',');
  const freq = s.freq === 'weekly' || daily ? 'WEEKLY' : s.freq === 'monthly' ? 'MONTHLY' : undefined;
  return compact({
    id: uuidFromName(`schedule:${ids.locationKey}:${index}`),
    service_id: ids.serviceId,
    service_at_location_id: ids.salId,
    valid_from: s.validFrom ?? s.date,
    valid_to: s.validTo ?? s.date,
    dtstart: s.date ?? s.validFrom,
    freq,
    interval: freq ? (daily ? 1 : (s.interval ?? 1)) : undefined,
    byday,
    bymonthday: (s.bymonthday ?? []).join(','),
    opens_at: s.opensAt,
    closes_at: s.closesAt,
    description: s.description ?? formatSchedule(s, 'nl'),
    attending_type: 'in_person',
  });
}

function termRecord(taxonomy: string, key: string, lang: Lang): Json {
  const isCategory = taxonomy === CATEGORY_TAXONOMY;
  const label = isCategory ? categoryLabel(key, lang) : needLabel(key, lang);
  const description = isCategory
    ? `${getCategory(key)?.label.nl ?? key} / ${getCategory(key)?.label.en ?? key}`
    : `${getNeed(key)?.label.nl ?? key} / ${getNeed(key)?.label.en ?? key}`;
  return { id: termUuid(taxonomy, key), code: key, name: label, description, taxonomy, language: lang };
}

function attributesFor(doc: Activity, serviceId: string, lang: Lang): Json[] {
  const terms = [
    ...doc.categories.map((k) => [CATEGORY_TAXONOMY, k] as const),
    ...doc.needs.map((k) => [NEED_TAXONOMY, k] as const),
  ];
  return terms.map(([taxonomy, key]) => {
    const term = termRecord(taxonomy, key, lang);
    return {
      id: uuidFromName(`attribute:${serviceId}:${taxonomy}:${key}`),
      link_id: serviceId,
      link_type: 'service',
      link_entity: 'service',
      taxonomy_term_id: term.id,
      value: key,
      label: term.name,
      taxonomy_term: term,
    };
  });
}

/** The one-to-one fields of a service: the shape of an item of an HSDS list page. */
export function serviceListItem(docs: readonly Activity[]): Json {
  const doc = docs[0]!;
  const id = serviceUuid(doc.serviceId);
  const lastModified = docs.map((d) => d.lastModified).sort().at(-1);
  return compact({
    id,
    organization_id: uuidFromName(`organization:${doc.organization.id}`),
    name: doc.title,
    description: doc.description || doc.summary,
    url: isHttpUrl(doc.url) ? doc.url : undefined,
    email: doc.email,
    status: HSDS_STATUS[doc.status] ?? 'active',
    fees_description: doc.free ? (doc.costDescription ?? 'Gratis') : doc.costDescription,
    minimum_age: doc.minAge,
    maximum_age: doc.maxAge,
    assured_date: doc.assuredDate,
    last_modified: lastModified ? new Date(lastModified).toISOString() : undefined,
  });
}

/** A complete HSDS service record with its locations, schedules, phones, costs and taxonomy. */
export function serviceRecord(docs: readonly Activity[], lang: Lang = 'nl'): Json {
  const doc = docs[0]!;
  const item = serviceListItem(docs);
  const id = item.id as string;
  const organization = compact({
    id: item.organization_id,
    name: doc.organization.name,
    description: '',
    website: isHttpUrl(doc.organization.website) ? doc.organization.website : undefined,
  });
  organization.description = `${doc.organization.name}${doc.organization.kvk ? ` (KvK ${doc.organization.kvk})` : ''}`;

  const serviceAtLocations = docs
    .filter((d) => d.location || d._geo)
    .map((d) => {
      const salId = uuidFromName(`service_at_location:${d.id}`);
      const locationId = uuidFromName(`location:${d.id}`);
      const loc = d.location;
      const address = loc
        ? compact({
            id: uuidFromName(`address:${d.id}`),
            location_id: locationId,
            address_1: loc.street ?? '',
            city: loc.city ?? '',
            state_province: loc.gemeente ?? loc.city ?? '',
            postal_code: loc.postcode ?? '',
            country: 'NL',
            address_type: 'physical',
          })
        : null;
      if (address) for (const k of ['address_1', 'city', 'state_province', 'postal_code']) address[k] ??= '';
      return compact({
        id: salId,
        service_id: id,
        location_id: locationId,
        location: compact({
          id: locationId,
          location_type: 'physical',
          organization_id: item.organization_id,
          name: loc?.name ?? loc?.street ?? d.title,
          latitude: d._geo?.lat,
          longitude: d._geo?.lng,
          addresses: address ? [address] : [],
          accessibility:
            d.wheelchairAccessible !== null || d.accessibilityNotes
              ? [
                  compact({
                    id: uuidFromName(`accessibility:${d.id}`),
                    location_id: locationId,
                    description: d.wheelchairAccessible === true ? 'Rolstoeltoegankelijk' : d.wheelchairAccessible === false ? 'Niet rolstoeltoegankelijk' : undefined,
                    details: d.accessibilityNotes,
                  }),
                ]
              : [],
        }),
        schedules: (d.schedules ?? []).map((s, i) => scheduleRecord(s, i, { serviceId: id, locationKey: d.id, salId })),
      });
    });

  const languages = (doc.languages ?? []).map((code) => ({ id: uuidFromName(`language:${id}:${code}`), service_id: id, code }));
  const phones = doc.phone ? [{ id: uuidFromName(`phone:${id}`), service_id: id, number: doc.phone }] : [];
  const costOptions = [
    compact({
      id: uuidFromName(`cost:${id}`),
      service_id: id,
      option: doc.free ? 'Gratis' : 'Met kosten',
      amount: doc.free ? 0 : undefined,
      currency: doc.free ? 'EUR' : undefined,
      amount_description: doc.costDescription,
    }),
  ];
  const onlineOnly = docs.every((d) => !d.location && !d._geo);
  const serviceSchedules = onlineOnly
    ? (doc.schedules ?? []).map((s, i) => ({ ...scheduleRecord(s, i, { serviceId: id, locationKey: doc.id, salId: '' }), attending_type: 'online' }))
    : [];
  for (const s of serviceSchedules) delete (s as Json).service_at_location_id;

  return {
    ...item,
    eligibility_description: eligibility(doc),
    organization,
    service_at_locations: serviceAtLocations,
    schedules: serviceSchedules,
    phones,
    languages,
    cost_options: costOptions,
    attributes: attributesFor(doc, id, lang),
    contacts: [],
    funding: [],
    service_areas: doc.gemeente
      ? [{ id: uuidFromName(`service_area:${id}`), service_id: id, name: doc.gemeente, description: `Gemeente ${doc.gemeente}`, extent_type: 'other' }]
      : [],
    required_documents: [],
    capacities: [],
    metadata: [],
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

