import { describe, expect, it } from 'vitest';
import {
  categorize,
  categoriesByRules,
  costFromHsds,
  emailAddress,
  htmlToText,
  httpUrl,
  normalizePhone,
  parseAgeRange,
  parseCostText,
  parseDate,
  parseDays,
  parseFrequency,
  parseTimeRange,
  parseYesNo,
  Problems,
  safeLink,
  scheduleFacets,
  scheduleFromHsds,
  scheduleFromText,
  summarize,
  activityId,
  sourceNameOf,
  resolvePlace,
} from '../src/index.js';

describe('phone numbers', () => {
  it.each([
    ['020-1234567', '020 123 4567'],
    ['020 123 4567', '020 123 4567'],
    ['0201234567', '020 123 4567'],
    ['+31 20 123 4567', '020 123 4567'],
    ['+31 (0)20 1234567', '020 123 4567'],
    ['0031201234567', '020 123 4567'],
    ['030 - 123 45 67', '030 123 4567'],
    ['06-12345678', '06 1234 5678'],
    ['+31 6 12345678', '06 1234 5678'],
    ['0592-123456', '0592 123 456'],
    ['0800-1234', '0800 1234'],
    ['0900 1234567', '0900 123 4567'],
    ['088 1234567', '088 123 4567'],
    ['tel:+31201234567', '020 123 4567'],
    ['"+44 1234 234567"', '+44 1234 234567'],
    ['+32 2 123 45 67', '+32 2 123 45 67'],
    ['030 1234567 (ma-vr)', '030 123 4567'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(['bel ons', '12345', '020 12345', '', '   '])('%j is not a phone number', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});

describe('HTML to text', () => {
  it('strips tags, keeps paragraphs as line breaks and decodes entities', () => {
    expect(htmlToText('<p>Samen koken &amp; eten</p><p>Elke&nbsp;dinsdag<br>in het buurthuis</p>')).toBe('Samen koken & eten\n\nElke dinsdag\nin het buurthuis');
  });
  it('drops script and style content entirely', () => {
    const out = htmlToText('Welkom<script>alert("x")</script><style>p{color:red}</style> bij ons');
    expect(out).toBe('Welkom bij ons');
    expect(out).not.toContain('alert');
  });
  it('strips markup that was hidden behind entities', () => {
    const out = htmlToText('Hallo &lt;script&gt;alert(1)&lt;/script&gt; daar &lt;img src=x onerror=alert(1)&gt;');
    expect(out).not.toMatch(/<|>/);
    expect(out).not.toContain('alert');
  });
  it('keeps a lone "<" that is not a tag, and numeric entities', () => {
    expect(htmlToText('kinderen < 12 jaar &#8364; 5 &eacute;&eacute;n')).toBe('kinderen < 12 jaar € 5 één');
  });
  it('turns list items into lines and removes comments', () => {
    expect(htmlToText('<ul><li>koffie</li><li>thee</li></ul><!-- geheim -->')).toBe('- koffie\n- thee');
  });
  it('handles unclosed script and null', () => {
    expect(htmlToText('tekst <script>nooit')).toBe('tekst');
    expect(htmlToText(null)).toBe('');
  });
  it('summarize cuts at a word boundary at most 300 characters', () => {
    const s = summarize('woord '.repeat(100));
    expect(s.length).toBeLessThanOrEqual(300);
    expect(s.endsWith('…')).toBe(true);
    expect(s).not.toMatch(/wo…$/);
  });
});

describe('links', () => {
  it('keeps http(s), mailto and tel; drops the rest as unsafe', () => {
    expect(safeLink('https://buurthuis.nl/agenda')).toEqual({ ok: true, value: 'https://buurthuis.nl/agenda' });
    expect(safeLink('mailto:info@buurthuis.nl')).toEqual({ ok: true, value: 'mailto:info@buurthuis.nl' });
    expect(safeLink('tel:+31301234567')).toEqual({ ok: true, value: 'tel:+31301234567' });
    expect(safeLink('javascript:alert(1)')).toMatchObject({ ok: false, reason: 'unsafe', scheme: 'javascript' });
    expect(safeLink(' JaVa\tScRiPt:alert(1)')).toMatchObject({ ok: false, reason: 'unsafe' });
    expect(safeLink('data:text/html,<b>x</b>')).toMatchObject({ ok: false, reason: 'unsafe', scheme: 'data' });
    expect(httpUrl('mailto:a@b.nl')).toMatchObject({ ok: false, reason: 'unsafe' });
  });
  it('adds https:// to a bare domain and refuses rubbish', () => {
    expect(httpUrl('www.buurthuis.nl')).toEqual({ ok: true, value: 'https://www.buurthuis.nl' });
    expect(httpUrl('buurthuis.nl/agenda')).toEqual({ ok: true, value: 'https://buurthuis.nl/agenda' });
    expect(httpUrl('zie folder')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(httpUrl('')).toMatchObject({ ok: false, reason: 'empty' });
  });
  it('checks e-mail addresses', () => {
    expect(emailAddress('mailto:info@wijk.nl')).toEqual({ ok: true, value: 'info@wijk.nl' });
    expect(emailAddress('info at wijk.nl')).toMatchObject({ ok: false, reason: 'invalid' });
  });
});

describe('values', () => {
  it.each([
    ['ja', true], ['Ja', true], ['J', true], ['x', true], ['nee', false], ['N', false], ['', null], ['misschien', undefined],
  ] as const)('yes/no %j → %j', (input, expected) => {
    expect(parseYesNo(input)).toBe(expected);
  });
  it.each([
    ['01-02-2025', '2025-02-01'], ['1-2-2025', '2025-02-01'], ['2025-02-01', '2025-02-01'], ['01/02/2025', '2025-02-01'], ['31-02-2025', null], ['gisteren', null],
  ])('date %j → %j', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });
  it.each([
    ['55+', { minAge: 55, maxAge: null }], ['18-30', { minAge: 18, maxAge: 30 }], ['12 t/m 18 jaar', { minAge: 12, maxAge: 18 }], ['vanaf 65', { minAge: 65, maxAge: null }], ['tot 12', { minAge: null, maxAge: 12 }], ['iedereen', null],
  ])('age %j', (input, expected) => {
    expect(parseAgeRange(input)).toEqual(expected);
  });
});

describe('schedule text', () => {
  it.each([
    ['di', ['di']],
    ['di en do', ['di', 'do']],
    ['ma, wo en vr', ['ma', 'wo', 'vr']],
    ['maandag t/m vrijdag', ['ma', 'di', 'wo', 'do', 'vr']],
    ['ma-vr', ['ma', 'di', 'wo', 'do', 'vr']],
    ['vrijdag tot en met maandag', ['ma', 'vr', 'za', 'zo']],
    ['Dinsdag', ['di']],
    ['dinsdagen', ['di']],
    ['werkdagen', ['ma', 'di', 'wo', 'do', 'vr']],
    ['weekend', ['za', 'zo']],
    ['dagelijks', ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo']],
    ['za/zo', ['za', 'zo']],
  ])('days %j', (input, expected) => {
    const r = parseDays(input);
    expect(r.days).toEqual(expected);
    expect(r.unknown).toEqual([]);
  });
  it('reads a part of the day inside a day name and reports unknown words', () => {
    expect(parseDays('woensdagmiddag')).toEqual({ days: ['wo'], partsOfDay: ['middag'], unknown: [] });
    expect(parseDays('di en soms do').unknown).toEqual(['soms']);
  });
  it.each([
    ['10:00-12:00', '10:00', '12:00'],
    ['10.00 - 12.00 uur', '10:00', '12:00'],
    ['van 9 tot 12', '09:00', '12:00'],
    ['9u30-11u', '09:30', '11:00'],
    ['19:30 – 21:30', '19:30', '21:30'],
    ['19.30 uur', '19:30', null],
    ['vanaf 14.00 uur', '14:00', null],
  ])('time %j', (input, opensAt, closesAt) => {
    expect(parseTimeRange(input)).toMatchObject({ opensAt, closesAt });
  });
  it('reads parts of the day in words and refuses nonsense', () => {
    expect(parseTimeRange("'s avonds")).toEqual({ opensAt: null, closesAt: null, partsOfDay: ['avond'] });
    expect(parseTimeRange('na de koffie')).toBeNull();
    expect(parseTimeRange('25:00-26:00')).toBeNull();
  });
  it.each([
    ['wekelijks', 'weekly', 1, []],
    ['elke week', 'weekly', 1, []],
    ['tweewekelijks', 'weekly', 2, []],
    ['om de week', 'weekly', 2, []],
    ['1x per 2 weken', 'weekly', 2, []],
    ['maandelijks', 'monthly', 1, []],
    ['1x per maand', 'monthly', 1, []],
    ['elke eerste maandag van de maand', 'monthly', 1, [1]],
    ['eerste en derde dinsdag', 'monthly', 1, [1, 3]],
    ['laatste vrijdag van de maand', 'monthly', 1, [-1]],
    ['dagelijks', 'daily', 1, []],
  ] as const)('frequency %j', (input, freq, interval, ordinals) => {
    expect(parseFrequency(input)).toMatchObject({ freq, interval, ordinals });
  });
  it('parses a once-only date', () => {
    expect(parseFrequency('eenmalig op 12-03-2025')).toMatchObject({ freq: 'once', date: '2025-03-12' });
  });
  it('builds one structured schedule from dagen/tijd/frequentie', () => {
    const p = new Problems();
    const r = scheduleFromText({ days: 'ma', time: '19:30-21:00', frequency: 'elke eerste maandag van de maand' }, p);
    expect(r.schedule).toMatchObject({ freq: 'monthly', interval: 1, byday: ['1MO'], opensAt: '19:30', closesAt: '21:00' });
    expect(p.warnings).toEqual([]);
    const weekly = scheduleFromText({ days: 'di en do', time: '10.00 - 12.00 uur', frequency: 'tweewekelijks' }, p);
    expect(weekly.schedule).toMatchObject({ freq: 'weekly', interval: 2, byday: ['TU', 'TH'], opensAt: '10:00', closesAt: '12:00', description: 'di en do, 10.00 - 12.00 uur, tweewekelijks' });
  });
  it('warns about text it does not understand but keeps it in the description', () => {
    const p = new Problems();
    const r = scheduleFromText({ days: 'na overleg', time: 'als het uitkomt', frequency: 'soms' }, p);
    expect(p.warnings.map((w) => w.code)).toEqual(['days_not_understood', 'time_not_understood', 'frequency_not_understood']);
    expect(p.warnings.map((w) => w.path)).toEqual(['dagen', 'tijd', 'frequentie']);
    expect(r.schedule?.description).toBe('na overleg, als het uitkomt, soms');
  });
  it('maps HSDS schedules and derives facets', () => {
    const p = new Problems();
    const { schedule } = scheduleFromHsds({ freq: 'WEEKLY', byday: 'TH,FR', bymonthday: '2,3', opens_at: '10:00:00', closes_at: '18:00:00', valid_from: '2025-01-01' }, p, 'schedules[0]');
    expect(schedule).toMatchObject({ freq: 'weekly', byday: ['TH', 'FR'], bymonthday: [], opensAt: '10:00', closesAt: '18:00', validFrom: '2025-01-01' });
    expect(scheduleFacets([schedule!])).toEqual({ days: ['do', 'vr'], partsOfDay: ['ochtend', 'middag'] });
    const monthly = scheduleFromHsds({ freq: 'MONTHLY', byday: '1MO, -1FR', opens_at: '19:00' }, p, 's');
    expect(scheduleFacets([monthly.schedule!])).toEqual({ days: ['ma', 'vr'], partsOfDay: ['avond'] });
    expect(p.warnings).toEqual([]);
  });
  it('reads a Dutch description when an HSDS schedule has no rule, with full day names only', () => {
    const p = new Problems();
    const { schedule } = scheduleFromHsds({ description: 'Elke dinsdag van 10.00 tot 12.00 uur' }, p, 's');
    expect(schedule).toMatchObject({ freq: 'weekly', byday: ['TU'], opensAt: '10:00', closesAt: '12:00' });
    const vague = scheduleFromHsds({ description: 'Zo vaak als je wilt, ma en pa welkom' }, p, 's');
    expect(vague.schedule).toMatchObject({ freq: 'weekly', byday: [] });
  });
  it('a free-text HSDS schedule gives its parts of day in day order, like every other schedule', () => {
    const p = new Problems();
    const free = scheduleFromHsds({ description: 'Elke donderdagavond en vrijdagochtend, en zaterdagmiddag' }, p, 's');
    expect(free.schedule).toMatchObject({ freq: 'weekly', byday: ['TH', 'FR', 'SA'] });
    expect(free.partsOfDay).toEqual(['ochtend', 'middag', 'avond']);
    const template = scheduleFromText({ days: 'donderdagavond en vrijdagochtend', time: "'s middags" }, p);
    expect(template.partsOfDay).toEqual(['ochtend', 'middag', 'avond']);
  });
  it('folds accents and reads the same rule from a monthly text in the template and in HSDS', () => {
    const p = new Problems();
    expect(parseDays('Wóensdag én vrijdág').days).toEqual(['wo', 'vr']);
    // Folded text has one space between words and none of the punctuation: these read as written.
    expect(parseFrequency('2-wekelijks')).toMatchObject({ freq: 'weekly', interval: 2 });
    expect(parseFrequency('om de  twee weken')).toMatchObject({ freq: 'weekly', interval: 2 });
    const template = scheduleFromText({ days: 'maandag', frequency: 'om de maand, de eerste en laatste' }, p);
    const hsds = scheduleFromHsds({ description: 'Om de maand: de eerste en laatste maandag' }, p, 's');
    expect(template.schedule).toMatchObject({ freq: 'monthly', interval: 2, byday: ['1MO', '-1MO'] });
    expect(hsds.schedule).toMatchObject({ freq: 'monthly', interval: 2, byday: ['1MO', '-1MO'] });
  });
  it('counts an evening that runs past midnight as evening', () => {
    expect(scheduleFacets([{ freq: 'weekly', interval: 1, byday: ['SA'], bymonthday: [], opensAt: '21:00', closesAt: '01:00', validFrom: null, validTo: null, date: null, description: null }])).toEqual({ days: ['za'], partsOfDay: ['avond'] });
  });
});

describe('cost', () => {
  it.each([
    ['gratis', true, null],
    ['Gratis', true, null],
    ['geen kosten', true, null],
    ['€ 0,00', true, null],
    ['0', true, null],
    ['€ 2,50 per keer', false, '€ 2,50 per keer'],
    ['vrijwillige bijdrage', true, 'vrijwillige bijdrage'],
    ['gratis, koffie € 1', true, 'gratis, koffie € 1'],
    ['', null, null],
  ] as const)('%j', (input, free, description) => {
    expect(parseCostText(input)).toEqual({ free, description });
  });
  it('reads HSDS cost options: any positive amount means not free', () => {
    expect(costFromHsds([{ option: 'Under 18s and Over 60s', currency: 'gbp', amount: 35, amount_description: 'per 1 hour session' }], null)).toEqual({
      free: false,
      description: 'Under 18s and Over 60s: GBP 35 per 1 hour session',
    });
    expect(costFromHsds([{ amount: 0, currency: 'EUR' }], null)).toEqual({ free: true, description: '€ 0,-' });
    expect(costFromHsds([], 'Gratis')).toEqual({ free: true, description: null });
  });
  it.each([
    [
      'the amount description already states the amount: no label, no amount, no repeated sentence',
      [{ option: 'Per maaltijd', currency: 'EUR', amount: 4.5, amount_description: '€ 4,50 per maaltijd' }],
      'Een maaltijd kost € 4,50. Met de U-pas doet u gratis mee.',
      { free: false, description: '€ 4,50 per maaltijd. Met de U-pas doet u gratis mee.' },
    ],
    [
      'a clause of a repeated sentence that adds something stays',
      [{ option: 'Per keer', currency: 'EUR', amount: 3, amount_description: '€ 3 per keer' }],
      'Een keer meedoen kost € 3, inclusief koffie of thee.',
      { free: false, description: '€ 3 per keer, inclusief koffie of thee.' },
    ],
    [
      'free said three times is said once, in the fuller words',
      [{ option: 'Gratis', currency: 'EUR', amount: 0, amount_description: 'Gratis' }],
      'Meedoen is gratis.',
      { free: true, description: 'Meedoen is gratis.' },
    ],
    [
      'a description without amount that a sentence says in full gives way to it',
      [{ option: 'Vrijwillige bijdrage', currency: 'EUR', amount_description: 'Vrijwillige bijdrage' }],
      'Meedoen is gratis. Een vrijwillige bijdrage voor koffie en materiaal wordt gewaardeerd.',
      { free: true, description: 'Meedoen is gratis. Een vrijwillige bijdrage voor koffie en materiaal wordt gewaardeerd.' },
    ],
    [
      'the amount is added when only fees_description is silent about it, and stated once',
      [{ option: 'Per keer', currency: 'EUR', amount: 2 }],
      'Met de Rotterdampas krijgt u korting.',
      { free: false, description: 'Per keer: € 2,-. Met de Rotterdampas krijgt u korting.' },
    ],
    [
      'an amount in fees_description counts as stated',
      [{ option: 'Per keer', currency: 'EUR', amount: 2 }],
      'Een keer kost € 2.',
      { free: false, description: 'Per keer. Een keer kost € 2.' },
    ],
    [
      'two options keep their labels apart',
      [
        { option: 'Volwassenen', currency: 'EUR', amount: 5, amount_description: 'per les' },
        { option: 'Kinderen', currency: 'EUR', amount: 2.5, amount_description: 'per les' },
      ],
      null,
      { free: false, description: 'Volwassenen: € 5,- per les; Kinderen: € 2,50 per les' },
    ],
  ] as const)('one cost line: %s', (_, options, fees, expected) => {
    expect(costFromHsds(options, fees)).toEqual(expected);
  });
});

describe('categorization', () => {
  it.each([
    ['Wandelgroep De Stappers', 'walking_nature'],
    ['Buurtkoor Zingen voor je plezier', 'music_dance'],
    ['Schilderen en tekenen voor 55+', 'creative'],
    ['Moestuin aan de Vecht', 'walking_nature'],
    ['Taalcafé: oefen je Nederlands', 'learning'],
    ['Lotgenotengroep na verlies van je partner', 'peer_support'],
    ['Hulp bij thuisadministratie en formulieren', 'money_admin'],
  ])('%j → %s by keyword rules', (title, key) => {
    expect(categoriesByRules(title)).toContain(key);
  });
  it('ignores false friends ("gratis parkeren" is not a park)', () => {
    expect(categoriesByRules('Bingo in het buurthuis, gratis parkeren')).toEqual(['social_contact']);
  });
  it('feed taxonomy terms win over rules', () => {
    const c = categorize({ feedCategories: ['Bewegen & sport', 'onbekend'], feedNeeds: [], title: 'Wandelen', description: '' });
    expect(c.categories).toEqual(['exercise']);
    expect(c.categorySource).toBe('feed');
    expect(c.categoryLabels).toEqual(['Bewegen & sport', 'Exercise & sport']);
    expect(c.pgDimensions).toEqual(['lichaamsfuncties', 'dagelijks_functioneren']);
  });
  it('without feed terms uses rules and derives needs transparently', () => {
    const c = categorize({ feedCategories: [], feedNeeds: [], title: 'Wandelgroep', description: 'Voor wie zich eenzaam voelt' });
    expect(c.categorySource).toBe('rules');
    expect(c.categories).toEqual(['walking_nature']);
    expect(c.needs).toContain('eenzaamheid'); // named in the text
    expect(c.needs).toContain('stress'); // walking helps with stress
    expect(c.needLabels).toContain('Eenzaamheid');
  });
  it('feed needs win over derived needs; nothing matched is "none"', () => {
    expect(categorize({ feedCategories: [], feedNeeds: ['rouw'], title: 'Wandelgroep', description: '' })).toMatchObject({ categorySource: 'mixed', needs: ['rouw'] });
    expect(categorize({ feedCategories: [], feedNeeds: [], title: 'Community Counselling', description: 'mental health' })).toMatchObject({ categorySource: 'none', categories: [], needs: [] });
  });
});

describe('places', () => {
  const paths = { lat: 'lat', lng: 'lng', postcode: 'postcode', country: 'country', location: 'postcode' };
  it('normalizes the postcode and geocodes it to the PC4 centroid', () => {
    const p = new Problems();
    const r = resolvePlace({ postcode: '3511ab', street: 'Oudegracht 1' }, false, p, paths);
    expect(r?.location).toMatchObject({ postcode: '3511 AB', city: 'Utrecht', gemeente: 'Utrecht' });
    expect(r?.geo?.lat).toBeCloseTo(52.09, 1);
    expect(p.errors).toEqual([]);
  });
  it('feed coordinates win over the postcode', () => {
    const r = resolvePlace({ postcode: '3511 AB', lat: '51.85', lng: '5.86' }, false, new Problems(), paths);
    expect(r?.geo).toEqual({ lat: 51.85, lng: 5.86 });
  });
  it.each([
    [{ lat: 100, lng: 101, postcode: '3511 AB' }, 'coordinates_invalid', 'lat'],
    [{ lat: 52, lng: 200 }, 'coordinates_invalid', 'lng'],
    [{ lat: 48.85, lng: 2.35 }, 'coordinates_outside_nl', 'lat'],
    [{ postcode: '12345' }, 'postcode_invalid', 'postcode'],
    [{ postcode: '1234 SS' }, 'postcode_invalid', 'postcode'],
    [{ postcode: '3511 AB', country: 'BE' }, 'country_not_nl', 'country'],
    [{ city: 'Utrecht' }, 'location_missing', 'postcode'],
  ])('rejects %j with %s', (input, code, path) => {
    const p = new Problems();
    expect(resolvePlace(input, false, p, paths)).toBeUndefined();
    expect(p.errors[0]).toMatchObject({ code, path });
    expect(p.errors[0]!.nl).not.toBe(p.errors[0]!.en);
  });
  it('an online activity needs no place; a bad postcode is then only a warning', () => {
    const p = new Problems();
    expect(resolvePlace({}, true, p, paths)).toEqual({ location: null, geo: null });
    expect(resolvePlace({ postcode: 'onbekend' }, true, p, paths)).toEqual({ location: null, geo: null });
    expect(p.errors).toEqual([]);
    expect(p.warnings.map((w) => w.code)).toEqual(['postcode_invalid']);
  });
});

describe('ids', () => {
  it('are Meilisearch-safe, stable and distinct', () => {
    expect(activityId('utrecht', 'ac148810-d857', 'loc-1')).toBe('utrecht_ac148810-d857_loc-1');
    const a = activityId('feed', 'a/b');
    const b = activityId('feed', 'a b');
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(activityId('feed', 'a/b')).toBe(a);
    expect(activityId('x', 'é'.repeat(600)).length).toBeLessThan(511);
  });
  it('derive the source from a file name or URL', () => {
    expect(sourceNameOf('/data/feeds/Utrecht Welzijn.csv')).toBe('utrecht-welzijn');
    expect(sourceNameOf('feeds/pakket/datapackage.json')).toBe('pakket');
    expect(sourceNameOf('feeds/groot.ndjson')).toBe('groot');
    expect(sourceNameOf('https://api.example.nl/hsds/services')).toBe('api-example-nl-hsds');
  });
});
