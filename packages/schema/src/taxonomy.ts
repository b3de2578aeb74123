/**
 * The Sociale Kaart taxonomy: categories of welzijn activities, referral needs
 * (the reason a GP refers), Positieve Gezondheid dimensions and 4D domains.
 * Labels are Dutch (B1) and English. Keys are stable API values: never rename one.
 */

import type { DayKey, PartOfDay } from './days.js';

export { DAY_KEYS, PARTS_OF_DAY, type DayKey, type PartOfDay } from './days.js';

export type Lang = 'nl' | 'en';
export interface Label {
  nl: string;
  en: string;
}

export const PG_DIMENSION_KEYS = [
  'lichaamsfuncties',
  'mentaal_welbevinden',
  'zingeving',
  'kwaliteit_van_leven',
  'meedoen',
  'dagelijks_functioneren',
] as const;
export type PgDimensionKey = (typeof PG_DIMENSION_KEYS)[number];

export const pgDimensions: ReadonlyArray<{ key: PgDimensionKey; label: Label }> = [
  { key: 'lichaamsfuncties', label: { nl: 'Lichaamsfuncties', en: 'Bodily functions' } },
  { key: 'mentaal_welbevinden', label: { nl: 'Mentaal welbevinden', en: 'Mental well-being' } },
  { key: 'zingeving', label: { nl: 'Zingeving', en: 'Meaningfulness' } },
  { key: 'kwaliteit_van_leven', label: { nl: 'Kwaliteit van leven', en: 'Quality of life' } },
  { key: 'meedoen', label: { nl: 'Meedoen', en: 'Participation' } },
  { key: 'dagelijks_functioneren', label: { nl: 'Dagelijks functioneren', en: 'Daily functioning' } },
];

export const DOMAIN_4D_KEYS = ['lichaam', 'geest', 'maatschappelijk', 'sociaal'] as const;
export type Domain4dKey = (typeof DOMAIN_4D_KEYS)[number];

export const domains4d: ReadonlyArray<{ key: Domain4dKey; label: Label }> = [
  { key: 'lichaam', label: { nl: 'Lichaam', en: 'Body' } },
  { key: 'geest', label: { nl: 'Geest', en: 'Mind' } },
  { key: 'maatschappelijk', label: { nl: 'Maatschappelijk', en: 'Society' } },
  { key: 'sociaal', label: { nl: 'Sociaal', en: 'Social' } },
];

export const CATEGORY_KEYS = [
  'social_contact',
  'cooking_eating',
  'exercise',
  'walking_nature',
  'creative',
  'music_dance',
  'volunteering',
  'learning',
  'peer_support',
  'grief_loss',
  'mental_resilience',
  'meaning',
  'buddy',
  'money_admin',
  'work_daytime',
  'informal_care',
  'practical_help',
] as const;
export type CategoryKey = (typeof CATEGORY_KEYS)[number];

export interface Category {
  key: CategoryKey;
  label: Label;
  pgDimensions: PgDimensionKey[];
  domains4d: Domain4dKey[];
  /**
   * Dutch word stems used by the indexer's transparent keyword rules when a feed
   * carries no taxonomy of ours. Matched at the start of a word, case- and accent-insensitive.
   */
  keywords: string[];
}

export const categories: ReadonlyArray<Category> = [
  {
    key: 'social_contact',
    label: { nl: 'Ontmoeting', en: 'Meeting people' },
    pgDimensions: ['meedoen', 'kwaliteit_van_leven'],
    domains4d: ['sociaal'],
    keywords: ['ontmoet', 'inloop', 'koffieochtend', 'koffie-ochtend', 'buurtkamer', 'huiskamer', 'soos', 'spelletjes', 'bingo', 'klaverjas', 'sjoel', 'gezellig', 'praatgroep', 'buurthuis'],
  },
  {
    key: 'cooking_eating',
    label: { nl: 'Samen koken & eten', en: 'Cooking & eating together' },
    pgDimensions: ['meedoen', 'lichaamsfuncties'],
    domains4d: ['sociaal', 'lichaam'],
    keywords: ['kook', 'koken', 'maaltijd', 'samen eten', 'eettafel', 'buurtrestaurant', 'lunch', 'diner', 'eetcafé', 'eetcafe'],
  },
  {
    key: 'exercise',
    label: { nl: 'Bewegen & sport', en: 'Exercise & sport' },
    pgDimensions: ['lichaamsfuncties', 'dagelijks_functioneren'],
    domains4d: ['lichaam'],
    keywords: ['beweeg', 'beweging', 'bewegen', 'sport', 'gym', 'fitness', 'yoga', 'tai chi', 'zwem', 'fiets', 'valpreventie', 'stoelgym', 'pilates', 'jeu de boules', 'dans'],
  },
  {
    key: 'walking_nature',
    label: { nl: 'Wandelen & natuur', en: 'Walking & nature' },
    pgDimensions: ['lichaamsfuncties', 'mentaal_welbevinden'],
    domains4d: ['lichaam', 'geest'],
    keywords: ['wandel', 'natuur', 'moestuin', 'tuinier', 'buurttuin', 'groen', 'park', 'stadslandbouw', 'bos'],
  },
  {
    key: 'creative',
    label: { nl: 'Creatief & cultuur', en: 'Arts & culture' },
    pgDimensions: ['zingeving', 'mentaal_welbevinden'],
    domains4d: ['geest', 'sociaal'],
    keywords: ['schilder', 'teken', 'creatief', 'handwerk', 'brei', 'haak', 'naai', 'atelier', 'museum', 'kunst', 'fotografie', 'toneel', 'theater', 'schrijf', 'boekenclub', 'leesclub', 'keramiek', 'klei'],
  },
  {
    key: 'music_dance',
    label: { nl: 'Muziek, zang & dans', en: 'Music, singing & dance' },
    pgDimensions: ['mentaal_welbevinden', 'meedoen'],
    domains4d: ['geest', 'sociaal'],
    keywords: ['koor', 'zing', 'zang', 'muziek', 'dans', 'ukelele', 'gitaar', 'drum', 'songfestival'],
  },
  {
    key: 'volunteering',
    label: { nl: 'Vrijwilligerswerk', en: 'Volunteering' },
    pgDimensions: ['zingeving', 'meedoen'],
    domains4d: ['maatschappelijk', 'sociaal'],
    keywords: ['vrijwillig', 'vrijwilligerswerk', 'vrijwilligers', 'meehelpen', 'helpende hand'],
  },
  {
    key: 'learning',
    label: { nl: 'Leren & cursussen', en: 'Learning & courses' },
    pgDimensions: ['meedoen', 'dagelijks_functioneren'],
    domains4d: ['maatschappelijk', 'geest'],
    keywords: ['cursus', 'les', 'leer', 'taalcafé', 'taalcafe', 'taalles', 'taalmaatje', 'nederlands leren', 'computer', 'digitaal', 'digi', 'workshop', 'training', 'lezing', 'nt2', 'inburger'],
  },
  {
    key: 'peer_support',
    label: { nl: 'Lotgenotencontact', en: 'Peer support' },
    pgDimensions: ['mentaal_welbevinden', 'meedoen'],
    domains4d: ['sociaal', 'geest'],
    keywords: ['lotgenot', 'zelfhulp', 'gespreksgroep', 'ervaringsdeskundig', 'praatgroep', 'steungroep'],
  },
  {
    key: 'grief_loss',
    label: { nl: 'Rouw & verlies', en: 'Grief & loss' },
    pgDimensions: ['mentaal_welbevinden', 'zingeving'],
    domains4d: ['geest'],
    keywords: ['rouw', 'verlies', 'overlijden', 'overleden', 'nabestaand', 'weduw', 'afscheid'],
  },
  {
    key: 'mental_resilience',
    label: { nl: 'Mentale veerkracht & stress', en: 'Mental resilience & stress' },
    pgDimensions: ['mentaal_welbevinden', 'dagelijks_functioneren'],
    domains4d: ['geest'],
    keywords: ['stress', 'veerkracht', 'mindful', 'ontspann', 'burn', 'piekeren', 'somber', 'angst', 'slaap', 'weerbaar', 'adem', 'meditatie', 'grip op je dip'],
  },
  {
    key: 'meaning',
    label: { nl: 'Zingeving', en: 'Meaning & purpose' },
    pgDimensions: ['zingeving', 'kwaliteit_van_leven'],
    domains4d: ['geest'],
    keywords: ['zingeving', 'levensvragen', 'levensverhaal', 'geestelijk verzorg', 'levensbeschouw', 'bezinning', 'stilte', 'filosofie', 'gespreksavond'],
  },
  {
    key: 'buddy',
    label: { nl: 'Maatje & bezoekdienst', en: 'Buddy & home visits' },
    pgDimensions: ['meedoen', 'kwaliteit_van_leven'],
    domains4d: ['sociaal'],
    keywords: ['maatje', 'buddy', 'bezoekdienst', 'huisbezoek', 'bezoekvrijwilliger', 'vriendschappelijk', 'belcirkel', 'telefooncirkel', 'luisterlijn'],
  },
  {
    key: 'money_admin',
    label: { nl: 'Geldzaken & administratie', en: 'Money & paperwork' },
    pgDimensions: ['dagelijks_functioneren', 'kwaliteit_van_leven'],
    domains4d: ['maatschappelijk'],
    keywords: ['geld', 'schuld', 'budget', 'administratie', 'formulier', 'thuisadministratie', 'belasting', 'toeslag', 'schuldhulp', 'financ', 'rondkomen'],
  },
  {
    key: 'work_daytime',
    label: { nl: 'Werk & dagbesteding', en: 'Work & day activities' },
    pgDimensions: ['meedoen', 'zingeving', 'dagelijks_functioneren'],
    domains4d: ['maatschappelijk'],
    keywords: ['dagbesteding', 'werk', 'werkplaats', 'sollicit', 'dagritme', 'participatie', 'leerwerk', 're-integratie', 'reintegratie', 'klussen'],
  },
  {
    key: 'informal_care',
    label: { nl: 'Mantelzorgondersteuning', en: 'Support for carers' },
    pgDimensions: ['kwaliteit_van_leven', 'mentaal_welbevinden'],
    domains4d: ['sociaal', 'maatschappelijk'],
    keywords: ['mantelzorg', 'respijt', 'zorgen voor een naaste', 'dementie', 'alzheimer'],
  },
  {
    key: 'practical_help',
    label: { nl: 'Praktische hulp thuis', en: 'Practical help at home' },
    pgDimensions: ['dagelijks_functioneren'],
    domains4d: ['maatschappelijk', 'lichaam'],
    keywords: ['klus', 'boodschap', 'vervoer', 'boodschappendienst', 'tuinonderhoud', 'huishoud', 'hulpdienst', 'rijdienst', 'formulierenhulp', 'repair', 'reparatie'],
  },
];

export const NEED_KEYS = [
  'eenzaamheid',
  'rouw',
  'stress',
  'somberheid',
  'angst',
  'slaapproblemen',
  'vermoeidheid',
  'geldzorgen',
  'zelfvertrouwen',
  'zinloosheid',
  'mantelzorgbelasting',
  'weinig_beweging',
  'overgewicht',
  'taalachterstand',
  'werkloosheid',
  'chronische_pijn',
  'geheugenproblemen',
] as const;
export type NeedKey = (typeof NEED_KEYS)[number];

export interface Need {
  key: NeedKey;
  label: Label;
  /** The categories that usually help with this need, most helpful first. */
  categories: CategoryKey[];
  /** Dutch words people (and GPs) use for this need; lower case. */
  synonyms: string[];
}

export const needs: ReadonlyArray<Need> = [
  {
    key: 'eenzaamheid',
    label: { nl: 'Eenzaamheid', en: 'Loneliness' },
    categories: ['social_contact', 'buddy', 'cooking_eating', 'volunteering', 'music_dance', 'creative', 'walking_nature'],
    synonyms: ['eenzaam', 'alleen', 'geen contact', 'weinig contact', 'sociaal isolement', 'geïsoleerd', 'niemand om mee te praten', 'alleenstaand'],
  },
  {
    key: 'rouw',
    label: { nl: 'Rouw en verlies', en: 'Grief and loss' },
    categories: ['grief_loss', 'peer_support', 'meaning', 'buddy'],
    synonyms: ['rouw', 'verlies', 'overlijden', 'partner overleden', 'verdriet', 'nabestaande', 'weduwe', 'weduwnaar'],
  },
  {
    key: 'stress',
    label: { nl: 'Stress en spanning', en: 'Stress and tension' },
    categories: ['mental_resilience', 'walking_nature', 'exercise', 'creative'],
    synonyms: ['stress', 'spanning', 'gespannen', 'overspannen', 'burn-out', 'burnout', 'druk', 'onrust'],
  },
  {
    key: 'somberheid',
    label: { nl: 'Somberheid', en: 'Low mood' },
    categories: ['mental_resilience', 'walking_nature', 'exercise', 'social_contact', 'creative', 'peer_support'],
    synonyms: ['somber', 'neerslachtig', 'down', 'dip', 'depressief', 'lusteloos', 'verdrietig'],
  },
  {
    key: 'angst',
    label: { nl: 'Angst en piekeren', en: 'Anxiety and worrying' },
    categories: ['mental_resilience', 'peer_support', 'walking_nature'],
    synonyms: ['angst', 'angstig', 'bang', 'piekeren', 'piekert', 'zorgen maken', 'paniek', 'onzeker'],
  },
  {
    key: 'slaapproblemen',
    label: { nl: 'Slaapproblemen', en: 'Sleep problems' },
    categories: ['mental_resilience', 'exercise', 'walking_nature'],
    synonyms: ['slecht slapen', 'slapeloosheid', 'niet kunnen slapen', 'doorslapen', 'inslapen', 'slaap'],
  },
  {
    key: 'vermoeidheid',
    label: { nl: 'Vermoeidheid en weinig energie', en: 'Fatigue and low energy' },
    categories: ['exercise', 'walking_nature', 'mental_resilience', 'work_daytime'],
    synonyms: ['moe', 'vermoeid', 'weinig energie', 'geen energie', 'uitgeput', 'futloos'],
  },
  {
    key: 'geldzorgen',
    label: { nl: 'Geldzorgen en schulden', en: 'Money worries and debt' },
    categories: ['money_admin', 'practical_help'],
    synonyms: ['geldzorgen', 'schulden', 'schuld', 'geldproblemen', 'rondkomen', 'armoede', 'rekeningen', 'betalingsachterstand', 'post', 'administratie'],
  },
  {
    key: 'zelfvertrouwen',
    label: { nl: 'Weinig zelfvertrouwen', en: 'Low self-confidence' },
    categories: ['learning', 'volunteering', 'peer_support', 'creative', 'mental_resilience'],
    synonyms: ['zelfvertrouwen', 'onzeker', 'zelfbeeld', 'eigenwaarde', 'assertief', 'weerbaarheid'],
  },
  {
    key: 'zinloosheid',
    label: { nl: 'Zinloosheid', en: 'Lack of purpose' },
    categories: ['meaning', 'volunteering', 'work_daytime', 'creative'],
    synonyms: ['zinloos', 'zingeving', 'geen doel', 'leegte', 'levensvragen', 'nut'],
  },
  {
    key: 'mantelzorgbelasting',
    label: { nl: 'Zware mantelzorg', en: 'Carer strain' },
    categories: ['informal_care', 'peer_support', 'practical_help', 'mental_resilience'],
    synonyms: ['mantelzorg', 'mantelzorger', 'overbelast', 'zorgen voor partner', 'zorgen voor ouder', 'respijtzorg'],
  },
  {
    key: 'weinig_beweging',
    label: { nl: 'Weinig beweging', en: 'Too little exercise' },
    categories: ['exercise', 'walking_nature', 'music_dance'],
    synonyms: ['bewegen', 'beweging', 'weinig bewegen', 'inactief', 'stilzitten', 'conditie', 'sporten'],
  },
  {
    key: 'overgewicht',
    label: { nl: 'Overgewicht', en: 'Overweight' },
    categories: ['exercise', 'cooking_eating', 'walking_nature'],
    synonyms: ['overgewicht', 'gewicht', 'afvallen', 'obesitas', 'gezond eten', 'leefstijl'],
  },
  {
    key: 'taalachterstand',
    label: { nl: 'Moeite met Nederlandse taal', en: 'Difficulty with Dutch' },
    categories: ['learning', 'social_contact', 'volunteering'],
    synonyms: ['taal', 'taalachterstand', 'laaggeletterd', 'laaggeletterdheid', 'nederlands leren', 'inburgering', 'lezen en schrijven', 'nieuwkomer'],
  },
  {
    key: 'werkloosheid',
    label: { nl: 'Geen werk of dagritme', en: 'No work or daily routine' },
    categories: ['work_daytime', 'volunteering', 'learning'],
    synonyms: ['werkloos', 'geen werk', 'uitkering', 'dagritme', 'geen dagbesteding', 'dagstructuur', 'thuis zitten'],
  },
  {
    key: 'chronische_pijn',
    label: { nl: 'Leven met pijn of ziekte', en: 'Living with pain or illness' },
    categories: ['peer_support', 'exercise', 'mental_resilience'],
    synonyms: ['pijn', 'chronisch ziek', 'chronische pijn', 'reuma', 'artrose', 'fibromyalgie', 'long covid'],
  },
  {
    key: 'geheugenproblemen',
    label: { nl: 'Geheugenproblemen', en: 'Memory problems' },
    categories: ['social_contact', 'informal_care', 'exercise', 'music_dance'],
    synonyms: ['vergeetachtig', 'geheugen', 'dementie', 'alzheimer', 'geheugenklachten'],
  },
];

export const AUDIENCE_KEYS = ['ouderen', 'volwassenen', 'jongeren', 'kinderen', 'gezinnen', 'mantelzorgers', 'nieuwkomers'] as const;
export type AudienceKey = (typeof AUDIENCE_KEYS)[number];
export const audiences: ReadonlyArray<{ key: AudienceKey; label: Label; synonyms: string[] }> = [
  { key: 'ouderen', label: { nl: 'Ouderen', en: 'Older people' }, synonyms: ['senioren', '55+', '65+', 'ouderen', 'oudere'] },
  { key: 'volwassenen', label: { nl: 'Volwassenen', en: 'Adults' }, synonyms: ['volwassenen', 'volwassene', '18+'] },
  { key: 'jongeren', label: { nl: 'Jongeren', en: 'Young people' }, synonyms: ['jongeren', 'jeugd', 'tieners', 'jongvolwassenen'] },
  { key: 'kinderen', label: { nl: 'Kinderen', en: 'Children' }, synonyms: ['kinderen', 'kids', 'kind'] },
  { key: 'gezinnen', label: { nl: 'Gezinnen', en: 'Families' }, synonyms: ['gezinnen', 'gezin', 'ouders', 'ouder en kind', 'familie'] },
  { key: 'mantelzorgers', label: { nl: 'Mantelzorgers', en: 'Carers' }, synonyms: ['mantelzorgers', 'mantelzorger'] },
  { key: 'nieuwkomers', label: { nl: 'Nieuwkomers', en: 'Newcomers' }, synonyms: ['nieuwkomers', 'statushouders', 'vluchtelingen', 'migranten', 'anderstaligen'] },
];

export const days: ReadonlyArray<{ key: DayKey; rrule: string; label: Label }> = [
  { key: 'ma', rrule: 'MO', label: { nl: 'maandag', en: 'Monday' } },
  { key: 'di', rrule: 'TU', label: { nl: 'dinsdag', en: 'Tuesday' } },
  { key: 'wo', rrule: 'WE', label: { nl: 'woensdag', en: 'Wednesday' } },
  { key: 'do', rrule: 'TH', label: { nl: 'donderdag', en: 'Thursday' } },
  { key: 'vr', rrule: 'FR', label: { nl: 'vrijdag', en: 'Friday' } },
  { key: 'za', rrule: 'SA', label: { nl: 'zaterdag', en: 'Saturday' } },
  { key: 'zo', rrule: 'SU', label: { nl: 'zondag', en: 'Sunday' } },
];

export const partsOfDay: ReadonlyArray<{ key: PartOfDay; label: Label; from: string; to: string }> = [
  { key: 'ochtend', label: { nl: 'Ochtend', en: 'Morning' }, from: '06:00', to: '12:00' },
  { key: 'middag', label: { nl: 'Middag', en: 'Afternoon' }, from: '12:00', to: '18:00' },
  { key: 'avond', label: { nl: 'Avond', en: 'Evening' }, from: '18:00', to: '24:00' },
];

export const STATUS_KEYS = ['active', 'inactive', 'temporarily_closed'] as const;
export type StatusKey = (typeof STATUS_KEYS)[number];
export const statuses: ReadonlyArray<{ key: StatusKey; label: Label }> = [
  { key: 'active', label: { nl: 'Actief', en: 'Active' } },
  { key: 'inactive', label: { nl: 'Gestopt', en: 'Inactive' } },
  { key: 'temporarily_closed', label: { nl: 'Tijdelijk gesloten', en: 'Temporarily closed' } },
];

const categoryByKey = new Map(categories.map((c) => [c.key, c]));
const needByKey = new Map(needs.map((n) => [n.key, n]));

export function getCategory(key: string): Category | undefined {
  return categoryByKey.get(key as CategoryKey);
}
export function getNeed(key: string): Need | undefined {
  return needByKey.get(key as NeedKey);
}
export function isCategoryKey(key: string): key is CategoryKey {
  return categoryByKey.has(key as CategoryKey);
}
export function isNeedKey(key: string): key is NeedKey {
  return needByKey.has(key as NeedKey);
}

/** Lower case, accents removed, runs of non-alphanumerics collapsed to one space. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9+]+/g, ' ')
    .trim();
}

const categoryLookup = new Map<string, CategoryKey>();
for (const c of categories) {
  for (const s of [c.key, c.label.nl, c.label.en]) categoryLookup.set(foldText(s), c.key);
}
/** A category key from a key or a Dutch/English label, as written in a feed or spreadsheet. */
export function resolveCategory(input: string): CategoryKey | undefined {
  return categoryLookup.get(foldText(input));
}

const needLookup = new Map<string, NeedKey>();
for (const n of needs) {
  for (const s of [n.key, n.label.nl, n.label.en]) needLookup.set(foldText(s), n.key);
}
for (const n of needs) {
  for (const s of n.synonyms) {
    const k = foldText(s);
    if (!needLookup.has(k)) needLookup.set(k, n.key);
  }
}
/** A need key from a key, label or Dutch synonym ("eenzaam" → eenzaamheid). */
export function resolveNeed(input: string): NeedKey | undefined {
  return needLookup.get(foldText(input));
}

const audienceLookup = new Map<string, AudienceKey>();
for (const a of audiences) {
  for (const s of [a.key, a.label.nl, a.label.en, ...a.synonyms]) audienceLookup.set(foldText(s), a.key);
}
export function resolveAudience(input: string): AudienceKey | undefined {
  return audienceLookup.get(foldText(input));
}

/** Categories that help with the given needs, de-duplicated, in need order. */
export function categoriesForNeeds(keys: readonly string[]): CategoryKey[] {
  const out = new Set<CategoryKey>();
  for (const k of keys) for (const c of getNeed(k)?.categories ?? []) out.add(c);
  return [...out];
}

/** Needs that the given categories usually help with. */
export function needsForCategories(keys: readonly string[]): NeedKey[] {
  const set = new Set(keys);
  return needs.filter((n) => n.categories.some((c) => set.has(c))).map((n) => n.key);
}

export function categoryLabel(key: string, lang: Lang = 'nl'): string {
  return getCategory(key)?.label[lang] ?? key;
}
export function needLabel(key: string, lang: Lang = 'nl'): string {
  return getNeed(key)?.label[lang] ?? key;
}
