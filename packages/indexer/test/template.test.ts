import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activitySchema } from '@sociale-kaart/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { transformInputs, validateInputs, type IndexReport } from '../src/index.js';
import { HOSTILE_ROWS, hostileRows, templateCsv, validRow } from './helpers.js';

describe('the hostile CSV template', () => {
  let dir: string;
  let file: string;
  let result: { activities: Awaited<ReturnType<typeof transformInputs>>['activities']; report: IndexReport };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sk-hostile-'));
    file = join(dir, 'hostile.csv');
    await writeFile(file, templateCsv(hostileRows()));
    result = await transformInputs([file], { now: new Date('2025-06-01T00:00:00Z') });
  });

  it('counts every row exactly', () => {
    const { report } = result;
    expect(report).toMatchObject({ accepted: HOSTILE_ROWS - 2, rejected: 2, skipped: 0, documents: HOSTILE_ROWS - 3, errorsTotal: 2 });
    expect(report.inputs).toEqual([{ input: file, format: 'csv-template', source: 'hostile', records: HOSTILE_ROWS, accepted: HOSTILE_ROWS - 2, rejected: 2, skipped: 0 }]);
    expect(result.activities).toHaveLength(HOSTILE_ROWS - 3);
  });

  it('rejects the bad postcode and the empty title with input, record, line, path and a Dutch+English message', () => {
    expect(result.report.errors).toEqual([
      {
        input: file,
        record: 2,
        recordId: 'act-2',
        line: 4, // the first row's omschrijving spans two lines
        path: 'Postcode',
        code: 'postcode_invalid',
        messageNl: 'postcode "12345" is geen Nederlandse postcode (schrijf "1234 AB")',
        messageEn: 'postcode "12345" is not a Dutch postcode (write "1234 AB")',
        message: 'postcode "12345" is geen Nederlandse postcode (schrijf "1234 AB") / postcode "12345" is not a Dutch postcode (write "1234 AB")',
      },
      {
        input: file,
        record: 3,
        recordId: 'act-3',
        line: 5,
        path: 'Titel',
        code: 'title_missing',
        messageNl: 'titel ontbreekt (verplicht)',
        messageEn: 'titel (title) is missing (required)',
        message: 'titel ontbreekt (verplicht) / titel (title) is missing (required)',
      },
    ]);
  });

  it('drops the javascript: link with a warning and keeps the record', () => {
    const unsafe = result.report.warnings.filter((w) => w.code === 'link_unsafe');
    expect(unsafe.map((w) => [w.record, w.line, w.path])).toEqual([
      [1, 2, 'Website'],
      [4, 6, 'Website'],
    ]);
    expect(unsafe[0]!.messageNl).toBe('link "javascript:alert(document.cookie)" verwijderd: alleen http(s)-, mailto- en tel-links zijn toegestaan');
    expect(result.report.warningsTotal).toBe(2);
  });

  it('merges the duplicate row and lists it', () => {
    expect(result.report.duplicates).toEqual([
      {
        key: 'buurtwerk 1|koffieochtend 1|3511 AB',
        kept: { id: 'hostile_act-1', input: file, record: 1 },
        duplicate: { id: 'hostile_act-1', input: file, record: 4 },
      },
    ]);
  });

  it('stores plain text only: no tags, no script, paragraphs kept', () => {
    const a = result.activities[0]!;
    expect(a.description).toBe('Kom gezellig koffie drinken & bijpraten.\n\nTweede alinea; met puntkomma');
    expect(a.summary).toBe('Kom gezellig koffie drinken & bijpraten. Tweede alinea; met puntkomma');
    expect(a).toMatchObject({ url: null, phone: '030 123 4567', location: { postcode: '3511 AB', city: 'Utrecht' }, categories: ['social_contact'], categorySource: 'feed' });
    for (const doc of result.activities) {
      expect(doc.description).not.toMatch(/<|script|alert/);
    }
  });

  it('publishes an online activity without a place', () => {
    const online = result.activities.find((x) => x.title === 'Telefooncirkel')!;
    expect(online).toMatchObject({ online: true, location: null, gemeente: null });
    expect(online._geo).toBeUndefined();
  });

  it('every document passes the activity schema and ids are unique and stable', async () => {
    for (const doc of result.activities.slice(0, 500)) expect(activitySchema.safeParse(doc).success).toBe(true);
    expect(new Set(result.activities.map((x) => x.id)).size).toBe(result.activities.length);
    const again = await transformInputs([file], { now: new Date('2030-01-01T00:00:00Z') });
    expect(again.activities.map((x) => x.id)).toEqual(result.activities.map((x) => x.id));
  });
});

describe('CSV template variants', () => {
  it('reads Windows-1252 with "," delimiters and LF, accents intact', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sk-1252-'));
    const file = join(dir, 'excel.csv');
    await writeFile(file, templateCsv([validRow(1, { Titel: 'Café Ontmoeting', Omschrijving: 'Één kop koffie, gratis – voor iedereen', Kosten: '€ 2,50 per keer' })], { delimiter: ',', eol: '\n', encoding: 'windows-1252' }));
    const { activities, report } = await transformInputs([file]);
    expect(report.errors).toEqual([]);
    expect(activities[0]).toMatchObject({ title: 'Café Ontmoeting', description: 'Één kop koffie, gratis – voor iedereen', free: false, costDescription: '€ 2,50 per keer' });
  });

  it('reads UTF-8 without BOM, tolerant column names, unknown columns reported', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sk-cols-'));
    const file = join(dir, 'losse-kolommen.csv');
    const text = 'ORGANISATIE,titel (verplicht),Beschrijving,post_code,Extra kolom,welzijn op recept\nWijkteam,Samen eten,"Elke week,\nsamen koken",6211 le,x,JA\n';
    await writeFile(file, text.replace('post_code', 'Post Code'));
    const { activities, report } = await transformInputs([file]);
    expect(report.warnings).toEqual([expect.objectContaining({ record: null, code: 'column_unknown', path: 'Extra kolom' })]);
    expect(activities[0]).toMatchObject({ title: 'Samen eten', description: 'Elke week,\nsamen koken', location: { postcode: '6211 LE' }, acceptsWelzijnOpRecept: true, categorySource: 'rules', categories: ['cooking_eating'] });
  });

  it('a file without the required columns cannot be read (exit 2 material)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sk-nohdr-'));
    const file = join(dir, 'geen-template.csv');
    await writeFile(file, 'a;b\n1;2\n');
    const report = await validateInputs([file]);
    expect(report.inputs[0]!.error).toContain('organisatie');
    expect(report.errors).toEqual([expect.objectContaining({ record: null, code: 'input_unreadable' })]);
  });

  it('the same activity in two inputs is one document', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sk-dup-'));
    await writeFile(join(dir, 'a.csv'), templateCsv([validRow(1), validRow(2)]));
    await writeFile(join(dir, 'b.csv'), templateCsv([validRow(1, { id: 'ander-id', Titel: ' KOFFIEOCHTEND  1 ', Postcode: '6211le' })]));
    const { activities, report } = await transformInputs([join(dir, 'a.csv'), join(dir, 'b.csv')]);
    expect(activities.map((a) => a.id)).toEqual(['a_act-1', 'a_act-2']);
    expect(report.duplicates).toEqual([expect.objectContaining({ kept: { id: 'a_act-1', input: join(dir, 'a.csv'), record: 1 }, duplicate: { id: 'b_ander-id', input: join(dir, 'b.csv'), record: 1 } })]);
  });

  it('reads dagen/tijd/frequentie, yes/no columns, cost and dates into the document', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sk-full-'));
    const file = join(dir, 'volledig.csv');
    await writeFile(
      file,
      templateCsv([
        validRow(7, {
          Dagen: 'maandag t/m vrijdag',
          Tijd: '13.30 - 16.00 uur',
          Frequentie: 'tweewekelijks',
          Kosten: '€ 2,50 per keer',
          Telefoon: '+31 6 12345678',
          'E-mail': 'mailto:info@buurtwerk.nl',
          Website: 'www.buurtwerk.nl',
          Rolstoeltoegankelijk: 'nee',
          'Welzijn op recept': 'ja',
          'Aanmelden nodig': 'ja',
          'Laatst gecontroleerd': '15-03-2025',
          Gemeente: 'Utrecht',
        }),
      ]),
    );
    const { activities } = await transformInputs([file]);
    expect(activities[0]).toMatchObject({
      days: ['ma', 'di', 'wo', 'do', 'vr'],
      partsOfDay: ['middag'],
      schedules: [expect.objectContaining({ freq: 'weekly', interval: 2, opensAt: '13:30', closesAt: '16:00' })],
      free: false,
      costDescription: '€ 2,50 per keer',
      phone: '06 1234 5678',
      email: 'info@buurtwerk.nl',
      url: 'https://www.buurtwerk.nl',
      wheelchairAccessible: false,
      acceptsWelzijnOpRecept: true,
      referralRequired: true,
      assuredDate: '2025-03-15',
      lastModified: '2025-03-15T00:00:00.000Z',
      gemeente: 'Utrecht',
    });
  });
});

describe('template details', () => {
  it('keeps a label with a comma together, reads intake columns and "op afspraak"', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sk-detail-'));
    const file = join(dir, 'details.csv');
    await writeFile(
      file,
      'organisatie;titel;omschrijving;categorieen;postcode;frequentie;welzijnscoach;intake_email;intake_url\n' +
        'Welzijn Oost;Welzijnscoach Oost;Voor een goed gesprek.;Muziek, zang & dans, Ontmoeting;3511AB;op afspraak;ja;intake@welzijn.example;https://welzijn.example/aanmelden\n',
    );
    const { activities, report } = await transformInputs([file]);
    expect(report.warningsTotal).toBe(0);
    expect(activities[0]).toMatchObject({
      categories: ['social_contact', 'music_dance'],
      isWelzijnscoach: true,
      intake: { email: 'intake@welzijn.example', url: 'https://welzijn.example/aanmelden' },
      schedules: [expect.objectContaining({ description: 'op afspraak', byday: [] })],
    });
  });
});
