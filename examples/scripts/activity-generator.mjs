// Seeded, deterministic generator of realistic Dutch welzijn activities as full
// Open Referral HSDS 3.1 service records. Plain Node ESM, no dependencies.
//
//   import { generateActivities } from './activity-generator.mjs';
//   for (const service of generateActivities({ count: 100000, seed: 42, places: 'nl' })) { … }
//
// `generateActivities` is a generator function: records are produced one at a time, so a
// large count can be streamed to a file without holding the feed in memory.
//
// Conventions (see examples/feeds/README.md):
// - categories: attribute → taxonomy_term { taxonomy: 'sociale-kaart', code: <category key> }
// - needs:      attribute → taxonomy_term { taxonomy: 'sociale-kaart-need', code: <need key> }
// - audience:   attribute → taxonomy_term { taxonomy: 'sociale-kaart-doelgroep', code: <audience key> }
// - markers:    attribute → taxonomy_term { taxonomy: 'sociale-kaart', code: 'welzijn-op-recept' |
//               'welzijnscoach' | 'aanmelden-nodig' | 'online' | 'intake-url' | 'intake-email' }
//               (intake-url / intake-email carry the address in attribute.value)

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ACTIVITY_TYPES, AUDIENCE_LABELS, CATEGORY_LABELS, COMMON_STREETS, GEMEENTEN, NEED_LABELS, SLOTS, VENUE_NAMES, WELZIJNSCOACH,
} from './activity-data.mjs';

export { GEMEENTEN, CATEGORY_LABELS, NEED_LABELS, AUDIENCE_LABELS };

const HERE = dirname(fileURLToPath(import.meta.url));
export const TAXONOMY = 'sociale-kaart';
export const NEED_TAXONOMY = 'sociale-kaart-need';
export const AUDIENCE_TAXONOMY = 'sociale-kaart-doelgroep';
/** URIs of our taxonomies (URNs: the terms are defined in packages/schema/src/taxonomy.ts). */
export const TAXONOMY_URI = {
  [TAXONOMY]: 'urn:sociale-kaart:taxonomy:categories',
  [NEED_TAXONOMY]: 'urn:sociale-kaart:taxonomy:needs',
  [AUDIENCE_TAXONOMY]: 'urn:sociale-kaart:taxonomy:audiences',
};
export const MARKER_LABELS = {
  'welzijn-op-recept': 'Welzijn op Recept',
  welzijnscoach: 'Welzijnscoach (Welzijn op Recept)',
  'aanmelden-nodig': 'Aanmelden nodig',
  online: 'Online',
  'intake-url': 'Intake-adres (URL)',
  'intake-email': 'Intake-adres (e-mail)',
};

// ---------------------------------------------------------------- randomness & ids

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function mulberry32(a) {
  a >>>= 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32-bit FNV-1a hash of a string, with an optional salt. */
export function hash32(str, salt = 0) {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // final avalanche (murmur3 fmix32)
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** A deterministic UUID (version-4 shaped) derived from a string. */
export function uuidFrom(str) {
  const hex = [0x9e37, 0x85eb, 0xc2b2, 0x27d4].map((salt) => hash32(str, salt).toString(16).padStart(8, '0')).join('');
  const v = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${v}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function rngFor(...parts) {
  return mulberry32(hash32(parts.join('|')));
}
const pick = (rng, arr) => arr[Math.floor(rng() * arr.length)];
function pickWeighted(rng, arr, weight) {
  let total = 0;
  for (const x of arr) total += weight(x);
  let r = rng() * total;
  for (const x of arr) {
    r -= weight(x);
    if (r < 0) return x;
  }
  return arr[arr.length - 1];
}
const chance = (rng, p) => rng() < p;
const int = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));

// ---------------------------------------------------------------- PC4 table

let pc4Cache;
/**
 * The PC4 table of the project (GeoNames, CC BY 4.0), read from the schema package's
 * generated pc4-data.ts. Rows: { pc4, lat, lng, place }.
 */
export function loadPc4() {
  if (pc4Cache) return pc4Cache;
  const file = join(HERE, '../../packages/schema/src/pc4-data.ts');
  const src = readFileSync(file, 'utf8');
  const m = /PC4_ROWS = "([^"]*)"/.exec(src);
  if (!m) throw new Error(`no PC4_ROWS in ${file}`);
  pc4Cache = m[1].split(';').map((row) => {
    const [pc4, lat, lng, place] = row.split('|');
    return { pc4, lat: Number(lat), lng: Number(lng), place };
  });
  return pc4Cache;
}
let pc4Map;
export function pc4Lookup(pc4) {
  pc4Map ??= new Map(loadPc4().map((r) => [r.pc4, r]));
  return pc4Map.get(pc4);
}

/** Rough province of a PC4 (for state_province in 'nl' mode; the demo gemeenten set it explicitly). */
export function provinceOf(pc4) {
  const n = Number(pc4);
  const ranges = [
    [1000, 1299, 'Noord-Holland'], [1300, 1379, 'Flevoland'], [1380, 2199, 'Noord-Holland'], [2200, 3399, 'Zuid-Holland'],
    [3400, 3769, 'Utrecht'], [3770, 3799, 'Gelderland'], [3800, 3839, 'Utrecht'], [3840, 3889, 'Gelderland'], [3890, 3899, 'Flevoland'],
    [3900, 3999, 'Utrecht'], [4000, 4199, 'Gelderland'], [4200, 4299, 'Zuid-Holland'], [4300, 4599, 'Zeeland'],
    [4600, 5299, 'Noord-Brabant'], [5300, 5339, 'Gelderland'], [5340, 5799, 'Noord-Brabant'], [5800, 6499, 'Limburg'],
    [6500, 7399, 'Gelderland'], [7400, 7799, 'Overijssel'], [7800, 7999, 'Drenthe'], [8000, 8199, 'Overijssel'],
    [8200, 8259, 'Flevoland'], [8260, 8299, 'Overijssel'], [8300, 8319, 'Flevoland'], [8320, 8399, 'Overijssel'],
    [8400, 9299, 'Friesland'], [9300, 9349, 'Drenthe'], [9350, 9399, 'Groningen'], [9400, 9499, 'Drenthe'],
    [9500, 9999, 'Groningen'],
  ];
  for (const [lo, hi, p] of ranges) if (n >= lo && n <= hi) return p;
  return null;
}

// ---------------------------------------------------------------- formatting helpers

const DAY_NL = { MO: 'maandag', TU: 'dinsdag', WE: 'woensdag', TH: 'donderdag', FR: 'vrijdag', SA: 'zaterdag', SU: 'zondag' };
const ORD_NL = { 1: 'eerste', 2: 'tweede', 3: 'derde', 4: 'vierde', '-1': 'laatste' };
export { DAY_NL, ORD_NL };
const LETTERS = 'ABCDEGHJKLMNPRSTVWXZ';

export function slug(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/&/g, 'en').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
/** '10:00' → '10.00' (how Dutch texts write times). */
export const nlTime = (t) => t.replace(':', '.');
export function euro(amount) {
  return `€ ${Number.isInteger(amount) ? String(amount) : amount.toFixed(2).replace('.', ',')}`;
}
function fill(template, vars) {
  return template.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '');
}
function isoDate(rng) {
  // assured/checked dates in 2026, up to mid-November
  const day = int(rng, 4, 316);
  const d = new Date(Date.UTC(2026, 0, 1) + day * 86400000);
  return d.toISOString().slice(0, 10);
}
function phoneNumber(rng, areaCode) {
  if (chance(rng, 0.08)) {
    const n = String(int(rng, 20000000, 69999999));
    return pick(rng, [`06 ${n}`, `06-${n}`]);
  }
  if (areaCode === '088') {
    const a = String(int(rng, 200, 899)), b = String(int(rng, 1000, 9999));
    return pick(rng, [`088 ${a} ${b}`, `088-${a}${b}`]);
  }
  const short = areaCode.length === 3; // 030 → 7 digits, 0597 → 6 digits
  if (short) {
    const a = String(int(rng, 200, 899)), b = String(int(rng, 1000, 9999));
    const ac = areaCode.slice(1);
    return pick(rng, [`${areaCode} ${a} ${b}`, `${areaCode} ${a} ${b}`, `${areaCode}-${a}${b}`, `+31 ${ac} ${a} ${b}`, `(${areaCode}) ${a} ${b.slice(0, 2)} ${b.slice(2)}`]);
  }
  const a = String(int(rng, 310, 699)), b = String(int(rng, 100, 999));
  return pick(rng, [`${areaCode} ${a} ${b}`, `${areaCode}-${a}${b}`, `+31 ${areaCode.slice(1)} ${a} ${b}`]);
}

// ---------------------------------------------------------------- venues & organisations

function makeVenue({ key, name, kind, street, pc4, place, wijk, gemeente, province }) {
  const rng = rngFor('venue', key, name);
  const row = pc4Lookup(pc4);
  if (!row) throw new Error(`unknown PC4 ${pc4} for ${name}`);
  const letters = (() => {
    for (;;) {
      const l = LETTERS[int(rng, 0, LETTERS.length - 1)] + LETTERS[int(rng, 0, LETTERS.length - 1)];
      if (!['SA', 'SD', 'SS'].includes(l)) return l;
    }
  })();
  const nr = int(rng, 1, 180);
  const houseNumber = chance(rng, 0.12) ? `${nr}${pick(rng, ['a', 'b', '-A', ' bis'])}` : String(nr);
  const jitterLat = (rng() - 0.5) * 0.006, jitterLng = (rng() - 0.5) * 0.009;
  const building = kind !== 'tuin';
  const wheelchair = chance(rng, 0.15) ? null : chance(rng, building ? 0.78 : 0.3);
  return {
    id: uuidFrom(`location|${key}|${name}`),
    name, kind, street, houseNumber, pc4, postcode: `${pc4} ${letters}`, place, wijk, gemeente, province,
    lat: Math.round((row.lat + jitterLat) * 1e6) / 1e6,
    lng: Math.round((row.lng + jitterLng) * 1e6) / 1e6,
    wheelchair,
    accessibilityNote: wheelchair === true
      ? pick(rng, ['Rolstoeltoegankelijk', 'Rolstoeltoegankelijk, met invalidentoilet', 'Rolstoeltoegankelijk; lift aanwezig', 'Rolstoeltoegankelijk: drempelvrije ingang en invalidentoilet'])
      : wheelchair === false
        ? pick(rng, ['Niet rolstoeltoegankelijk: de zaal is op de eerste verdieping zonder lift', 'Niet rolstoeltoegankelijk (trap bij de ingang)', 'Niet goed toegankelijk met rolstoel: onverhard pad'])
        : null,
  };
}

function makeOrg(key, o, areaCode) {
  const domain = `${slug(o.name).replace(/-/g, '')}.example`;
  const rng = rngFor('org', key, o.name);
  return {
    id: uuidFrom(`organization|${key}|${o.name}`),
    name: o.name,
    description: o.desc,
    website: `https://www.${domain}`,
    domain,
    email: `info@${domain}`,
    phone: phoneNumber(rng, areaCode),
    main: !!o.main,
    kinds: o.kinds ?? [],
    office: o.office,
  };
}

const gemeenteCache = new Map();
/** The prepared venues and organisations of a demo gemeente (key of GEMEENTEN). */
export function gemeenteContext(key) {
  if (gemeenteCache.has(key)) return gemeenteCache.get(key);
  const g = GEMEENTEN[key];
  if (!g) throw new Error(`unknown gemeente "${key}" (known: ${Object.keys(GEMEENTEN).join(', ')}, or 'nl')`);
  const venues = g.venues.map(([name, kind, street, pc4, place, wijk]) =>
    makeVenue({ key, name, kind, street, pc4, place, wijk, gemeente: g.name, province: g.province }));
  const orgs = g.orgs.map((o) => makeOrg(key, o, g.areaCode));
  const ctx = { key, ...g, venues, orgs, venueByName: new Map(venues.map((v) => [v.name, v])) };
  gemeenteCache.set(key, ctx);
  return ctx;
}

// 'nl' mode: synthetic venues at every real PC4, denser in cities.
let nlCache;
function nlContext() {
  if (nlCache) return nlCache;
  const rows = loadPc4();
  const perPlace = new Map();
  for (const r of rows) perPlace.set(r.place, (perPlace.get(r.place) ?? 0) + 1);
  const cum = new Float64Array(rows.length);
  let total = 0;
  rows.forEach((r, i) => {
    const n = perPlace.get(r.place);
    total += n >= 15 ? 4 : n >= 5 ? 2 : 1; // cities weigh more per PC4
    cum[i] = total;
  });
  nlCache = { rows, cum, total, perPlace };
  return nlCache;
}
function pickPc4Row(rng) {
  const { rows, cum, total } = nlContext();
  const r = rng() * total;
  let lo = 0, hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] > r) hi = mid; else lo = mid + 1;
  }
  return rows[lo];
}
const NL_ORG_PATTERNS = [
  { name: 'Welzijn {place}', main: true, desc: 'Welzijnsorganisatie voor alle inwoners van {place} en omgeving.' },
  { name: 'Stichting Buurtwerk {place}', kinds: ['inloop', 'koken', 'buurtrestaurant', 'spel', 'nieuwkomers', 'ouderkind', 'creatief', 'koor'], desc: 'Bewoners en vrijwilligers organiseren activiteiten in {place}.' },
  { name: 'Vrijwilligerspunt {place}', kinds: ['vrijwilligers', 'maatje', 'bezoek', 'klussen', 'belcirkel', 'repair'], desc: 'Vrijwilligerswerk en burenhulp in {place}.' },
  { name: 'Sportief {place}', kinds: ['wandel', 'gym', 'valpreventie', 'stoelyoga', 'buurtsport', 'taichi', 'dans', 'fiets', 'gezond', 'jeudeboules'], desc: 'Buurtsportcoaches in {place}.' },
  { name: 'Mantelzorgpunt {place}', kinds: ['mantelzorg', 'geheugen', 'onlinemantelzorg'], desc: 'Steun voor mantelzorgers in {place}.' },
  { name: 'Taalpunt {place}', kinds: ['taal', 'digi', 'leesclub', 'geld', 'werk'], desc: 'Taal, digitale vaardigheden en geldzaken in {place}.' },
];
function nlVenue(row, kind, k) {
  const rng = rngFor('nlvenue', row.pc4, kind, k);
  const small = (nlContext().perPlace.get(row.place) ?? 1) < 3;
  const vn = pick(rng, VENUE_NAMES);
  const name = {
    buurthuis: small ? `Dorpshuis ${vn}` : `Buurthuis ${vn}`,
    wijkcentrum: small ? `Dorpshuis ${row.place}` : `Wijkcentrum ${vn}`,
    bibliotheek: `Bibliotheek ${row.place}`,
    kerk: pick(rng, ['Dorpskerk', 'Ontmoetingskerk', 'Pauluskerk', 'Petruskerk']) + (small ? '' : ` ${row.place}`),
    sporthal: `Sporthal ${vn}`,
    tuin: `Buurttuin ${vn}`,
  }[kind] ?? `Buurthuis ${vn}`;
  return makeVenueNl(row, name, kind, pick(rng, COMMON_STREETS));
}
function makeVenueNl(row, name, kind, street) {
  const v = makeVenue({ key: `nl-${row.pc4}`, name, kind, street, pc4: row.pc4, place: row.place, wijk: row.place, gemeente: null, province: provinceOf(row.pc4) });
  return v;
}
function nlOrg(row, pattern) {
  const o = { ...pattern, name: fill(pattern.name, { place: row.place }), desc: fill(pattern.desc, { place: row.place }) };
  const org = makeOrg(`nl-${row.place}`, o, '088');
  org.office = null;
  return org;
}

// ---------------------------------------------------------------- schedules & costs

function makeSchedules(rng, kind, part, serviceId) {
  const [opens, closes] = pick(rng, SLOTS[part]);
  const t = `van ${nlTime(opens)} tot ${nlTime(closes)} uur`;
  const weekday = () => pickWeighted(rng, ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], (d) => (d === 'SA' ? 0.6 : d === 'SU' ? 0.15 : 2));
  const base = (o) => ({ id: uuidFrom(`schedule|${serviceId}|0`), ...o });
  switch (kind) {
    case 'none':
      return [];
    case 'weekly1': {
      const d = weekday();
      return [base({ freq: 'WEEKLY', interval: 1, byday: d, opens_at: opens, closes_at: closes, description: `Elke ${DAY_NL[d]} ${t}` })];
    }
    case 'weekly2': {
      const [a, b] = pick(rng, [['MO', 'WE'], ['TU', 'TH'], ['WE', 'FR'], ['MO', 'TH'], ['TU', 'FR'], ['MO', 'FR']]);
      return [base({ freq: 'WEEKLY', interval: 1, byday: `${a},${b}`, opens_at: opens, closes_at: closes, description: `Elke ${DAY_NL[a]} en ${DAY_NL[b]} ${t}` })];
    }
    case 'biweekly': {
      const d = weekday();
      const start = { MO: '05', TU: '06', WE: '07', TH: '08', FR: '09', SA: '10', SU: '11' }[d];
      return [base({ freq: 'WEEKLY', interval: 2, byday: d, dtstart: `2026-01-${start}`, wkst: 'MO', opens_at: opens, closes_at: closes, description: `Om de week op ${DAY_NL[d]} ${t}` })];
    }
    case 'monthly': {
      const d = pickWeighted(rng, ['MO', 'TU', 'WE', 'TH', 'FR', 'SA'], (x) => (x === 'SA' ? 1.5 : 2));
      const ord = pickWeighted(rng, [1, 2, 3, 4, -1], (o) => (o === 1 ? 4 : o === -1 ? 2 : 1.5));
      return [base({ freq: 'MONTHLY', interval: 1, byday: `${ord}${d}`, opens_at: opens, closes_at: closes, description: `Elke ${ORD_NL[ord]} ${DAY_NL[d]} van de maand ${t}` })];
    }
    case 'weekdays':
      return [base({ freq: 'WEEKLY', interval: 1, byday: 'MO,TU,WE,TH,FR', opens_at: opens, closes_at: closes, description: `Maandag tot en met vrijdag ${t}` })];
    case 'daily':
      return [base({ freq: 'WEEKLY', interval: 1, byday: 'MO,TU,WE,TH,FR,SA,SU', opens_at: opens, closes_at: closes, description: `Elke dag tussen ${nlTime(opens)} en ${nlTime(closes)} uur` })];
    default:
      throw new Error(`schedule kind ${kind}`);
  }
}

function makeCost(spec, serviceId, pas) {
  const [kind, a, b] = spec.split(':');
  const amount = a === undefined ? undefined : Number(a);
  const id = uuidFrom(`cost|${serviceId}|0`);
  const opt = (option, amt, desc) => [{ id, option, currency: 'EUR', ...(amt === undefined ? {} : { amount: amt }), amount_description: desc }];
  switch (kind) {
    case 'free':
      return { free: true, label: 'gratis', options: opt('Gratis', 0, 'Gratis'), text: 'Meedoen is gratis.' };
    case 'vrijwillig':
      return { free: true, label: 'vrijwillige bijdrage', options: opt('Vrijwillige bijdrage', undefined, 'Vrijwillige bijdrage'), text: 'Meedoen is gratis. Een vrijwillige bijdrage voor koffie en materiaal wordt gewaardeerd.' };
    case 'koffie':
      return { free: true, label: 'gratis (koffie ' + euro(amount) + ')', options: opt('Gratis toegang; koffie of thee', amount, `Koffie of thee ${euro(amount)}`), text: `De toegang is gratis. Koffie of thee kost ${euro(amount)}.` };
    case 'perkeer':
      return { free: false, label: `${euro(amount)} per keer`, options: opt('Per keer', amount, `${euro(amount)} per keer`), text: `Een keer meedoen kost ${euro(amount)}, inclusief koffie of thee.${pas ? ' ' + pas : ''}` };
    case 'permaand':
      return { free: false, label: `${euro(amount)} per maand`, options: opt('Per maand', amount, `${euro(amount)} per maand`), text: `De bijdrage is ${euro(amount)} per maand.${pas ? ' ' + pas : ''}` };
    case 'maaltijd':
      return { free: false, label: `${euro(amount)} per maaltijd`, options: opt('Per maaltijd', amount, `${euro(amount)} per maaltijd`), text: `Een maaltijd kost ${euro(amount)}.${pas ? ' ' + pas : ''}` };
    case 'perklus':
      return { free: false, label: `${euro(amount)} per klus`, options: opt('Per klus', amount, `${euro(amount)} per klus, exclusief materiaal`), text: `U betaalt ${euro(amount)} per klus. Materiaal betaalt u zelf.` };
    case 'cursus': {
      const n = Number(b);
      return { free: false, label: `${euro(amount)} voor ${n} lessen`, options: opt(`Hele cursus (${n} lessen)`, amount, `${euro(amount)} voor ${n} lessen`), text: `De hele cursus van ${n} lessen kost ${euro(amount)}.${pas ? ' ' + pas : ' Heeft u weinig geld? Vraag naar de mogelijkheden.'}` };
    }
    default:
      throw new Error(`cost kind ${spec}`);
  }
}

// ---------------------------------------------------------------- attributes

export function taxonomyTerm(taxonomy, code) {
  const name = taxonomy === NEED_TAXONOMY ? NEED_LABELS[code] : taxonomy === AUDIENCE_TAXONOMY ? AUDIENCE_LABELS[code] : CATEGORY_LABELS[code] ?? MARKER_LABELS[code];
  if (!name) throw new Error(`no label for ${taxonomy}/${code}`);
  return {
    id: uuidFrom(`taxonomy_term|${taxonomy}|${code}`),
    code,
    name,
    description: name,
    taxonomy,
    taxonomy_id: uuidFrom(`taxonomy|${taxonomy}`),
    language: 'nl',
  };
}
function attribute(serviceId, taxonomy, code, linkType, value) {
  const term = taxonomyTerm(taxonomy, code);
  return {
    id: uuidFrom(`attribute|${serviceId}|${taxonomy}|${code}`),
    link_id: serviceId,
    link_type: linkType,
    link_entity: 'service',
    taxonomy_term_id: term.id,
    ...(value === undefined ? {} : { value }),
    label: term.name,
    taxonomy_term: term,
  };
}

// ---------------------------------------------------------------- the record

const AUDIENCE_TEXT = {
  ouderen: 'ouderen', volwassenen: 'volwassenen', jongeren: 'jongeren', kinderen: 'kinderen', gezinnen: 'ouders met kinderen',
  mantelzorgers: 'mantelzorgers', nieuwkomers: 'nieuwkomers',
};
function audienceSentence(aud, wijk, minAge, maxAge) {
  const who = aud.map((a) => AUDIENCE_TEXT[a]);
  const list = who.length > 1 ? `${who.slice(0, -1).join(', ')} en ${who[who.length - 1]}` : who[0];
  const age = minAge && maxAge ? ` van ${minAge} tot ${maxAge} jaar` : minAge ? ` vanaf ${minAge} jaar` : '';
  return `Voor ${list}${age} uit ${wijk} en omgeving.`;
}

/**
 * Builds one HSDS service record.
 * ctx: { key, name (gemeente or null), venues?, orgs?, pas, areaCode }
 */
const TITLE_SPEC = /^(.*?)(?:#(\d+))?(?:@(\w+))?(?:!([\w,]+))?(?:%([\w,]+))?$/;
function parseTitle(spec) {
  const [, text, descIndex, part, aud, needs] = TITLE_SPEC.exec(spec);
  return { text, descIndex: descIndex === undefined ? undefined : Number(descIndex), part, aud: aud?.split(','), needs: needs?.split(',') };
}
function parseDesc(spec) {
  const m = /^(.*?)(?:@(\w+))?$/s.exec(spec);
  return { text: m[1], part: m[2] };
}

function buildService({ rng, id, type, org, venue, online, ctx, place, wijk, untagged, closed, html, coach }) {
  const serviceId = id;
  const tSpec = parseTitle(coach ? WELZIJNSCOACH.title : type.title);
  const dSpec = parseDesc(coach ? WELZIJNSCOACH.desc : tSpec.descIndex !== undefined ? type.descs[tSpec.descIndex] : pick(rng, type.descs));
  const part = tSpec.part ?? dSpec.part ?? pick(rng, type.parts);
  const schedKind = pick(rng, type.sched);
  const schedules = coach
    ? [{ id: uuidFrom(`schedule|${serviceId}|0`), freq: 'WEEKLY', interval: 1, byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00', description: 'Op werkdagen bereikbaar; de afspraak is op een tijd die u uitkomt' }]
    : makeSchedules(rng, schedKind, part, serviceId);
  const cost = coach ? makeCost('free', serviceId) : makeCost(pick(rng, type.cost), serviceId, ctx.pas);
  const aud = coach ? [...WELZIJNSCOACH.aud] : tSpec.aud ?? pick(rng, type.aud);
  const cats = coach ? [...WELZIJNSCOACH.cats] : type.cats.length > 2 && chance(rng, 0.3) ? type.cats.slice(0, 2) : [...type.cats];
  const needCount = Math.min(type.needs.length, int(rng, 1, 3));
  const needs = coach ? [...WELZIJNSCOACH.needs] : tSpec.needs ?? type.needs.slice(0, needCount);
  const wor = coach || chance(rng, type.wor);
  const signup = coach || chance(rng, type.signup);
  const vars = { wijk, venue: venue?.name ?? 'het buurthuis', plaats: place, org: org.name, gemeente: ctx.name ?? place };
  const title = fill(tSpec.text, vars);
  const intro = fill(dSpec.text, vars);

  const paras = [intro];
  const practical = [];
  if (coach) practical.push('Bereikbaar op werkdagen van 9.00 tot 17.00 uur. Huisartsen en praktijkondersteuners kunnen doorverwijzen via het intakeformulier.');
  else if (schedules.length) practical.push(`Wanneer: ${schedules[0].description[0].toLowerCase()}${schedules[0].description.slice(1)}.`);
  else if (!coach) practical.push('U spreekt samen een moment af dat u past.');
  if (online) practical.push('Deze activiteit is online: u doet mee via uw telefoon, tablet of computer.');
  else if (venue && !coach && schedules.length) practical.push(`Waar: ${venue.name}, ${venue.street} ${venue.houseNumber} in ${venue.place}.`);
  if (!coach) practical.push(signup ? pick(rng, ['Aanmelden is nodig: bel of mail ons.', 'Wilt u meedoen? Meld u dan eerst aan.', 'Graag vooraf aanmelden, want er is beperkt plek.']) : pick(rng, ['U hoeft zich niet aan te melden.', 'Aanmelden is niet nodig, u kunt gewoon binnenlopen.', 'Loop gerust eens binnen.']));
  paras.push(practical.join(' '));
  if (wor && !coach) paras.push(pick(rng, [
    'Deze activiteit doet mee met Welzijn op Recept. Uw huisarts of praktijkondersteuner kan u doorverwijzen.',
    'Via Welzijn op Recept kan de huisarts u naar ons doorverwijzen. Een welzijnscoach gaat dan eerst met u in gesprek.',
  ]));
  if (closed) paras.push(pick(rng, [
    'Let op: door een verbouwing is deze activiteit tijdelijk gestopt. We starten weer zodra het gebouw klaar is.',
    'Let op: deze activiteit is tijdelijk gestopt, omdat we nieuwe vrijwilligers zoeken. Wilt u helpen? Neem contact met ons op.',
  ]));
  const description = html
    ? paras.map((p, i) => (i === 1 ? `<p><strong>${p.replace(/&/g, '&amp;')}</strong></p>` : `<p>${p.replace(/&/g, '&amp;')}</p>`)).join('\n')
    : paras.join('\n\n');

  const minAge = type.minAge ?? (aud.length === 1 && aud[0] === 'ouderen' ? (chance(rng, 0.4) ? 55 : null) : aud.includes('volwassenen') && !aud.includes('jongeren') && chance(rng, 0.4) ? 18 : null);
  const maxAge = type.maxAge ?? null;
  const assured = isoDate(rng);
  const hh = String(int(rng, 8, 17)).padStart(2, '0'), mm = String(int(rng, 0, 59)).padStart(2, '0');

  const email = coach ? `intake@${org.domain}` : chance(rng, 0.2) ? undefined : chance(rng, 0.5) ? org.email : `${slug(type.kind)}@${org.domain}`;
  const url = coach ? `${org.website}/welzijn-op-recept` : chance(rng, 0.15) ? undefined : `${org.website}/activiteiten/${slug(title)}`;
  const phone = chance(rng, 0.3) ? phoneNumber(rng, ctx.areaCode ?? '088') : org.phone;

  const attributes = [];
  if (!untagged) {
    for (const c of cats) attributes.push(attribute(serviceId, TAXONOMY, c, 'category'));
    for (const n of needs) attributes.push(attribute(serviceId, NEED_TAXONOMY, n, 'need'));
    for (const a of aud) attributes.push(attribute(serviceId, AUDIENCE_TAXONOMY, a, 'audience'));
    if (wor) attributes.push(attribute(serviceId, TAXONOMY, 'welzijn-op-recept', 'referral'));
    if (signup) attributes.push(attribute(serviceId, TAXONOMY, 'aanmelden-nodig', 'referral'));
    if (online) attributes.push(attribute(serviceId, TAXONOMY, 'online', 'attending'));
    if (coach) {
      attributes.push(attribute(serviceId, TAXONOMY, 'welzijnscoach', 'referral'));
      attributes.push(attribute(serviceId, TAXONOMY, 'intake-url', 'referral', `https://intake.${org.domain}/referrals`));
      attributes.push(attribute(serviceId, TAXONOMY, 'intake-email', 'referral', `intake@${org.domain}`));
    }
  }

  const languages = [{ id: uuidFrom(`language|${serviceId}|nl`), name: 'Nederlands', code: 'nl' }];
  if (aud.includes('nieuwkomers') && chance(rng, 0.6)) {
    const [name, code] = pick(rng, [['Arabisch', 'ar'], ['Turks', 'tr'], ['Tigrinya', 'ti'], ['Engels', 'en'], ['Oekraïens', 'uk']]);
    languages.push({ id: uuidFrom(`language|${serviceId}|${code}`), name, code });
  }

  const service = {
    id: serviceId,
    name: title,
    description,
    url: url ?? null,
    email: email ?? null,
    status: closed ? 'temporarily closed' : 'active',
    application_process: coach
      ? 'Huisartsen en praktijkondersteuners verwijzen door via het intakeformulier of per e-mail. Inwoners kunnen ook zelf bellen of mailen.'
      : signup ? 'Aanmelden bij de organisatie, telefonisch of per e-mail.' : 'Geen aanmelding nodig: u kunt gewoon binnenlopen.',
    fees_description: coach ? 'De gesprekken met de welzijnscoach zijn gratis.' : cost.text,
    eligibility_description: coach ? `Voor inwoners van ${ctx.name ?? place} vanaf 18 jaar.` : audienceSentence(aud, wijk, minAge, maxAge),
    minimum_age: coach ? 18 : minAge,
    maximum_age: maxAge,
    assured_date: assured,
    last_modified: `${assured}T${hh}:${mm}:00Z`,
    organization: { id: org.id, name: org.name, description: org.description, email: org.email, website: org.website },
    phones: [{ id: uuidFrom(`phone|${serviceId}|0`), number: phone, type: 'voice' }],
    ...(coach ? {
      contacts: [{
        id: uuidFrom(`contact|${serviceId}|intake`),
        name: 'Intake Welzijn op Recept',
        title: 'Welzijnscoach',
        department: 'Intake Welzijn op Recept',
        email: `intake@${org.domain}`,
      }],
    } : {}),
    schedules,
    cost_options: cost.options,
    languages,
    service_at_locations: [],
    attributes,
  };
  if (venue && !online) {
    const loc = {
      id: venue.id,
      location_type: 'physical',
      name: venue.name,
      latitude: venue.lat,
      longitude: venue.lng,
      addresses: [{
        id: uuidFrom(`address|${venue.id}`),
        address_1: `${venue.street} ${venue.houseNumber}`,
        city: venue.place,
        ...(venue.gemeente ? { region: venue.gemeente } : {}),
        state_province: venue.province,
        postal_code: venue.postcode,
        country: 'NL',
        address_type: 'physical',
      }],
      accessibility: venue.wheelchair === null ? [] : [{ id: uuidFrom(`accessibility|${venue.id}`), description: venue.accessibilityNote }],
    };
    service.service_at_locations.push({ id: uuidFrom(`service_at_location|${serviceId}|${venue.id}`), location: loc });
  }
  // hidden helper fields for the writers (not HSDS); stripped by toHsds()
  Object.defineProperty(service, '_meta', {
    enumerable: false,
    value: { type: type.kind, part, schedKind, cost, aud, cats, needs, wor, signup, online, coach: !!coach, venue, org, wijk, place, untagged, closed, gemeente: ctx.name ?? null },
  });
  return service;
}

/**
 * Lazily generates HSDS 3.1 full service records.
 * @param {object} opts
 * @param {number} opts.count            how many records
 * @param {number} [opts.seed=42]        PRNG seed; same seed + options → identical output
 * @param {'nl'|string|string[]} [opts.places='nl']  'nl' (all real PC4s, denser in cities), a demo
 *        gemeente key ('utrecht', 'rotterdam', 'maastricht', 'oldambt') or an array of keys
 * @param {boolean} [opts.welzijnscoach]  first record of each demo gemeente is its welzijnscoach
 *        (default: true for demo gemeenten, false for 'nl')
 * @param {number} [opts.untaggedShare=0.07]  share of records without any taxonomy attributes
 * @param {number} [opts.closedShare=0.03]    share of 'temporarily closed' records
 * @param {number} [opts.htmlShare=0]         share of records whose description is HTML (<p>, <strong>)
 */
export function* generateActivities(opts = {}) {
  const { count, seed = 42, places = 'nl', untaggedShare = 0.06, closedShare = 0.03, htmlShare = 0 } = opts;
  if (!Number.isInteger(count) || count < 0) throw new Error('count must be a non-negative integer');
  const keys = places === 'nl' ? null : Array.isArray(places) ? places : [places];
  const welzijnscoach = opts.welzijnscoach ?? keys !== null;
  // Within a demo gemeente, (organisation, title, postcode) stays unique so the indexer's
  // duplicate detection does not merge demo records. 'nl' mode skips this (collisions are rare),
  // so every record depends only on (seed, index): a longer feed starts with the shorter one.
  const seen = keys ? new Set() : null;
  const titleCount = new Map(); // demo gemeenten: keep titles varied
  const coachDone = new Set();

  for (let i = 0; i < count; i++) {
    const rng = rngFor(seed, keys ? keys.join(',') : 'nl', i);
    const id = uuidFrom(`service|${seed}|${keys ? keys.join(',') : 'nl'}|${i}`);
    const untagged = chance(rng, untaggedShare);
    const closed = chance(rng, closedShare);
    const html = chance(rng, htmlShare);

    if (keys) {
      const key = keys.length === 1 ? keys[0] : pickWeighted(rng, keys, (k) => (GEMEENTEN[k].rural ? 1 : 3));
      const ctx = gemeenteContext(key);
      if (welzijnscoach && !coachDone.has(key)) {
        coachDone.add(key);
        const org = ctx.orgs.find((o) => o.main);
        const venue = ctx.venues.find((v) => v.kind === 'gezondheidscentrum') ?? ctx.venueByName.get(org.office);
        yield buildService({ rng, id, type: ACTIVITY_TYPES[0], org, venue, online: false, ctx, place: venue.place, wijk: venue.wijk, untagged: false, closed: false, html: false, coach: true });
        continue;
      }
      let service;
      for (let attempt = 0; attempt < 25; attempt++) {
        const type = pickWeighted(rng, ACTIVITY_TYPES, (t) => t.weight);
        const specialists = ctx.orgs.filter((o) => o.kinds.includes(type.kind));
        const org = specialists.length && chance(rng, 0.75) ? pick(rng, specialists) : pick(rng, ctx.orgs.filter((o) => o.main));
        const venueKind = pick(rng, type.venues);
        const online = venueKind === 'online';
        let venue = null;
        if (!online) {
          if (venueKind === 'office') venue = ctx.venueByName.get(org.office);
          else {
            // in a rural gemeente the dorpshuis is the wijkcentrum
            const kinds = ctx.rural && (venueKind === 'wijkcentrum' || venueKind === 'buurthuis') ? ['wijkcentrum', 'buurthuis'] : [venueKind];
            const fit = ctx.venues.filter((v) => kinds.includes(v.kind));
            venue = fit.length ? pick(rng, fit) : pick(rng, ctx.venues.filter((v) => v.kind === 'buurthuis' || v.kind === 'wijkcentrum'));
          }
        }
        const place = venue?.place ?? ctx.venueByName.get(org.office)?.place ?? ctx.name;
        const wijk = venue?.wijk ?? place;
        const t = { ...type, title: pick(rng, type.titles) };
        service = buildService({ rng, id, type: t, org, venue, online, ctx, place, wijk, untagged, closed, html, coach: false });
        let dedupeKey = `${org.name}|${service.name}|${venue?.postcode ?? 'online'}`.toLowerCase();
        const tKey = `${key}|${service.name}`;
        const max = service.name.includes(place) || service.name.includes(wijk) ? 1 : 2;
        if ((titleCount.get(tKey) ?? 0) >= max && attempt < 24) continue;
        titleCount.set(tKey, (titleCount.get(tKey) ?? 0) + 1);
        if (seen?.has(dedupeKey) && attempt === 24) {
          service.name = `${service.name} (${attempt})`;
          dedupeKey += `|${attempt}`;
        }
        if (!seen || !seen.has(dedupeKey)) {
          seen?.add(dedupeKey);
          break;
        }
      }
      yield service;
    } else {
      let service;
      for (let attempt = 0; attempt < 10; attempt++) {
        const row = pickPc4Row(rng);
        const type = pickWeighted(rng, ACTIVITY_TYPES, (t) => t.weight);
        const patterns = NL_ORG_PATTERNS.filter((p) => p.kinds?.includes(type.kind));
        const org = nlOrg(row, patterns.length && chance(rng, 0.6) ? pick(rng, patterns) : NL_ORG_PATTERNS[0]);
        const venueKind = pick(rng, type.venues);
        const online = venueKind === 'online';
        const venue = online ? null : venueKind === 'office'
          ? makeVenueNl(row, `Kantoor ${org.name}`, 'kantoor', pick(rngFor('office', org.id), COMMON_STREETS))
          : nlVenue(row, venueKind, int(rng, 0, 2));
        const ctx = { name: null, pas: null, areaCode: '088' };
        const t = { ...type, title: pick(rng, type.titles) };
        service = buildService({ rng, id, type: t, org, venue, online, ctx, place: row.place, wijk: row.place, untagged, closed, html, coach: false });
        const dedupeKey = `${org.name}|${service.name}|${venue?.postcode ?? 'online'}`.toLowerCase();
        if (!seen || !seen.has(dedupeKey) || attempt === 9) {
          seen?.add(dedupeKey);
          break;
        }
      }
      yield service;
    }
  }
}
