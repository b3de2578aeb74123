import { describe, expect, it } from 'vitest';
import {
  NL_BOUNDS,
  PC4_ATTRIBUTION,
  allPc4,
  distanceKm,
  geocodePostcode,
  isInNetherlands,
  lookupPc4,
  normalizePostcode,
  parseLatLng,
  parsePostcode,
} from '../src/index.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

describe('parsePostcode', () => {
  it.each([
    ['1234 AB', '1234 AB'],
    ['1234AB', '1234 AB'],
    ['1234ab', '1234 AB'],
    [' 3511 ab ', '3511 AB'],
    ['3511-AB', '3511 AB'],
    ['3511', '3511'],
    ['9999zz', '9999 ZZ'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePostcode(input)).toBe(expected);
  });

  it.each(['0123 AB', '123 AB', '12345', '1234 A', '1234 ABC', 'ABC 1234', '1234 SS', '1234 sa', '', '1234\nAB OR 1'])(
    'rejects %j',
    (input) => {
      expect(parsePostcode(input)).toBeNull();
    },
  );

  it('splits the parts', () => {
    expect(parsePostcode('6211ab')).toEqual({ pc4: '6211', letters: 'AB', normalized: '6211 AB' });
    expect(parsePostcode('6211')).toEqual({ pc4: '6211', normalized: '6211' });
    expect(parsePostcode(null)).toBeNull();
  });
});

describe('PC4 centroids', () => {
  const sourcePath = fileURLToPath(new URL('../vendor/pc4/nl-postcodes-geonames.json', import.meta.url));
  const source: Array<{ zipcode: string; latitude: string; longitude: string }> = JSON.parse(readFileSync(sourcePath, 'utf8'));

  it('has every distinct PC4 of the GeoNames table', () => {
    const distinct = new Set(source.map((r) => r.zipcode));
    expect(allPc4().length).toBe(distinct.size);
    expect(distinct.size).toBe(4064);
  });

  it('every PC4 resolves inside the Netherlands', () => {
    for (const pc4 of allPc4()) {
      const p = geocodePostcode(pc4);
      expect(p, pc4).toBeDefined();
      expect(isInNetherlands(p!), `${pc4} ${JSON.stringify(p)}`).toBe(true);
    }
  });

  it('uses the mean of the rows when a PC4 has several', () => {
    const byPc4 = new Map<string, Array<{ lat: number; lng: number }>>();
    for (const r of source) {
      const list = byPc4.get(r.zipcode) ?? [];
      list.push({ lat: Number(r.latitude), lng: Number(r.longitude) });
      byPc4.set(r.zipcode, list);
    }
    const multi = [...byPc4.entries()].filter(([, rows]) => rows.length > 1);
    expect(multi.length).toBeGreaterThan(100);
    for (const [pc4, rows] of multi) {
      const lat = rows.reduce((s, r) => s + r.lat, 0) / rows.length;
      const lng = rows.reduce((s, r) => s + r.lng, 0) / rows.length;
      const got = geocodePostcode(pc4)!;
      expect(got.lat).toBeCloseTo(lat, 3);
      expect(got.lng).toBeCloseTo(lng, 3);
    }
  });

  it('resolves full postcodes through their PC4 and knows the place', () => {
    const utrecht = lookupPc4('3511 AB');
    expect(utrecht?.place).toBe('Utrecht');
    expect(utrecht?.pc4).toBe('3511');
    expect(lookupPc4('1000')).toBeUndefined(); // not in the table
    expect(geocodePostcode('not a postcode')).toBeUndefined();
  });

  it('carries the attribution line', () => {
    expect(PC4_ATTRIBUTION).toBe('Postcode coordinates © GeoNames, CC BY 4.0');
  });
});

describe('geo helpers', () => {
  it('measures Utrecht–Amsterdam at about 35 km', () => {
    const d = distanceKm({ lat: 52.0907, lng: 5.1214 }, { lat: 52.3676, lng: 4.9041 });
    expect(d).toBeGreaterThan(33);
    expect(d).toBeLessThan(36);
    expect(distanceKm({ lat: 52, lng: 5 }, { lat: 52, lng: 5 })).toBe(0);
  });

  it('is symmetric', () => {
    const a = { lat: 50.85, lng: 5.69 };
    const b = { lat: 53.22, lng: 6.57 };
    expect(distanceKm(a, b)).toBeCloseTo(distanceKm(b, a), 9);
  });

  it('knows the bounding box', () => {
    expect(isInNetherlands({ lat: 52.1, lng: 5.1 })).toBe(true);
    expect(isInNetherlands({ lat: 100, lng: 101 })).toBe(false);
    expect(isInNetherlands({ lat: 48.85, lng: 2.35 })).toBe(false);
    expect(NL_BOUNDS.minLat).toBeLessThan(NL_BOUNDS.maxLat);
  });

  it('parses lat,lng', () => {
    expect(parseLatLng('52.09,5.12')).toEqual({ lat: 52.09, lng: 5.12 });
    expect(parseLatLng(' 52.09 , 5.12 ')).toEqual({ lat: 52.09, lng: 5.12 });
    expect(parseLatLng('95,5')).toBeNull();
    expect(parseLatLng('52.09;5.12')).toBeNull();
    expect(parseLatLng('52,5) OR 1')).toBeNull();
  });
});
