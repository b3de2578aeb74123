import { describe, expect, it } from 'vitest';
import { activitySchema, hsdsServiceSchema, scheduleSchema, type ActivityInput } from '../src/index.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

function valid(): ActivityInput {
  return {
    id: 'demo-utrecht-1',
    serviceId: 'svc-1',
    source: 'demo',
    sourceRecordId: '1',
    lastModified: '2026-10-01T10:00:00+02:00',
    lastModifiedTs: Date.parse('2026-10-01T10:00:00+02:00'),
    title: 'Wandelgroep Lunetten',
    summary: 'Elke dinsdag samen wandelen.',
    description: 'Elke dinsdag wandelen we een uur door de wijk.',
    organization: { id: 'org-1', name: 'Welzijn Utrecht-Oost' },
    categories: ['walking_nature'],
    needs: ['eenzaamheid', 'weinig_beweging'],
    categoryLabels: ['Wandelen & natuur', 'Walking & nature'],
    needLabels: ['Eenzaamheid'],
    categorySource: 'feed',
    pgDimensions: ['lichaamsfuncties'],
    domains4d: ['lichaam'],
    audience: ['ouderen'],
    schedules: [{ freq: 'weekly', byday: ['TU'], opensAt: '10:00', closesAt: '11:00' }],
    days: ['di'],
    partsOfDay: ['ochtend'],
    location: { street: 'Hondsrug 1', postcode: '3524 BR', city: 'Utrecht', gemeente: 'Utrecht' },
    gemeente: 'Utrecht',
    _geo: { lat: 52.07, lng: 5.14 },
    online: false,
    free: true,
    acceptsWelzijnOpRecept: true,
    referralRequired: false,
    status: 'active',
  };
}

describe('activitySchema', () => {
  it('accepts a complete activity and fills defaults', () => {
    const a = activitySchema.parse(valid());
    expect(a.schedules[0]).toMatchObject({ interval: 1, validFrom: null, bymonthday: [] });
    expect(a.isWelzijnscoach).toBe(false);
    expect(a.url).toBeNull();
  });

  it('rejects unsafe links with a path to the field', () => {
    const r = activitySchema.safeParse({ ...valid(), url: 'javascript:alert(1)' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['url']);
    for (const ok of ['https://example.nl', 'mailto:a@b.nl', 'tel:+31201234567']) {
      expect(activitySchema.safeParse({ ...valid(), url: ok }).success, ok).toBe(true);
    }
    expect(activitySchema.safeParse({ ...valid(), url: 'data:text/html,x' }).success).toBe(false);
  });

  it('rejects ids Meilisearch cannot store, unknown keys and empty titles', () => {
    expect(activitySchema.safeParse({ ...valid(), id: 'a b' }).success).toBe(false);
    expect(activitySchema.safeParse({ ...valid(), categories: ['yoga'] }).success).toBe(false);
    expect(activitySchema.safeParse({ ...valid(), days: ['monday'] }).success).toBe(false);
    const empty = activitySchema.safeParse({ ...valid(), title: '   ' });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.path).toEqual(['title']);
  });

  it('requires normalised postcodes and valid coordinates', () => {
    expect(activitySchema.safeParse({ ...valid(), location: { ...valid().location, postcode: '3524br' } }).success).toBe(false);
    expect(activitySchema.safeParse({ ...valid(), _geo: { lat: 100, lng: 5 } }).success).toBe(false);
    const online = { ...valid(), location: null, gemeente: null, online: true };
    delete online._geo;
    expect(activitySchema.safeParse(online).success).toBe(true);
  });

  it('validates schedule recurrence parts', () => {
    expect(scheduleSchema.safeParse({ freq: 'monthly', byday: ['1MO'], opensAt: '19:30' }).success).toBe(true);
    expect(scheduleSchema.safeParse({ freq: 'weekly', byday: ['XX'] }).success).toBe(false);
    expect(scheduleSchema.safeParse({ freq: 'weekly', opensAt: '25:00' }).success).toBe(false);
    expect(scheduleSchema.safeParse({ freq: 'hourly' }).success).toBe(false);
  });
});

describe('HSDS input schemas', () => {
  const examples = fileURLToPath(new URL('../vendor/hsds/', import.meta.url));
  it.each(['3.1/examples/service_full.json', 'oruk-3.0/examples/service_full.json'])('read the shared example %s', (file) => {
    const raw = JSON.parse(readFileSync(examples + file, 'utf8'));
    const s = hsdsServiceSchema.parse(raw);
    expect(s.id).toBe(raw.id);
    expect(s.name).toBe(raw.name);
    expect(s.service_at_locations?.length).toBe(raw.service_at_locations.length);
    expect(s.schedules?.[0]?.freq).toBe(raw.schedules[0].freq);
  });

  it('coerces numeric strings and rejects a service without id', () => {
    const s = hsdsServiceSchema.parse({ id: 7, minimum_age: '12', service_at_locations: [{ location: { latitude: '52.1', longitude: '5.1' } }] });
    expect(s.id).toBe('7');
    expect(s.minimum_age).toBe(12);
    expect(s.service_at_locations?.[0]?.location?.latitude).toBe(52.1);
    expect(hsdsServiceSchema.safeParse({ name: 'x' }).success).toBe(false);
  });
});
