// Deterministic test activities around Utrecht, valid against the activity schema,
// plus one raw hostile record (inserted without validation) that the indexer would
// have cleaned: it proves the widget itself renders untrusted text safely.
import { activitySchema, categoryLabel, getCategory, getNeed, needLabel } from '@sociale-kaart/schema';

const LAST_MODIFIED = '2026-01-05T09:00:00+01:00';
const CENTER = { lat: 52.0907, lng: 5.1214 }; // Utrecht centre, near PC4 3511

/** Short description of each test activity; everything else is derived. */
const SEEDS = [
  { key: 'koffie-buurtkamer', title: 'Koffieochtend in de Buurtkamer', org: 'Buurtteam Oost', cats: ['social_contact'], needs: ['eenzaamheid'], byday: ['TU'], opens: '10:00', closes: '12:00', free: true, wheel: true, audience: ['ouderen'], wor: true, d: [0.004, 0.006], summary: 'Elke dinsdag koffie en een praatje met buurtgenoten.' },
  { key: 'wandelgroep-maxima', title: 'Wandelgroep Máximapark', org: 'Sportief Utrecht', cats: ['walking_nature', 'exercise'], needs: ['weinig_beweging', 'somberheid'], byday: ['WE'], opens: '09:30', closes: '11:00', free: true, wheel: false, audience: ['volwassenen', 'ouderen'], wor: true, d: [-0.01, -0.06], summary: 'Samen een uur wandelen in het park, in een rustig tempo.' },
  { key: 'samen-koken-lombok', title: 'Samen koken en eten in Lombok', org: 'Buurthuis Lombok', cats: ['cooking_eating', 'social_contact'], needs: ['eenzaamheid'], byday: ['TH'], opens: '17:30', closes: '20:00', free: false, cost: '€ 4 per maaltijd', wheel: true, audience: ['nieuwkomers', 'volwassenen'], wor: true, d: [0.001, -0.03], summary: 'We koken samen en eten daarna aan een lange tafel.' },
  { key: 'rouwgroep', title: 'Rouwgroep Na het verlies', org: 'Stichting Rouwzorg', cats: ['grief_loss', 'peer_support'], needs: ['rouw'], byday: ['MO'], opens: '14:00', closes: '16:00', free: true, wheel: true, audience: ['volwassenen'], wor: true, referral: true, d: [0.012, 0.015], summary: 'Lotgenoten praten over het verlies van een dierbare.' },
  { key: 'stoelgym', title: 'Stoelgym voor senioren', org: 'Sportief Utrecht', cats: ['exercise'], needs: ['weinig_beweging'], byday: ['FR'], opens: '10:00', closes: '11:00', free: false, cost: '€ 2 per keer', wheel: true, audience: ['ouderen'], wor: false, d: [0.02, 0.01] },
  { key: 'schilderatelier', title: 'Schilderatelier De Kleur', org: 'Atelier De Kleur', cats: ['creative'], needs: ['somberheid', 'zinloosheid'], byday: ['SA'], opens: '13:00', closes: '16:00', free: false, cost: '€ 5 inclusief materiaal', wheel: false, audience: ['volwassenen'], wor: true, d: [-0.015, 0.02] },
  { key: 'buurtkoor', title: 'Buurtkoor Zuilen zingt', org: 'Muziekhuis Zuilen', cats: ['music_dance'], needs: ['eenzaamheid'], byday: ['TU'], opens: '19:30', closes: '21:30', free: false, cost: '€ 3 per keer', wheel: true, audience: ['ouderen', 'volwassenen'], wor: false, d: [0.03, -0.02] },
  { key: 'taalcafe', title: 'Taalcafé Overvecht', org: 'Bibliotheek Utrecht', cats: ['learning', 'social_contact'], needs: ['taalachterstand'], byday: ['WE'], opens: '14:00', closes: '16:00', free: true, wheel: true, audience: ['nieuwkomers'], wor: true, d: [0.035, 0.02] },
  { key: 'geldzaken', title: 'Spreekuur Geldzaken op orde', org: 'Buurtteam Oost', cats: ['money_admin'], needs: ['geldzorgen'], byday: ['TH'], opens: '09:00', closes: '12:00', free: true, wheel: true, audience: ['volwassenen'], wor: true, referral: true, d: [0.006, 0.01] },
  { key: 'maatje', title: 'Maatje voor ontmoeting', org: 'Humanitas Utrecht', cats: ['buddy'], needs: ['eenzaamheid'], byday: [], free: true, wheel: null, audience: ['ouderen'], wor: true, d: [0.008, -0.004] },
  { key: 'mindfulness-online', title: 'Mindfulness training online', org: 'Veerkracht Online', cats: ['mental_resilience'], needs: ['stress', 'angst'], byday: ['MO'], opens: '19:00', closes: '20:30', free: false, cost: '€ 25 voor 8 lessen', wheel: null, audience: ['volwassenen'], wor: false, online: true, d: null },
  { key: 'mantelzorgcafe', title: 'Mantelzorgcafé Noord', org: 'Steunpunt Mantelzorg', cats: ['informal_care'], needs: ['mantelzorgbelasting'], byday: ['FR'], opens: '14:00', closes: '16:00', free: true, wheel: true, audience: ['mantelzorgers'], wor: true, d: [0.025, 0.005] },
  { key: 'moestuin', title: 'Moestuin De Groene Vingers', org: 'Buurttuin Utrecht', cats: ['walking_nature', 'volunteering'], needs: ['zinloosheid'], byday: ['SA'], opens: '09:00', closes: '12:00', free: true, wheel: false, audience: ['volwassenen', 'gezinnen'], wor: true, d: [-0.02, -0.01] },
  { key: 'jongereninloop', title: 'Inloop voor jongeren', org: 'Jongerenwerk Utrecht', cats: ['social_contact'], needs: ['zelfvertrouwen'], byday: ['FR'], opens: '19:00', closes: '22:00', free: true, wheel: true, audience: ['jongeren'], wor: false, d: [0.015, -0.025] },
  { key: 'repaircafe', title: 'Repair Café Oost', org: 'Repair Café Utrecht', cats: ['practical_help', 'volunteering'], needs: [], byday: ['SA'], opens: '13:00', closes: '16:00', free: true, wheel: true, audience: ['volwassenen'], wor: false, d: [0.005, 0.025] },
  { key: 'welzijnscoach', title: 'Welzijnscoach Utrecht (Welzijn op Recept)', org: 'Welzijn Utrecht', cats: ['mental_resilience', 'social_contact'], needs: ['eenzaamheid', 'somberheid', 'stress', 'geldzorgen'], byday: ['MO', 'WE'], opens: '09:00', closes: '17:00', free: true, wheel: true, audience: ['volwassenen', 'ouderen'], wor: true, coach: true, referral: true, d: [0.0, 0.0], summary: 'De welzijnscoach zoekt samen met u naar activiteiten die passen.' },
  { key: 'yoga-ochtend', title: 'Zachte yoga in de ochtend', org: 'Sportief Utrecht', cats: ['exercise', 'mental_resilience'], needs: ['stress', 'slaapproblemen'], byday: ['TH'], opens: '09:00', closes: '10:00', free: false, cost: '€ 4 per les', wheel: false, audience: ['volwassenen'], wor: true, d: [-0.005, 0.015] },
  { key: 'levensvragen', title: 'Gespreksavond over levensvragen', org: 'Huis van de Stilte', cats: ['meaning'], needs: ['zinloosheid'], monthly: ['1WE'], opens: '19:30', closes: '21:30', free: true, wheel: true, audience: ['volwassenen'], wor: true, d: [0.01, 0.03] },
];

// Twelve plain walking groups spread over the region: enough hits for a second page.
for (let i = 1; i <= 12; i++) {
  SEEDS.push({
    key: `beweegclub-${i}`,
    title: `Beweegclub wijk ${i}`,
    org: 'Sportief Utrecht',
    cats: ['exercise'],
    needs: ['weinig_beweging'],
    byday: [['MO', 'TU', 'WE', 'TH', 'FR'][i % 5]],
    opens: '10:00',
    closes: '11:00',
    free: i % 2 === 0,
    cost: i % 2 === 0 ? undefined : '€ 1',
    wheel: i % 3 === 0,
    audience: ['ouderen'],
    wor: false,
    d: [0.03 * Math.cos(i), 0.05 * Math.sin(i)],
  });
}

const DAY = { MO: 'ma', TU: 'di', WE: 'wo', TH: 'do', FR: 'vr', SA: 'za', SU: 'zo' };
const partOf = (opens) => (!opens ? [] : opens < '12:00' ? ['ochtend'] : opens < '18:00' ? ['middag'] : ['avond']);
const unique = (xs) => [...new Set(xs)];

function build(seed) {
  const pgDimensions = unique(seed.cats.flatMap((c) => getCategory(c).pgDimensions));
  const domains4d = unique(seed.cats.flatMap((c) => getCategory(c).domains4d));
  const byday = seed.monthly ?? seed.byday;
  const schedules = byday.length
    ? [
        {
          freq: seed.monthly ? 'monthly' : 'weekly',
          interval: 1,
          byday,
          bymonthday: [],
          opensAt: seed.opens ?? null,
          closesAt: seed.closes ?? null,
          validFrom: null,
          validTo: null,
          date: null,
          description: null,
        },
      ]
    : [];
  const geo = seed.d ? { lat: +(CENTER.lat + seed.d[0]).toFixed(5), lng: +(CENTER.lng + seed.d[1]).toFixed(5) } : undefined;
  const doc = {
    id: `test-${seed.key}`,
    serviceId: `svc-${seed.key}`,
    source: 'test',
    sourceRecordId: seed.key,
    lastModified: LAST_MODIFIED,
    lastModifiedTs: Date.parse(LAST_MODIFIED),
    assuredDate: '2026-01-05',
    title: seed.title,
    summary: seed.summary ?? `${seed.title} bij ${seed.org}.`,
    description: `${seed.summary ?? seed.title}\n\nU bent welkom zonder aanmelding, tenzij anders vermeld. Neem gerust iemand mee.`,
    organization: { id: `org-${seed.org.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, name: seed.org, website: null, kvk: null },
    categories: seed.cats,
    needs: seed.needs,
    categoryLabels: seed.cats.flatMap((c) => [categoryLabel(c, 'nl'), categoryLabel(c, 'en')]),
    needLabels: seed.needs.flatMap((n) => [needLabel(n, 'nl'), needLabel(n, 'en'), ...getNeed(n).synonyms]),
    categorySource: 'feed',
    pgDimensions,
    domains4d,
    audience: seed.audience,
    minAge: null,
    maxAge: null,
    languages: ['nl'],
    schedules,
    days: unique(byday.map((d) => DAY[d.replace(/^-?\d/, '')])),
    partsOfDay: byday.length ? partOf(seed.opens) : [],
    location: seed.d ? { name: seed.org, street: 'Teststraat 1', postcode: '3511 AB', city: 'Utrecht', gemeente: 'Utrecht' } : null,
    gemeente: seed.d ? 'Utrecht' : null,
    ...(geo ? { _geo: geo } : {}),
    online: seed.online ?? false,
    free: seed.free,
    costDescription: seed.free ? null : (seed.cost ?? null),
    wheelchairAccessible: seed.wheel,
    accessibilityNotes: seed.wheel ? 'De ruimte is gelijkvloers.' : null,
    phone: '030 123 45 67',
    email: `info@${seed.key}.example.nl`,
    url: `https://${seed.key}.example.nl/`,
    acceptsWelzijnOpRecept: seed.wor,
    referralRequired: seed.referral ?? false,
    isWelzijnscoach: seed.coach ?? false,
    intake: seed.referral ? { url: `https://${seed.key}.example.nl/aanmelden`, email: `aanmelden@${seed.key}.example.nl` } : null,
    status: 'active',
  };
  return activitySchema.parse(doc);
}

export const XSS_ID = 'test-xss-record';
export const XSS_DESCRIPTION = '<img src=x onerror=alert(1)>';
export const XSS_URL = 'javascript:alert(1)';

/** A hostile record as a careless feed would deliver it; the indexer would strip it, so it is inserted raw. */
export function hostileRecord() {
  const base = build({ key: 'xss-record', title: 'Xsstest inloop', org: 'Onbekende bron', cats: ['social_contact'], needs: [], byday: ['SU'], opens: '10:00', closes: '11:00', free: true, wheel: null, audience: ['volwassenen'], wor: false, d: [0.002, 0.002] });
  return {
    ...base,
    id: XSS_ID,
    title: 'Xsstest <b>vet</b> inloop',
    summary: XSS_DESCRIPTION,
    description: XSS_DESCRIPTION,
    url: XSS_URL,
    email: 'x@example.nl',
  };
}

export function testActivities() {
  return SEEDS.map(build);
}

export const TEST_POSTCODE = '3511';

/**
 * `n` plain activities spread over a ring of about 20 km around Utrecht (a deterministic golden-angle
 * spiral, so dense in the centre and sparse at the edge), for the map's clustering test: a search
 * for "buurtactiviteit" finds them all.
 */
export function manyActivities(n) {
  return Array.from({ length: n }, (_, i) => {
    const r = 0.18 * Math.sqrt((i + 0.5) / n);
    const a = i * 2.399963;
    return build({
      key: `many-${i + 1}`,
      title: `Buurtactiviteit ${i + 1}`,
      org: 'Buurtwerk Utrecht',
      cats: ['social_contact'],
      needs: ['eenzaamheid'],
      byday: [['MO', 'TU', 'WE', 'TH', 'FR'][i % 5]],
      opens: '10:00',
      closes: '12:00',
      free: true,
      wheel: true,
      audience: ['volwassenen'],
      wor: false,
      d: [r * Math.cos(a), 1.6 * r * Math.sin(a)],
    });
  });
}
