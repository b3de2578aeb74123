/** Wheelchair access stated as a yes/no location attribute (as the search API's HSDS output writes it) wins over words. */
import { describe, expect, it } from 'vitest';
import { transformHsdsService } from '../src/index.js';

const ctx = { source: 'kaart-a', defaultLastModified: '2026-01-01T00:00:00Z' };

function service(value: string | null, details: string | null) {
  const wheelchair = { id: 't', code: 'wheelchair_accessible', name: 'Rolstoeltoegankelijk', description: 'Rolstoeltoegankelijk / Wheelchair accessible' };
  return {
    id: 's1',
    name: 'Koffieochtend',
    status: 'active',
    organization: { id: 'o1', name: 'Buurthuis', description: 'Buurthuis' },
    service_at_locations: [
      {
        id: 'sal1',
        location: {
          id: 'loc1',
          location_type: 'physical',
          latitude: 52.09,
          longitude: 5.12,
          addresses: [{ id: 'a1', address_1: 'Oudegracht 1', city: 'Utrecht', region: 'Utrecht', state_province: 'Utrecht', postal_code: '3511 AB', country: 'NL', address_type: 'physical' }],
          accessibility: details ? [{ id: 'acc', details }] : [],
          attributes: value === null ? [] : [{ id: 'attr', taxonomy_term_id: 't', value, label: 'Rolstoeltoegankelijk', taxonomy_term: wheelchair }],
        },
      },
    ],
  };
}

const wheelchairOf = (raw: unknown) => transformHsdsService(raw, undefined, ctx)[0]!.activity!.wheelchairAccessible;

describe('wheelchair access from HSDS', () => {
  it('reads the yes/no attribute, even when its term is named "Rolstoeltoegankelijk"', () => {
    expect(wheelchairOf(service('true', null))).toBe(true);
    expect(wheelchairOf(service('false', null))).toBe(false);
    expect(wheelchairOf(service('false', 'Ingang met drempel'))).toBe(false);
  });
  it('without the attribute, falls back to the words of the accessibility text', () => {
    expect(wheelchairOf(service(null, 'Niet toegankelijk voor rolstoelen'))).toBe(false);
    expect(wheelchairOf(service(null, null))).toBeNull();
  });
});
