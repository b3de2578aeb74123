/**
 * Where: feed coordinates first (they must be valid and inside the Netherlands), else the
 * PC4 centroid of the postcode (offline, from the schema package), else the record is
 * rejected, unless the activity is online / by phone, which needs no place.
 */
import { isInNetherlands, isValidLatLng, lookupPc4, parsePostcode, type ActivityLocation, type LatLng } from '@sociale-kaart/schema';
import { shown, type Problems } from '../problems.js';
import { truncate } from '../normalize/text.js';

export interface PlaceInput {
  name?: string | null;
  street?: string | null;
  postcode?: string | null;
  city?: string | null;
  gemeente?: string | null;
  country?: string | null;
  lat?: number | string | null;
  lng?: number | string | null;
}

export interface PlacePaths {
  lat: string;
  lng: string;
  postcode: string;
  country: string;
  /** Where to point when nothing says where it is. */
  location: string;
}

const NL_COUNTRY = /^(nl|nld|nederland|the netherlands|netherlands|holland)$/i;

function toNumber(v: number | string | null | undefined): number | null | undefined {
  if (v == null) return null;
  if (typeof v === 'number') return v;
  const s = v.trim().replace(',', '.');
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

const clip = (s: string | null | undefined, max: number) => (s && s.trim() ? truncate(s.trim().replace(/\s+/g, ' '), max) : null);

/**
 * Resolves a place. Returns null location and geo for an online activity without a place;
 * returns undefined when the record must be rejected (the reasons are in `problems`).
 */
export function resolvePlace(input: PlaceInput, online: boolean, problems: Problems, paths: PlacePaths): { location: ActivityLocation | null; geo: LatLng | null } | undefined {
  let failed = false;
  let geo: LatLng | null = null;
  const lat = toNumber(input.lat);
  const lng = toNumber(input.lng);
  if (lat !== null || lng !== null) {
    const p = { lat, lng };
    if (lat === undefined || lng === undefined || lat === null || lng === null || !isValidLatLng(p as { lat: unknown; lng: unknown })) {
      const latOk = typeof lat === 'number' && lat >= -90 && lat <= 90;
      const path = latOk ? paths.lng : paths.lat;
      const value = latOk ? input.lng : input.lat;
      const what = latOk ? ['lengtegraad', 'longitude', '(−180…180)'] : ['breedtegraad', 'latitude', '(−90…90)'];
      problems.error('coordinates_invalid', path, `${what[0]} ${shown(value ?? '')} is geen geldige coördinaat ${what[2]}`, `${what[1]} ${shown(value ?? '')} is not a valid coordinate ${what[2]}`);
      failed = true;
    } else if (!isInNetherlands(p as LatLng)) {
      problems.error('coordinates_outside_nl', paths.lat, `coördinaten ${lat}, ${lng} liggen buiten Nederland`, `coordinates ${lat}, ${lng} are outside the Netherlands`);
      failed = true;
    } else {
      geo = { lat, lng };
    }
  }

  const country = input.country?.trim();
  if (country && !NL_COUNTRY.test(country)) {
    problems.error('country_not_nl', paths.country, `land ${shown(country)} is niet Nederland: alleen Nederlandse adressen worden opgenomen`, `country ${shown(country)} is not the Netherlands: only Dutch addresses are accepted`);
    failed = true;
  }

  let postcode: string | null = null;
  const rawPostcode = input.postcode?.trim() ?? '';
  let centroid: ReturnType<typeof lookupPc4>;
  if (rawPostcode) {
    const parsed = parsePostcode(rawPostcode);
    if (!parsed) {
      if (geo || online) {
        problems.warn('postcode_invalid', paths.postcode, `postcode ${shown(rawPostcode)} is geen Nederlandse postcode: weggelaten`, `postcode ${shown(rawPostcode)} is not a Dutch postcode: left out`);
      } else {
        problems.error('postcode_invalid', paths.postcode, `postcode ${shown(rawPostcode)} is geen Nederlandse postcode (schrijf "1234 AB")`, `postcode ${shown(rawPostcode)} is not a Dutch postcode (write "1234 AB")`);
        failed = true;
      }
    } else {
      postcode = parsed.normalized;
      centroid = lookupPc4(parsed.pc4);
      if (!geo && !failed) {
        if (centroid) {
          geo = { lat: centroid.lat, lng: centroid.lng };
        } else if (online) {
          problems.warn('postcode_unknown', paths.postcode, `postcode ${postcode} is onbekend: geen plaats op de kaart`, `postcode ${postcode} is unknown: no place on the map`);
        } else {
          problems.error('postcode_unknown', paths.postcode, `postcode ${postcode} is onbekend: geef coördinaten op`, `postcode ${postcode} is unknown: give coordinates`);
          failed = true;
        }
      }
    }
  }

  if (!geo && !failed && !online) {
    problems.error('location_missing', paths.location, 'waar is het? Geef een postcode (of coördinaten), of zet online op "ja"', 'where is it? Give a postcode (or coordinates), or set online to "yes"');
    failed = true;
  }
  if (failed) return undefined;

  const city = clip(input.city, 100) ?? (centroid?.place || null);
  const location: ActivityLocation = {
    name: clip(input.name, 200),
    street: clip(input.street, 200),
    postcode,
    city,
    gemeente: clip(input.gemeente, 100) ?? city,
  };
  const hasPlace = !!(geo || location.postcode || location.street);
  return { location: hasPlace ? location : null, geo };
}
