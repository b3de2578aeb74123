// Type-ahead over a real Meilisearch: suggestions that share a title say what tells them apart.
import { describe, expect, it } from 'vitest';
import { suggestResponseSchema } from '@sociale-kaart/schema';
import { useApi } from './helpers.js';
import { activity } from './referrals/helpers.js';

const at = (city: string, name: string | null = null) => ({ location: { name, street: null, postcode: null, city, gemeente: city }, gemeente: city });
const org = (id: string) => ({ organization: { id, name: `Welzijn ${id}` } });

const docs = [
  activity({ id: 'koken-utrecht-a', title: 'Samen koken en eten', ...at('Utrecht'), ...org('A') }),
  activity({ id: 'koken-utrecht-b', title: 'Samen koken en eten', ...at('Utrecht'), ...org('B') }),
  activity({ id: 'koken-zeist', title: 'Samen Koken en Eten', ...at('Zeist'), ...org('C') }),
  activity({ id: 'wandelen-utrecht', title: 'Wandelgroep', ...at('Utrecht'), ...org('A') }),
  activity({ id: 'wandelen-zeist', title: 'Wandelgroep', ...at('Zeist'), ...org('A') }),
  activity({ id: 'koffie-oost', title: 'Koffieochtend', ...at('Utrecht', 'Buurthuis Oost'), ...org('A') }),
  activity({ id: 'koffie-west', title: 'Koffieochtend', ...at('Utrecht', 'Buurthuis West'), ...org('A') }),
  activity({ id: 'schilderen', title: 'Schilderclub', ...at('Utrecht'), ...org('A') }),
];
const api = useApi(() => docs);

async function suggestions(q: string) {
  const { status, body } = await api.json(`/v1/suggest?q=${encodeURIComponent(q)}&limit=10`);
  expect(status).toBe(200);
  return suggestResponseSchema.parse(body).activities;
}

describe('GET /v1/suggest activity details', () => {
  it('names the place when that tells same-titled activities apart', async () => {
    expect(await suggestions('wandelgroep')).toEqual(
      expect.arrayContaining([
        { id: 'wandelen-utrecht', title: 'Wandelgroep', detail: 'Utrecht' },
        { id: 'wandelen-zeist', title: 'Wandelgroep', detail: 'Zeist' },
      ]),
    );
  });

  it('names the organisation when the place is the same (titles compared without case)', async () => {
    const found = await suggestions('samen koken');
    expect(found.filter((s) => s.id.startsWith('koken-')).sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'koken-utrecht-a', title: 'Samen koken en eten', detail: 'Welzijn A' },
      { id: 'koken-utrecht-b', title: 'Samen koken en eten', detail: 'Welzijn B' },
      { id: 'koken-zeist', title: 'Samen Koken en Eten', detail: 'Welzijn C' },
    ]);
  });

  it('names the venue when place and organisation are the same', async () => {
    const found = await suggestions('koffieochtend');
    expect(found.map((s) => s.detail).sort()).toEqual(['Buurthuis Oost', 'Buurthuis West']);
  });

  it('adds nothing to a title that is unique', async () => {
    expect(await suggestions('schilderclub')).toEqual([{ id: 'schilderen', title: 'Schilderclub' }]);
  });
});
