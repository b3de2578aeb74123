import { mkdtemp, writeFile, mkdir, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { activitySchema } from '@sociale-kaart/schema';
import { describe, expect, it } from 'vitest';
import { transformInputs, validateInputs, type IndexReport } from '../src/index.js';

const SHARED = resolve(import.meta.dirname, '../../schema/vendor/hsds');
const EX = join(SHARED, '3.1/examples');
const SERVICE_ID = 'ac148810-d857-441c-9679-408f346de14b';
const LOCATION_ID = '3a19ff88-4620-4d17-9830-ac1d859eb5d5';

/** The three reasons the placeholder location of the Open Referral examples is not a place. */
function placeholderErrors(report: IndexReport, input: string, prefix: { lat: string; addr: string }) {
  return [
    {
      input,
      record: 1,
      recordId: `${SERVICE_ID}@${LOCATION_ID}`,
      path: prefix.lat,
      code: 'coordinates_invalid',
      message: 'breedtegraad 100 is geen geldige coördinaat (−90…90) / latitude 100 is not a valid coordinate (−90…90)',
    },
    {
      input,
      record: 1,
      recordId: `${SERVICE_ID}@${LOCATION_ID}`,
      path: `${prefix.addr}country`,
      code: 'country_not_nl',
      message: 'land "US" is niet Nederland: alleen Nederlandse adressen worden opgenomen / country "US" is not the Netherlands: only Dutch addresses are accepted',
    },
    {
      input,
      record: 1,
      recordId: `${SERVICE_ID}@${LOCATION_ID}`,
      path: `${prefix.addr}postal_code`,
      code: 'postcode_invalid',
      message: 'postcode "ABC 1234" is geen Nederlandse postcode (schrijf "1234 AB") / postcode "ABC 1234" is not a Dutch postcode (write "1234 AB")',
    },
  ].map((e) => expect.objectContaining(e));
}

describe('Open Referral HSDS 3.1 examples, every file', () => {
  it.each([
    ['service_full.json', { lat: 'service_at_locations[0].location.latitude', addr: 'service_at_locations[0].location.addresses[0].' }],
    ['organization_full.json', { lat: 'services[0].service_at_locations[0].location.latitude', addr: 'services[0].service_at_locations[0].location.addresses[0].' }],
    ['service_at_location_full.json', { lat: 'location.latitude', addr: 'location.addresses[0].' }],
    ['tabular.json', { lat: 'locations.csv:latitude', addr: 'addresses.csv:' }],
  ])('%s: the service at the placeholder location is rejected for exactly its location', async (file, prefix) => {
    const input = join(EX, file);
    const report = await validateInputs([input]);
    expect(report).toMatchObject({ accepted: 0, rejected: 1, skipped: 0, documents: 0 });
    expect(report.inputs).toEqual([{ input, format: 'hsds-json', source: file.replace('.json', '').replace(/_/g, '-'), records: 1, accepted: 0, rejected: 1, skipped: 0 }]);
    expect(report.errors).toEqual(placeholderErrors(report, input, prefix));
    expect(report.errors.every((e) => e.messageNl && e.messageEn && e.message === `${e.messageNl} / ${e.messageEn}`)).toBe(true);
  });

  it('service_at_location_list.json: the location has only coordinates, so one reason', async () => {
    const input = join(EX, 'service_at_location_list.json');
    const report = await validateInputs([input]);
    expect(report).toMatchObject({ accepted: 0, rejected: 1, skipped: 0 });
    expect(report.errors).toEqual([expect.objectContaining({ record: 1, path: 'location.latitude', code: 'coordinates_invalid' })]);
    expect(report.warnings).toEqual([expect.objectContaining({ record: null, code: 'single_page', path: 'total_pages' })]);
  });

  it('service_list.json: a service without any location is valid and published without a place', async () => {
    const input = join(EX, 'service_list.json');
    const { activities, report } = await transformInputs([input], { now: new Date('2025-06-01T00:00:00Z') });
    expect(report).toMatchObject({ accepted: 1, rejected: 0, documents: 1, errors: [] });
    expect(activities).toHaveLength(1);
    const a = activities[0]!;
    expect(activitySchema.parse(a)).toEqual(a);
    expect(a).toMatchObject({
      id: `service-list_${SERVICE_ID}`,
      serviceId: SERVICE_ID,
      source: 'service-list',
      sourceRecordId: SERVICE_ID,
      title: 'Community Counselling',
      organization: { id: 'service-list_d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610', name: 'Example Organization Inc.', website: 'http://example.com', kvk: null },
      location: null,
      gemeente: null,
      online: true,
      status: 'active',
      minAge: 12,
      maxAge: 100,
      assuredDate: '2005-01-01',
      lastModified: '2023-03-15T10:30:45.123Z',
      lastModifiedTs: Date.parse('2023-03-15T10:30:45.123Z'),
      url: 'http://example.com/counselling',
      email: 'email@example.com',
      free: false,
      referralRequired: true,
      categorySource: 'none',
    });
    expect(a._geo).toBeUndefined();
    expect(a.costDescription).toContain('£50 per hour');
  });

  it.each([
    ['base.json', 'metadata'],
    ['location.json', 'location'],
    ['organization_list.json', 'organization'],
    ['taxonomy.json', 'taxonomy'],
    ['taxonomy_list.json', 'taxonomy'],
    ['taxonomy_term.json', 'taxonomy'],
    ['taxonomy_term_list.json', 'taxonomy'],
  ])('%s holds no service: the record is skipped with a reason, nothing rejected', async (file) => {
    const report = await validateInputs([join(EX, file)]);
    expect(report).toMatchObject({ accepted: 0, rejected: 0, skipped: 1, documents: 0, errors: [] });
    expect(report.warnings.filter((w) => w.code === 'skipped')).toHaveLength(1);
  });

  it('csv/ (directory and datapackage.json): joined by ids, rejected for the placeholder location only', async () => {
    for (const input of [join(EX, 'csv'), join(EX, 'csv/datapackage.json')]) {
      const report = await validateInputs([input]);
      expect(report.inputs[0]).toMatchObject({ format: 'hsds-csv', records: 1, accepted: 0, rejected: 1 });
      expect(report.errors).toEqual(placeholderErrors(report, input, { lat: 'locations.csv:latitude', addr: 'addresses.csv:' }));
      // The example's datapackage.json is a dangling link, not JSON: reported, the .csv files are read anyway.
      expect(report.warnings).toEqual([expect.objectContaining({ code: 'datapackage_invalid', path: 'datapackage.json' })]);
    }
  });

  it('oruk-3.0 organization_full.json: same outcome', async () => {
    const input = join(SHARED, 'oruk-3.0/examples/organization_full.json');
    const report = await validateInputs([input]);
    expect(report).toMatchObject({ accepted: 0, rejected: 1 });
    expect(report.errors).toEqual(placeholderErrors(report, input, { lat: 'services[0].service_at_locations[0].location.latitude', addr: 'services[0].service_at_locations[0].location.addresses[0].' }));
  });

  it('the same examples become valid when the placeholder location is a Dutch place', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sk-hsds-'));
    await cp(join(EX, 'csv'), join(dir, 'pkg'), { recursive: true, dereference: false });
    await writeFile(join(dir, 'pkg/datapackage.json'), JSON.stringify({ resources: [] }));
    await writeFile(
      join(dir, 'pkg/locations.csv'),
      'id,location_type,name,latitude,longitude\n3a19ff88-4620-4d17-9830-ac1d859eb5d5,physical,Buurthuis De Pijler,52.0907,5.1214\n',
    );
    await writeFile(join(dir, 'pkg/addresses.csv'), 'id,location_id,address_1,city,region,postal_code,country,address_type\na1,3a19ff88-4620-4d17-9830-ac1d859eb5d5,Oudegracht 100,Utrecht,Utrecht,3511ar,NL,physical\n');
    const { activities, report } = await transformInputs([join(dir, 'pkg')]);
    expect(report).toMatchObject({ accepted: 1, rejected: 0, errors: [] });
    expect(activities[0]).toMatchObject({
      id: `pkg_${SERVICE_ID}_${LOCATION_ID}`,
      location: { name: 'Buurthuis De Pijler', street: 'Oudegracht 100', postcode: '3511 AR', city: 'Utrecht', gemeente: 'Utrecht' },
      _geo: { lat: 52.0907, lng: 5.1214 },
      phone: '+44 1234 234567',
      schedules: [expect.objectContaining({ freq: 'weekly', byday: ['TH', 'FR'], opensAt: '10:00', closesAt: '18:00' })],
      days: ['do', 'vr'],
      partsOfDay: ['ochtend', 'middag'],
      wheelchairAccessible: true,
      languages: ['ur'],
    });
  });
});

describe('Dutch HSDS JSON in every shape', () => {
  const service = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    name: `Wandelgroep ${id}`,
    description: '<p>Elke week <b>samen wandelen</b> in het park.</p>',
    status: 'active',
    organization: { id: 'org-1', name: 'Welzijn Utrecht', website: 'https://welzijn.example.nl' },
    attributes: [{ taxonomy_term: { name: 'Wandelen & natuur' } }, { taxonomy_term: { name: 'eenzaamheid' } }, { taxonomy_term: { name: 'Ouderen' } }],
    service_at_locations: [
      { id: `sal-${id}`, location: { id: `loc-${id}`, name: 'Buurthuis', latitude: 52.09, longitude: 5.12, addresses: [{ address_1: 'Oudegracht 1', postal_code: '3511AB', city: 'Utrecht', country: 'NL' }] } },
    ],
    ...extra,
  });

  it('reads a record, an array, a list page and ndjson alike', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sk-json-'));
    await writeFile(join(dir, 'record.json'), JSON.stringify(service('a')));
    await writeFile(join(dir, 'array.json'), JSON.stringify([service('b'), service('c')]));
    await writeFile(join(dir, 'page.json'), JSON.stringify({ total_pages: 1, page_number: 1, contents: [service('d')] }));
    await writeFile(join(dir, 'lines.ndjson'), `${JSON.stringify(service('e'))}\n{broken\n\n${JSON.stringify(service('f'))}\n`);
    const { activities, report } = await transformInputs(['record.json', 'array.json', 'page.json', 'lines.ndjson'].map((f) => join(dir, f)));
    expect(report.inputs.map((i) => [i.format, i.accepted, i.rejected])).toEqual([
      ['hsds-json', 1, 0],
      ['hsds-json', 2, 0],
      ['hsds-json', 1, 0],
      ['hsds-ndjson', 2, 1],
    ]);
    expect(report.errors).toEqual([expect.objectContaining({ input: join(dir, 'lines.ndjson'), record: 2, line: 2, code: 'json_invalid' })]);
    expect(activities.map((a) => a.serviceId)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(activities[0]).toMatchObject({
      categories: ['walking_nature'],
      categorySource: 'feed',
      needs: ['eenzaamheid'],
      audience: ['ouderen'],
      description: 'Elke week samen wandelen in het park.',
      location: { postcode: '3511 AB' },
      _geo: { lat: 52.09, lng: 5.12 },
    });
  });

  it('a service at two locations is two documents; a bad location rejects only itself', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sk-json-'));
    const s = service('x', {
      service_at_locations: [
        { location: { id: 'goed', addresses: [{ postal_code: '6211 LE', city: 'Maastricht' }] } },
        { location: { id: 'fout', latitude: 48.85, longitude: 2.35 } },
        { location: { id: 'online', location_type: 'virtual' } },
      ],
    });
    await writeFile(join(dir, 'two.json'), JSON.stringify(s));
    const { activities, report } = await transformInputs([join(dir, 'two.json')]);
    expect(activities.map((a) => a.id)).toEqual(['two_x_goed', 'two_x_online']);
    expect(activities[0]).toMatchObject({ location: { postcode: '6211 LE', city: 'Maastricht' }, online: false });
    expect(activities[1]).toMatchObject({ location: null, online: true });
    expect(report.errors).toEqual([expect.objectContaining({ record: 1, recordId: 'x@fout', path: 'service_at_locations[1].location.latitude', code: 'coordinates_outside_nl' })]);
  });

  it('rejects a service without a name or organisation with the field path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sk-json-'));
    await writeFile(join(dir, 'bad.json'), JSON.stringify([service('n', { name: '  ' }), service('o', { organization: null }), { name: 'zonder id', status: 'active' }]));
    const report = await validateInputs([join(dir, 'bad.json')]);
    expect(report).toMatchObject({ accepted: 0, rejected: 3 });
    expect(report.errors.map((e) => [e.record, e.path, e.code])).toEqual([
      [1, 'name', 'title_missing'],
      [2, 'organization', 'organization_missing'],
      [3, 'id', 'required'],
    ]);
  });

  it('an unreadable file is an input error, not a record error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sk-json-'));
    await writeFile(join(dir, 'kapot.json'), '{"contents": [');
    await mkdir(join(dir, 'leeg'));
    await mkdir(join(dir, 'half'));
    await writeFile(join(dir, 'half/services.csv'), 'id,name,status\n1,Koor,active\n2,"Open aanhalingsteken,active\n');
    const report = await validateInputs([join(dir, 'kapot.json'), join(dir, 'bestaat-niet.json'), join(dir, 'leeg'), join(dir, 'half')]);
    expect(report.inputs.map((i) => i.error !== undefined)).toEqual([true, true, true, true]);
    expect(report.errors.map((e) => [e.record, e.code])).toEqual([
      [null, 'input_unreadable'],
      [null, 'input_unreadable'],
      [null, 'input_unreadable'],
      [null, 'input_unreadable'],
    ]);
    expect(report.errors[2]!.message).toContain('services.csv');
    expect(report.errors[3]!.messageEn).toMatch(/^reading failed after \d+ record\(s\): .*quote/i);
  });
});
