/**
 * The place and the times of one activity document in HSDS: its location (physical with
 * an address, or virtual when it has no place), accessibility and schedules.
 */
import type { Activity, Schedule } from '@sociale-kaart/schema';
import { uuidFromName } from '../uuid.js';
import { FEATURES, FEATURE_TAXONOMY, termOf, termRecord } from './taxonomy.js';

type Json = Record<string, unknown>;

const drop = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== ''));

export function locationUuid(documentId: string): string {
  return uuidFromName(`location:${documentId}`);
}

export function locationRecord(d: Activity, organizationId: string): Json {
  const id = locationUuid(d.id);
  const loc = d.location;
  if (!loc && !d._geo) {
    // No place: online, or by phone. A virtual location keeps one document = one service_at_location.
    return { id, location_type: 'virtual', organization_id: organizationId, name: 'Online of telefonisch', addresses: [], accessibility: [], attributes: [] };
  }
  // HSDS requires these address fields; an empty string says "not known".
  const address = loc
    ? {
        id: uuidFromName(`address:${d.id}`),
        location_id: id,
        address_1: loc.street ?? '',
        city: loc.city ?? '',
        ...(loc.gemeente ? { region: loc.gemeente } : {}),
        state_province: loc.gemeente ?? '',
        postal_code: loc.postcode ?? '',
        country: 'NL',
        address_type: 'physical',
      }
    : undefined;
  const wheelchair = termRecord(termOf(FEATURE_TAXONOMY, FEATURES.wheelchair.code));
  return drop({
    id,
    location_type: 'physical',
    organization_id: organizationId,
    name: loc?.name ?? undefined,
    latitude: d._geo?.lat,
    longitude: d._geo?.lng,
    addresses: address ? [address] : [],
    accessibility: d.accessibilityNotes ? [{ id: uuidFromName(`accessibility:${d.id}`), location_id: id, details: d.accessibilityNotes }] : [],
    // Wheelchair access as a yes/no term: the notes alone do not always say it.
    attributes:
      d.wheelchairAccessible === null
        ? []
        : [
            {
              id: uuidFromName(`attribute:${d.id}:wheelchair`),
              link_id: id,
              link_type: 'location',
              link_entity: 'location',
              taxonomy_term_id: wheelchair.id,
              value: String(d.wheelchairAccessible),
              label: d.wheelchairAccessible ? 'Rolstoeltoegankelijk' : 'Niet rolstoeltoegankelijk',
              taxonomy_term: wheelchair,
            },
          ],
  });
}

/** One schedule of ours as HSDS (RFC 5545 fields). */
export function scheduleRecord(s: Schedule, index: number, ids: { documentId: string; serviceId: string; salId: string; online: boolean }): Json {
  // HSDS 3.1 knows WEEKLY and MONTHLY only: "every day" is weekly on all seven days; a
  // one-off date or an every-n-days rule keeps its dates and description without a freq.
  const daily = s.freq === 'daily' && (s.interval ?? 1) === 1;
  const freq = s.freq === 'weekly' || daily ? 'WEEKLY' : s.freq === 'monthly' ? 'MONTHLY' : undefined;
  return drop({
    id: uuidFromName(`schedule:${ids.documentId}:${index}`),
    service_id: ids.serviceId,
    service_at_location_id: ids.salId,
    valid_from: s.validFrom ?? s.date,
    valid_to: s.validTo ?? s.date,
    dtstart: s.date ?? undefined,
    freq,
    interval: freq ? (daily ? 1 : (s.interval ?? 1)) : undefined,
    byday: daily ? 'MO,TU,WE,TH,FR,SA,SU' : s.byday.join(','),
    bymonthday: s.bymonthday.join(','),
    opens_at: s.opensAt,
    closes_at: s.closesAt,
    description: s.description,
    attending_type: ids.online ? 'online' : 'in_person',
  });
}

export function schedulesOf(d: Activity, ids: { serviceId: string; salId: string }): Json[] {
  const online = !d.location && !d._geo;
  return d.schedules.map((s, i) => scheduleRecord(s, i, { ...ids, documentId: d.id, online }));
}
