/**
 * Dutch postcodes and distances. Offline: PC4 centroids come from the GeoNames
 * table bundled in pc4-data.ts ("Postcode coordinates © GeoNames, CC BY 4.0").
 */
import { PC4_ATTRIBUTION, PC4_ROWS } from './pc4-data.js';

export { PC4_ATTRIBUTION };

export interface LatLng {
  lat: number;
  lng: number;
}

export interface Postcode {
  /** The four digits, e.g. "3511". */
  pc4: string;
  /** The two letters in upper case, when given. */
  letters?: string;
  /** Normalised form: "3511 AB" or "3511". */
  normalized: string;
}

/** Bounding box of the European Netherlands (with a small margin). */
export const NL_BOUNDS = { minLat: 50.7, maxLat: 53.7, minLng: 3.2, maxLng: 7.3 } as const;

// Letter combinations PostNL never issues.
const UNUSED_LETTERS = new Set(['SA', 'SD', 'SS']);

/**
 * Parses a Dutch postcode in any common form ("1234 AB", "1234ab", "1234-AB", "1234").
 * Returns null for anything else.
 */
export function parsePostcode(input: string | null | undefined): Postcode | null {
  if (typeof input !== 'string') return null;
  const m = /^\s*([1-9][0-9]{3})(?:[\s-]*([a-zA-Z]{2}))?\s*$/.exec(input);
  if (!m) return null;
  const pc4 = m[1]!;
  const letters = m[2]?.toUpperCase();
  if (letters && UNUSED_LETTERS.has(letters)) return null;
  return letters ? { pc4, letters, normalized: `${pc4} ${letters}` } : { pc4, normalized: pc4 };
}

/** "1234ab" → "1234 AB"; null when it is not a Dutch postcode. */
export function normalizePostcode(input: string | null | undefined): string | null {
  return parsePostcode(input)?.normalized ?? null;
}

interface Pc4Entry extends LatLng {
  place: string;
}
let table: Map<string, Pc4Entry> | undefined;
function pc4Table(): Map<string, Pc4Entry> {
  if (table) return table;
  table = new Map();
  for (const row of PC4_ROWS.split(';')) {
    const [pc4, lat, lng, place] = row.split('|');
    table.set(pc4!, { lat: Number(lat), lng: Number(lng), place: place ?? '' });
  }
  return table;
}

/** All PC4 codes we can place, sorted. */
export function allPc4(): string[] {
  return [...pc4Table().keys()];
}

/** Centroid and place name of a PC4 (or of the PC4 part of a full postcode); undefined when unknown. */
export function lookupPc4(postcode: string): (LatLng & { pc4: string; place: string }) | undefined {
  const parsed = parsePostcode(postcode);
  if (!parsed) return undefined;
  const e = pc4Table().get(parsed.pc4);
  return e ? { pc4: parsed.pc4, lat: e.lat, lng: e.lng, place: e.place } : undefined;
}

/** Coordinates for a postcode, or undefined when it is not a known Dutch postcode. */
export function geocodePostcode(postcode: string): LatLng | undefined {
  const e = lookupPc4(postcode);
  return e ? { lat: e.lat, lng: e.lng } : undefined;
}

export function isInNetherlands(p: LatLng): boolean {
  return p.lat >= NL_BOUNDS.minLat && p.lat <= NL_BOUNDS.maxLat && p.lng >= NL_BOUNDS.minLng && p.lng <= NL_BOUNDS.maxLng;
}

export function isValidLatLng(p: { lat: unknown; lng: unknown }): p is LatLng {
  return (
    typeof p.lat === 'number' &&
    typeof p.lng === 'number' &&
    Number.isFinite(p.lat) &&
    Number.isFinite(p.lng) &&
    p.lat >= -90 &&
    p.lat <= 90 &&
    p.lng >= -180 &&
    p.lng <= 180
  );
}

const EARTH_RADIUS_KM = 6371.0088;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Parses "lat,lng" (as in ?near=52.09,5.12); null when malformed or out of range. */
export function parseLatLng(input: string): LatLng | null {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(input);
  if (!m) return null;
  const p = { lat: Number(m[1]), lng: Number(m[2]) };
  return isValidLatLng(p) ? p : null;
}
