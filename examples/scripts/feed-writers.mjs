// Writers that turn generated HSDS service records into the three input forms:
// HSDS JSON (list page / ndjson), the HSDS tabular (CSV) package, and the Dutch CSV template.

import { AUDIENCE_LABELS, CATEGORY_LABELS, NEED_LABELS } from './activity-data.mjs';
import {
  AUDIENCE_TAXONOMY, DAY_NL, NEED_TAXONOMY, ORD_NL, TAXONOMY, TAXONOMY_URI, mulberry32, hash32, nlTime, taxonomyTerm, uuidFrom,
} from './activity-generator.mjs';

// ---------------------------------------------------------------- CSV basics

/** One CSV field: quoted when it contains the delimiter, a quote or a line break. */
export function csvField(value, delimiter = ',') {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
export function csvLine(values, delimiter = ',') {
  return values.map((v) => csvField(v, delimiter)).join(delimiter);
}

/** A tiny RFC 4180 parser (for checks): handles quotes, doubled quotes and line breaks in fields. */
export function parseCsv(text, delimiter = ',') {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = [];
  let row = [], field = '', i = 0, quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === delimiter) { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') i++;
    if (c === '\n' || c === '\r') { row.push(field); rows.push(row); row = []; field = ''; i++; continue; }
    field += c; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

// ---------------------------------------------------------------- HSDS JSON

/** An HSDS list page holding all records on one page. */
export function hsdsListPage(services) {
  return {
    total_items: services.length,
    total_pages: 1,
    page_number: 1,
    size: services.length,
    first_page: true,
    last_page: true,
    empty: services.length === 0,
    contents: services,
  };
}

// ---------------------------------------------------------------- HSDS tabular package

/** Column names as in the HSDS 3.1 tabular examples (examples/csv/*.csv). */
export const HSDS_COLUMNS = {
  organizations: ['id', 'name', 'alternate_name', 'description', 'email', 'website', 'tax_status', 'tax_id', 'year_incorporated', 'legal_status', 'logo', 'uri', 'parent_organization_id'],
  services: ['id', 'organization_id', 'program_id', 'name', 'alternate_name', 'description', 'url', 'email', 'status', 'interpretation_services', 'application_process', 'fees_description', 'wait_time', 'fees', 'accreditations', 'eligibility_description', 'minimum_age', 'maximum_age', 'assured_date', 'assurer_email', 'licenses', 'alert', 'last_modified'],
  locations: ['id', 'location_type', 'url', 'organization_id', 'name', 'alternate_name', 'description', 'transportation', 'latitude', 'longitude', 'external_identifier', 'external_identifier_type'],
  addresses: ['id', 'location_id', 'attention', 'address_1', 'address_2', 'city', 'region', 'state_province', 'postal_code', 'country', 'address_type'],
  service_at_location: ['id', 'service_id', 'location_id', 'description'],
  schedules: ['id', 'service_id', 'location_id', 'service_at_location_id', 'valid_from', 'valid_to', 'dtstart', 'timezone', 'until', 'count', 'wkst', 'freq', 'interval', 'byday', 'byweekno', 'bymonthday', 'byyearday', 'description', 'opens_at', 'closes_at', 'schedule_link', 'attending_type', 'notes'],
  contacts: ['id', 'organization_id', 'service_id', 'service_at_location_id', 'location_id', 'name', 'title', 'department', 'email'],
  phones: ['id', 'location_id', 'service_id', 'organization_id', 'contact_id', 'service_at_location_id', 'number', 'extension', 'type', 'description'],
  cost_options: ['id', 'service_id', 'valid_from', 'valid_to', 'option', 'currency', 'amount', 'amount_description'],
  languages: ['id', 'service_id', 'location_id', 'phone_id', 'name', 'code', 'note'],
  accessibility: ['id', 'location_id', 'description', 'details', 'url'],
  attributes: ['id', 'link_id', 'taxonomy_term_id', 'link_type', 'link_entity', 'value', 'label'],
  taxonomy_terms: ['id', 'code', 'name', 'description', 'parent_id', 'taxonomy', 'language', 'taxonomy_id', 'term_uri'],
  taxonomies: ['id', 'name', 'description', 'uri', 'version'],
};
const FILE_NAME = (table) => `${table}.csv`;
const FIELD_TYPES = {
  latitude: 'number', longitude: 'number', amount: 'number', minimum_age: 'integer', maximum_age: 'integer', interval: 'integer',
  count: 'integer', timezone: 'integer', extension: 'number', year_incorporated: 'integer', assured_date: 'date', valid_from: 'date',
  valid_to: 'date', dtstart: 'date', until: 'date', last_modified: 'datetime',
};
const FOREIGN_KEYS = {
  services: [['organization_id', 'organizations']],
  addresses: [['location_id', 'locations']],
  service_at_location: [['service_id', 'services'], ['location_id', 'locations']],
  schedules: [['service_id', 'services']],
  contacts: [['service_id', 'services']],
  phones: [['service_id', 'services']],
  cost_options: [['service_id', 'services']],
  languages: [['service_id', 'services']],
  accessibility: [['location_id', 'locations']],
  attributes: [['taxonomy_term_id', 'taxonomy_terms']],
  taxonomy_terms: [['taxonomy_id', 'taxonomies']],
};

/** Flattens full service records into HSDS tables: { table: [rowObject] }, rows in first-seen order. */
export function toHsdsTables(services) {
  const t = Object.fromEntries(Object.keys(HSDS_COLUMNS).map((k) => [k, []]));
  const seen = { organizations: new Set(), locations: new Set(), taxonomy_terms: new Set(), taxonomies: new Set() };
  const once = (table, id, row) => {
    if (seen[table].has(id)) return false;
    seen[table].add(id);
    t[table].push(row);
    return true;
  };
  for (const s of services) {
    const org = s.organization;
    once('organizations', org.id, { id: org.id, name: org.name, description: org.description, email: org.email, website: org.website });
    t.services.push({
      id: s.id, organization_id: org.id, name: s.name, description: s.description, url: s.url, email: s.email, status: s.status,
      application_process: s.application_process, fees_description: s.fees_description, eligibility_description: s.eligibility_description,
      minimum_age: s.minimum_age, maximum_age: s.maximum_age, assured_date: s.assured_date, last_modified: s.last_modified,
    });
    for (const c of s.contacts ?? []) t.contacts.push({ ...c, service_id: s.id, organization_id: org.id });
    for (const p of s.phones ?? []) t.phones.push({ id: p.id, service_id: s.id, number: p.number, type: p.type });
    for (const sc of s.schedules ?? []) t.schedules.push({ ...sc, service_id: s.id });
    for (const c of s.cost_options ?? []) t.cost_options.push({ ...c, service_id: s.id });
    for (const l of s.languages ?? []) t.languages.push({ ...l, service_id: s.id });
    for (const sal of s.service_at_locations ?? []) {
      const loc = sal.location;
      if (once('locations', loc.id, { id: loc.id, location_type: loc.location_type, name: loc.name, latitude: loc.latitude, longitude: loc.longitude })) {
        for (const a of loc.addresses ?? []) t.addresses.push({ ...a, location_id: loc.id });
        for (const a of loc.accessibility ?? []) t.accessibility.push({ ...a, location_id: loc.id });
      }
      t.service_at_location.push({ id: sal.id, service_id: s.id, location_id: loc.id });
    }
    for (const a of s.attributes ?? []) {
      const term = a.taxonomy_term;
      once('taxonomies', term.taxonomy_id, { id: term.taxonomy_id, name: term.taxonomy, description: TAXONOMY_DESCRIPTIONS[term.taxonomy], uri: TAXONOMY_URI[term.taxonomy], version: '1' });
      once('taxonomy_terms', term.id, { ...term, term_uri: `${TAXONOMY_URI[term.taxonomy]}:${term.code}` });
      t.attributes.push({ id: a.id, link_id: a.link_id, taxonomy_term_id: a.taxonomy_term_id, link_type: a.link_type, link_entity: a.link_entity, value: a.value, label: a.label });
    }
  }
  return t;
}
export const TAXONOMY_DESCRIPTIONS = {
  [TAXONOMY]: 'Sociale Kaart: activity categories (code = category key) and markers (welzijn-op-recept, welzijnscoach, aanmelden-nodig, online, intake-url, intake-email)',
  [NEED_TAXONOMY]: 'Sociale Kaart: referral needs / hulpvragen (code = need key)',
  [AUDIENCE_TAXONOMY]: 'Sociale Kaart: audiences / doelgroepen (code = audience key)',
};

/** CSV text (CRLF, like the HSDS examples) for each table. */
export function hsdsTablesToCsv(tables) {
  const out = {};
  for (const [table, cols] of Object.entries(HSDS_COLUMNS)) {
    const lines = [cols.join(',')];
    for (const row of tables[table]) lines.push(csvLine(cols.map((c) => row[c])));
    out[FILE_NAME(table)] = lines.join('\r\n') + '\r\n';
  }
  return out;
}

/** A Frictionless tabular data package descriptor for the tables. */
export function hsdsDataPackage({ name, title, description }) {
  return {
    profile: 'tabular-data-package',
    name,
    title,
    description,
    version: '1.0.0',
    homepage: 'https://docs.openreferral.org/en/latest/hsds/overview.html',
    licenses: [{ name: 'CC0-1.0', title: 'Demo data: CC0 1.0 (fictional organisations and venues)', path: 'https://creativecommons.org/publicdomain/zero/1.0/' }],
    sources: [{ title: 'Postcode coordinates © GeoNames, CC BY 4.0', path: 'https://www.geonames.org/' }],
    resources: Object.entries(HSDS_COLUMNS).map(([table, cols]) => ({
      name: table,
      path: FILE_NAME(table),
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      schema: {
        fields: cols.map((c) => ({ name: c, type: FIELD_TYPES[c] ?? 'string' })),
        primaryKey: ['id'],
        ...(FOREIGN_KEYS[table] ? { foreignKeys: FOREIGN_KEYS[table].map(([field, resource]) => ({ fields: [field], reference: { resource, fields: ['id'] } })) } : {}),
      },
    })),
  };
}

// ---------------------------------------------------------------- the Dutch CSV template

export const TEMPLATE_COLUMNS = [
  'id', 'organisatie', 'titel', 'omschrijving', 'categorieen', 'behoeften', 'doelgroep', 'adres', 'postcode', 'plaats', 'gemeente',
  'dagen', 'tijd', 'frequentie', 'kosten', 'telefoon', 'email', 'website', 'rolstoeltoegankelijk', 'welzijn_op_recept',
  'aanmelden_nodig', 'online', 'laatst_gecontroleerd', 'welzijnscoach', 'intake_email', 'intake_url',
];
const DAY_SHORT = { MO: 'ma', TU: 'di', WE: 'wo', TH: 'do', FR: 'vr', SA: 'za', SU: 'zo' };

/** Text exactly as Excel saves "CSV UTF-8 (;)" in a Dutch locale: BOM, `;`, CRLF. */
export function templateCsv(rows) {
  const lines = [TEMPLATE_COLUMNS.join(';'), ...rows.map((r) => csvLine(TEMPLATE_COLUMNS.map((c) => r[c] ?? ''), ';'))];
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

/**
 * One template row for a generated service, written the way people type in a spreadsheet:
 * varied spellings for days, times, frequency and costs, labels instead of keys.
 */
export function toTemplateRow(service, index, seed) {
  const rng = mulberry32(hash32(`template|${seed}|${service.id}`));
  const pick = (arr) => arr[Math.floor(rng() * arr.length)];
  const m = service._meta;
  const yn = (b) => (b ? pick(['ja', 'ja', 'Ja']) : pick(['nee', 'nee', 'Nee']));
  const row = {};
  const prefix = m.org.name.split(/\s+/).filter((w) => /^[A-Z]/.test(w)).map((w) => w[0]).join('').slice(0, 3) || 'SK';
  const r = rng();
  row.id = r < 0.7 ? `${prefix}-${String(index + 1).padStart(3, '0')}` : r < 0.85 ? String(index + 1) : '';
  row.organisatie = m.org.name;
  row.titel = service.name;
  const paras = service.description.split('\n\n');
  // people paste the intro; sometimes with an extra line (Alt+Enter in Excel)
  row.omschrijving = m.coach ? service.description.replace(/\n\n/g, '\n') : rng() < 0.1 ? `${paras[0]}\n${paras[paras.length - 1]}` : paras[0];

  if (!m.untagged) {
    const labels = m.cats.map((c) => (rng() < 0.15 ? c : rng() < 0.3 ? CATEGORY_LABELS[c].toLowerCase() : CATEGORY_LABELS[c]));
    row.categorieen = labels.join(pick([' | ', '|', '; ', ';']));
    const needs = m.needs.map((n) => (rng() < 0.5 ? n.replace(/_/g, ' ') : NEED_LABELS[n]));
    row.behoeften = needs.join(pick(['; ', ' | ', ';']));
  }
  row.doelgroep = m.aud.map((a) => (a === 'ouderen' && rng() < 0.25 ? '55+' : rng() < 0.3 ? AUDIENCE_LABELS[a] : a)).join(pick([', ', ';', ' | ']));

  if (!m.online && m.venue) {
    row.adres = `${m.venue.street} ${m.venue.houseNumber}`;
    const [pc4, letters] = m.venue.postcode.split(' ');
    row.postcode = pick([`${pc4} ${letters}`, `${pc4} ${letters}`, `${pc4}${letters}`, `${pc4} ${letters.toLowerCase()}`]);
    row.plaats = m.venue.place;
    row.gemeente = rng() < 0.8 ? m.gemeente : '';
  } else {
    row.plaats = rng() < 0.5 ? m.place : '';
  }

  const sc = service.schedules[0];
  if (!sc) {
    row.frequentie = pick(['op afspraak', 'in overleg', '']);
  } else {
    const days = sc.byday.split(',');
    const times = [sc.opens_at, sc.closes_at];
    const [o, c] = times;
    row.tijd = pick([`${o}-${c}`, `${nlTime(o)} - ${nlTime(c)} uur`, `${nlTime(o)}-${nlTime(c)}`, `${o} - ${c}`, `${nlTime(o)} - ${nlTime(c)}`]);
    const monthly = sc.freq === 'MONTHLY';
    if (monthly) {
      const mm = /^(-?\d)(\w\w)$/.exec(days[0]);
      const ord = mm[1], d = mm[2];
      row.dagen = pick([DAY_NL[d], DAY_SHORT[d], DAY_NL[d]]);
      row.frequentie = ord === '1' ? pick([`elke eerste ${DAY_NL[d]} van de maand`, `iedere 1e ${DAY_NL[d]} van de maand`, `elke eerste ${DAY_NL[d]} van de maand`])
        : pick([`elke ${ORD_NL[ord]} ${DAY_NL[d]} van de maand`, `iedere ${ORD_NL[ord]} ${DAY_NL[d]} van de maand`]);
    } else {
      if (days.length === 7) row.dagen = pick(['elke dag', 'maandag t/m zondag']);
      else if (days.length === 5) row.dagen = pick(['maandag t/m vrijdag', 'ma t/m vr', 'ma-vr', 'maandag tot en met vrijdag']);
      else if (days.length === 2) row.dagen = pick([`${DAY_SHORT[days[0]]} en ${DAY_SHORT[days[1]]}`, `${DAY_NL[days[0]]} en ${DAY_NL[days[1]]}`, `${DAY_SHORT[days[0]]}, ${DAY_SHORT[days[1]]}`]);
      else row.dagen = pick([DAY_SHORT[days[0]], DAY_NL[days[0]], DAY_NL[days[0]][0].toUpperCase() + DAY_NL[days[0]].slice(1)]);
      row.frequentie = days.length === 7 ? pick(['dagelijks', '']) : sc.interval === 2 ? pick(['tweewekelijks', 'om de week', 'om de 2 weken', 'tweewekelijks']) : pick(['wekelijks', 'wekelijks', 'elke week', 'iedere week', '']);
    }
  }

  const cost = m.cost;
  row.kosten = (() => {
    const lbl = cost.label;
    if (lbl === 'gratis') return pick(['gratis', 'Gratis', 'gratis']);
    if (lbl === 'vrijwillige bijdrage') return pick(['vrijwillige bijdrage', 'Vrijwillige bijdrage']);
    const amount = cost.options[0].amount;
    const a = amount === undefined ? '' : Number.isInteger(amount) ? String(amount) : amount.toFixed(2).replace('.', ',');
    if (lbl.endsWith('per keer')) return pick([`€ ${a} per keer`, `€${a} per keer`, `${a} euro per keer`, `€ ${a} p.p.`]);
    if (lbl.endsWith('per maand')) return pick([`€ ${a} per maand`, a.includes(',') ? `€${a} per maand` : `€${a},- per maand`]);
    if (lbl.endsWith('per maaltijd')) return pick([`€ ${a} per maaltijd`, `€ ${a} (incl. maaltijd)`]);
    return lbl;
  })();

  row.telefoon = service.phones[0]?.number ?? '';
  row.email = service.email ?? '';
  const site = service.url ?? m.org.website;
  row.website = rng() < 0.06 ? site.replace(/^https:\/\//, '') : site;
  row.rolstoeltoegankelijk = m.online ? '' : m.venue?.wheelchair === true ? yn(true) : m.venue?.wheelchair === false ? yn(false) : '';
  row.welzijn_op_recept = yn(m.wor);
  row.aanmelden_nodig = yn(m.signup);
  row.online = m.online ? yn(true) : rng() < 0.5 ? yn(false) : '';
  const [y, mo, d] = service.assured_date.split('-');
  row.laatst_gecontroleerd = rng() < 0.85 ? `${d}-${mo}-${y}` : service.assured_date;
  row.welzijnscoach = m.coach ? 'ja' : rng() < 0.4 ? 'nee' : '';
  if (m.coach) {
    const intakeUrl = service.attributes.find((a) => a.taxonomy_term.code === 'intake-url')?.value;
    const intakeEmail = service.attributes.find((a) => a.taxonomy_term.code === 'intake-email')?.value;
    row.intake_email = intakeEmail ?? '';
    row.intake_url = intakeUrl ?? '';
  }
  return row;
}

/** The one example row of the published template (sociale-kaart-sjabloon.csv). */
export const TEMPLATE_EXAMPLE_ROW = {
  id: 'VB-001',
  organisatie: 'Stichting Voorbeeld Buurtwerk',
  titel: 'Wandelgroep De Linde (voorbeeld)',
  omschrijving: 'Elke week wandelen we samen een rondje van een uur door de wijk. We lopen in een rustig tempo. Na afloop drinken we koffie in het buurthuis. Iedereen is welkom.',
  categorieen: 'Wandelen & natuur | Bewegen & sport',
  behoeften: 'eenzaamheid | weinig beweging',
  doelgroep: 'ouderen, volwassenen',
  adres: 'Kanaalstraat 12',
  postcode: '3531 AB',
  plaats: 'Utrecht',
  gemeente: 'Utrecht',
  dagen: 'di en do',
  tijd: '10.00 - 11.30 uur',
  frequentie: 'wekelijks',
  kosten: 'gratis',
  telefoon: '030 123 4567',
  email: 'info@voorbeeldbuurtwerk.example',
  website: 'https://www.voorbeeldbuurtwerk.example/wandelgroep',
  rolstoeltoegankelijk: 'nee',
  welzijn_op_recept: 'ja',
  aanmelden_nodig: 'nee',
  online: 'nee',
  laatst_gecontroleerd: '15-09-2026',
  welzijnscoach: 'nee',
  intake_email: '',
  intake_url: '',
};

export { taxonomyTerm, uuidFrom };
