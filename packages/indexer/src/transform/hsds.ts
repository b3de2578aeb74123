/**
 * An HSDS 3.x service → activity documents: one per service-at-location, or one without a
 * place when the service has no location at all (a helpline: online / by phone).
 */
import {
  hsdsServiceSchema,
  resolveAudience,
  type Activity,
  type AudienceKey,
  type HsdsAddress,
  type HsdsAttribute,
  type HsdsLocation,
  type HsdsOrganization,
  type HsdsPhone,
  type HsdsService,
  type PartOfDay,
  type Schedule,
} from '@sociale-kaart/schema';
import { Problems, shown } from '../problems.js';
import { costFromHsds } from '../normalize/cost.js';
import { scheduleFromHsds } from '../normalize/schedule.js';
import { htmlToText, nonEmpty, textLine } from '../normalize/text.js';
import { parseDate, parseTimestamp } from '../normalize/values.js';
import { finalizeActivity, type ActivityDraft } from './activity.js';
import { keepEmail, keepLink, keepPhone, parseStatus, wheelchairFromText } from './common.js';
import { organizationId, shortHash } from './ids.js';
import { resolvePlace } from './place.js';

export interface TransformContext {
  source: string;
  /** lastModified for records that do not say (ISO 8601). */
  defaultLastModified: string;
}

export interface RecordOutcome {
  /** The record's id, with "@location" for one location of a service. */
  recordId: string | null;
  activity: Activity | null;
  problems: Problems;
}

function zodPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function termStrings(attributes: readonly HsdsAttribute[] | null | undefined): string[] {
  const out: string[] = [];
  for (const a of attributes ?? []) {
    for (const s of [a.taxonomy_term?.name, a.taxonomy_term?.code, a.label, a.value]) if (s && s.trim()) out.push(s.trim());
  }
  return out;
}

function firstPhone(...lists: Array<ReadonlyArray<HsdsPhone> | null | undefined>): { number: string; path: string } | null {
  for (const list of lists) for (const p of list ?? []) if (p.number && String(p.number).trim()) return { number: String(p.number), path: '' };
  return null;
}

function pickAddress(addresses: readonly HsdsAddress[] | null | undefined): { address: HsdsAddress; index: number } | null {
  const list = addresses ?? [];
  const physical = list.findIndex((a) => (a.address_type ?? '').toLowerCase() === 'physical');
  const index = physical >= 0 ? physical : list.length > 0 ? 0 : -1;
  return index >= 0 ? { address: list[index]!, index } : null;
}

function kvkOf(org: HsdsOrganization): string | null {
  const tax = org.tax_id?.replace(/\s/g, '');
  if (tax && /^\d{8}$/.test(tax)) return tax;
  const ids = (org as { organization_identifiers?: Array<{ identifier_scheme?: string; identifier_type?: string; identifier?: string | number }> }).organization_identifiers ?? [];
  for (const i of ids) {
    const scheme = `${i.identifier_scheme ?? ''} ${i.identifier_type ?? ''}`;
    const v = String(i.identifier ?? '').replace(/\s/g, '');
    if (/kvk|kamer van koophandel|nl-kvk/i.test(scheme) && /^\d{8}$/.test(v)) return v;
  }
  return null;
}

function age(v: number | null | undefined, problems: Problems, path: string): number | null {
  if (v == null) return null;
  if (Number.isInteger(v) && v >= 0 && v <= 120) return v;
  problems.warn('age_invalid', path, `leeftijd ${shown(v)} is geen geldige leeftijd: weggelaten`, `age ${shown(v)} is not a valid age: left out`);
  return null;
}

/** Transforms one HSDS service record into one outcome per location. */
export function transformHsdsService(raw: unknown, parentOrganization: unknown, ctx: TransformContext, mapPath: (p: string) => string = (p) => p): RecordOutcome[] {
  const base = new Problems();
  const rawId = typeof raw === 'object' && raw !== null && 'id' in raw ? String((raw as { id: unknown }).id ?? '') || null : null;
  const parsed = hsdsServiceSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = mapPath(zodPath(issue.path));
      const missing = valueAt(raw, issue.path) === undefined;
      if (missing) base.error('required', path, `verplicht veld ${path} ontbreekt`, `required field ${path} is missing`);
      else base.error('invalid_value', path, `ongeldige waarde in ${path}: ${issue.message}`, `invalid value in ${path}: ${issue.message}`);
    }
    return [{ recordId: rawId, activity: null, problems: base }];
  }
  const svc: HsdsService = parsed.data;
  const p = (path: string) => mapPath(path);

  const title = textLine(svc.name);
  if (!title) base.error('title_missing', p('name'), 'naam (titel) van de dienst ontbreekt', 'the service has no name (title)');
  else if (title.length > 200) base.error('title_too_long', p('name'), `naam is ${title.length} tekens; maximaal 200`, `name has ${title.length} characters; at most 200`);

  let org: HsdsOrganization | null = svc.organization ?? null;
  if (!org && parentOrganization && typeof parentOrganization === 'object') org = parentOrganization as HsdsOrganization;
  const orgName = org ? textLine(org.name) : '';
  if (!org) {
    if (svc.organization_id) base.error('organization_unknown', p('organization_id'), `organisatie ${shown(svc.organization_id)} niet gevonden`, `organization ${shown(svc.organization_id)} not found`);
    else base.error('organization_missing', p('organization'), 'de dienst heeft geen organisatie', 'the service has no organization');
  } else if (!orgName) {
    base.error('organization_name_missing', p('organization.name'), 'naam van de organisatie ontbreekt', 'the organization has no name');
  }

  const description = htmlToText(svc.description);
  const status = parseStatus(svc.status, base, p('status'));
  const url = keepLink(svc.url, base, p('url'));
  const email = keepEmail(svc.email, base, p('email'));
  const website = org ? keepLink(org.website ?? (org as { url?: string | null }).url, base, p('organization.website'), 'http') : null;
  const minAge = age(svc.minimum_age, base, p('minimum_age'));
  const maxAge = age(svc.maximum_age, base, p('maximum_age'));
  const lastModified = parseTimestamp(svc.last_modified) ?? ctx.defaultLastModified;
  if (svc.last_modified && !parseTimestamp(svc.last_modified)) {
    base.warn('date_invalid', p('last_modified'), `datum ${shown(svc.last_modified)} niet begrepen`, `date ${shown(svc.last_modified)} not understood`);
  }
  const assuredDate = parseDate(svc.assured_date);
  if (svc.assured_date && !assuredDate) base.warn('date_invalid', p('assured_date'), `datum ${shown(svc.assured_date)} niet begrepen`, `date ${shown(svc.assured_date)} not understood`);

  const terms = [...termStrings(svc.attributes), ...termStrings(org?.attributes)];
  const audience = [...new Set(terms.map((t) => resolveAudience(t)).filter((a): a is AudienceKey => !!a))];
  if (minAge !== null && minAge >= 55 && !audience.includes('ouderen')) audience.push('ouderen');
  const termText = terms.join(' ').toLowerCase();
  const acceptsWelzijnOpRecept = /welzijn ?op ?recept|social prescri/.test(termText);
  const isWelzijnscoach = /welzijnscoach/.test(termText) || /welzijnscoach/i.test(title);
  const referralRequired =
    /verwijz|verwijsbrief|referral/i.test(svc.application_process ?? '') || /verwijzing nodig|referral required|aanmelden[ -]nodig|registration required/.test(termText);
  const cost = costFromHsds(svc.cost_options ?? [], svc.fees_description);
  const languages = (svc.languages ?? []).map((l) => nonEmpty(l.code) ?? nonEmpty(l.name)).filter((l): l is string => !!l);
  const intakeContact = [...(svc.contacts ?? [])].find((c) => /intake|aanmeld|welzijn ?op ?recept/i.test(`${c.title ?? ''} ${c.department ?? ''} ${c.name ?? ''}`));
  // An intake can also be published as attributes whose term code is intake-url / intake-email and whose value is the address.
  const intakeAttr = (code: string) => (svc.attributes ?? []).findIndex((a) => (a.taxonomy_term?.code ?? '').toLowerCase() === code && !!a.value);
  const urlAttr = intakeAttr('intake-url');
  const emailAttr = intakeAttr('intake-email');
  const intakeUrl = urlAttr >= 0 ? keepLink(svc.attributes![urlAttr]!.value, base, p(`attributes[${urlAttr}].value`), 'http') : null;
  const intakeEmail =
    (emailAttr >= 0 ? keepEmail(svc.attributes![emailAttr]!.value, base, p(`attributes[${emailAttr}].value`)) : null) ??
    (intakeContact ? keepEmail(intakeContact.email, base, p('contacts.email')) : null);

  const serviceId = svc.id;
  const sals = svc.service_at_locations ?? [];
  const common = (): Omit<ActivityDraft, 'locationId' | 'schedules' | 'extraPartsOfDay' | 'location' | 'geo' | 'online' | 'phone' | 'wheelchairAccessible' | 'accessibilityNotes' | 'sourceRecordId'> => ({
    source: ctx.source,
    serviceId,
    title,
    description,
    organization: {
      // An empty id names nobody: such organisations are told apart by their name, like those without one.
      id: organizationId(ctx.source, org?.id ? String(org.id) : svc.organization_id || `org-${shortHash(orgName)}`),
      name: orgName,
      website,
      kvk: org ? kvkOf(org) : null,
    },
    feedCategories: terms,
    feedNeeds: terms,
    audience,
    minAge,
    maxAge,
    languages,
    free: cost.free ?? false,
    costDescription: cost.description,
    email,
    url,
    acceptsWelzijnOpRecept,
    referralRequired,
    isWelzijnscoach,
    intake: intakeEmail || intakeUrl ? { url: intakeUrl, email: intakeEmail } : null,
    status,
    lastModified,
    assuredDate,
  });

  const schedulesOf = (list: NonNullable<HsdsService['schedules']>, path: string, problems: Problems): { schedules: Schedule[]; parts: PartOfDay[] } => {
    const schedules: Schedule[] = [];
    const parts: PartOfDay[] = [];
    list.forEach((s, i) => {
      const r = scheduleFromHsds(s, problems, p(`${path}[${i}]`));
      if (r.schedule) schedules.push(r.schedule);
      parts.push(...r.partsOfDay);
    });
    return { schedules, parts };
  };

  if (sals.length === 0) {
    const problems = new Problems();
    problems.errors.push(...base.errors);
    problems.warnings.push(...base.warnings);
    const { schedules, parts } = schedulesOf(svc.schedules ?? [], 'schedules', problems);
    const phoneRaw = firstPhone(svc.phones, ...(svc.contacts ?? []).map((c) => c.phones), org?.phones);
    const draft: ActivityDraft = {
      ...common(),
      sourceRecordId: serviceId,
      locationId: null,
      schedules,
      extraPartsOfDay: parts,
      location: null,
      geo: null,
      // No place at all: a helpline or an online service, usable from anywhere.
      online: true,
      phone: phoneRaw ? keepPhone(phoneRaw.number, problems, p('phones[0].number')) : null,
      wheelchairAccessible: null,
      accessibilityNotes: null,
    };
    const activity = problems.ok ? finalizeActivity(draft, problems, { title: p('name'), 'organization.name': p('organization.name') }) : null;
    return [{ recordId: serviceId, activity, problems }];
  }

  return sals.map((sal, i) => {
    const problems = new Problems();
    problems.errors.push(...base.errors);
    problems.warnings.push(...base.warnings);
    const salPath = `service_at_locations[${i}]`;
    const loc: HsdsLocation | null = sal.location ?? null;
    const locationId = loc?.id ? String(loc.id) : sal.location_id ?? (sal.id ? String(sal.id) : String(i + 1));
    if (!loc && sal.location_id) {
      problems.error('location_unknown', p(`${salPath}.location_id`), `locatie ${shown(sal.location_id)} niet gevonden`, `location ${shown(sal.location_id)} not found`);
    }
    const virtual = (loc?.location_type ?? '').toLowerCase() === 'virtual';
    const picked = pickAddress(loc?.addresses);
    const addr = picked?.address;
    const addrPath = `${salPath}.location.addresses[${picked?.index ?? 0}]`;
    const place =
      loc && !virtual
        ? resolvePlace(
            {
              name: textLine(loc.name) || null,
              street: [addr?.address_1, addr?.address_2].map((s) => textLine(s)).filter((s) => s !== '').join(', ') || null,
              postcode: addr?.postal_code ?? null,
              city: textLine(addr?.city) || null,
              gemeente: textLine(addr?.region) || null,
              country: addr?.country ?? null,
              lat: loc.latitude ?? null,
              lng: loc.longitude ?? null,
            },
            false,
            problems,
            {
              lat: p(`${salPath}.location.latitude`),
              lng: p(`${salPath}.location.longitude`),
              postcode: p(`${addrPath}.postal_code`),
              country: p(`${addrPath}.country`),
              location: p(`${salPath}.location`),
            },
          )
        : { location: null, geo: null };
    const ownSchedules = (sal.schedules ?? []).length > 0;
    const { schedules, parts } = schedulesOf(ownSchedules ? sal.schedules! : svc.schedules ?? [], ownSchedules ? `${salPath}.schedules` : 'schedules', problems);
    const phoneRaw = firstPhone(sal.phones, svc.phones, loc?.phones, ...(svc.contacts ?? []).map((c) => c.phones), org?.phones);
    const accessText = (loc?.accessibility ?? []).map((a) => [a.description, a.details].map((t) => htmlToText(t)).filter((t) => t !== '').join(' ')).filter((t) => t !== '').join('\n');
    // A yes/no attribute (term code wheelchair_accessible, value true/false) says it outright;
    // otherwise a term or the accessibility text that names wheelchair access.
    const stated = (loc?.attributes ?? []).find((a) => a.taxonomy_term?.code === 'wheelchair_accessible' && (a.value === 'true' || a.value === 'false'));
    const wheelchairTerm = terms.some((t) => /rolstoeltoegankelijk|wheelchair accessible/i.test(t)) || termStrings(loc?.attributes).some((t) => /rolstoeltoegankelijk|wheelchair/i.test(t));
    const draft: ActivityDraft = {
      ...common(),
      sourceRecordId: serviceId,
      locationId,
      schedules,
      extraPartsOfDay: parts,
      location: place?.location ?? null,
      geo: place?.geo ?? null,
      online: virtual || !loc,
      phone: phoneRaw ? keepPhone(phoneRaw.number, problems, p('phones[0].number')) : null,
      wheelchairAccessible: stated ? stated.value === 'true' : wheelchairTerm ? true : wheelchairFromText(accessText),
      accessibilityNotes: accessText || null,
    };
    const activity = problems.ok && place ? finalizeActivity(draft, problems, { title: p('name'), 'organization.name': p('organization.name') }) : null;
    return { recordId: `${serviceId}@${locationId}`, activity, problems };
  });
}
