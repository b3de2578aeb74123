/** One row of the CSV template → an activity document. */
import { foldText, resolveAudience, resolveCategory, resolveNeed, type AudienceKey, type StatusKey } from '@sociale-kaart/schema';
import { Problems, shown } from '../problems.js';
import { parseCostText } from '../normalize/cost.js';
import { scheduleFromText } from '../normalize/schedule.js';
import { htmlToText, nonEmpty, textLine } from '../normalize/text.js';
import { parseAgeRange, parseDate, parseTimestamp, parseYesNo, splitList } from '../normalize/values.js';
import { finalizeActivity, type ActivityDraft } from './activity.js';
import { keepEmail, keepLink, keepPhone, parseStatus } from './common.js';
import type { RecordOutcome, TransformContext } from './hsds.js';
import { organizationId, shortHash } from './ids.js';
import { resolvePlace } from './place.js';
import { emailAddress, httpUrl } from '../normalize/link.js';

/** Puts back together a label that itself contains a comma ("Muziek, zang & dans"). */
function joinLabels(parts: string[], resolve: (s: string) => string | undefined): string[] {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const joined = i + 1 < parts.length ? `${parts[i]}, ${parts[i + 1]}` : null;
    if (!resolve(parts[i]!) && joined && resolve(joined)) {
      out.push(joined);
      i++;
    } else out.push(parts[i]!);
  }
  return out;
}

export function transformTemplateRow(row: Record<string, string>, headers: Record<string, string>, ctx: TransformContext): RecordOutcome {
  const problems = new Problems();
  const col = (c: string) => headers[c] ?? c;
  const get = (c: string) => nonEmpty(row[c]);

  const orgName = textLine(get('organisatie'));
  const title = textLine(get('titel'));
  const description = htmlToText(get('omschrijving'));
  if (!orgName) problems.error('required', col('organisatie'), 'organisatie ontbreekt (verplicht)', 'organisatie (organization) is missing (required)');
  if (!title) problems.error('title_missing', col('titel'), 'titel ontbreekt (verplicht)', 'titel (title) is missing (required)');
  else if (title.length > 200) problems.error('title_too_long', col('titel'), `titel is ${title.length} tekens; maximaal 200`, `title has ${title.length} characters; at most 200`);
  if (!description) problems.error('required', col('omschrijving'), 'omschrijving ontbreekt (verplicht)', 'omschrijving (description) is missing (required)');

  const yesNo = (c: string, fallback: boolean | null): boolean | null => {
    const raw = get(c);
    const v = parseYesNo(raw);
    if (v === undefined) {
      problems.warn('yes_no_invalid', col(c), `${col(c)}: ${shown(raw)} is geen ja of nee`, `${col(c)}: ${shown(raw)} is not yes or no`);
      return fallback;
    }
    return v ?? fallback;
  };
  const online = yesNo('online', false) ?? false;

  const place = resolvePlace(
    { name: get('locatie'), street: get('adres'), postcode: get('postcode'), city: get('plaats'), gemeente: get('gemeente'), lat: get('lat'), lng: get('lng') },
    online,
    problems,
    { lat: col('lat'), lng: col('lng'), postcode: col('postcode'), country: 'land', location: col('postcode') },
  );

  const feedCategories: string[] = [];
  for (const c of joinLabels(splitList(get('categorieen')), resolveCategory)) {
    if (resolveCategory(c)) feedCategories.push(c);
    else problems.warn('category_unknown', col('categorieen'), `categorie ${shown(c)} onbekend: genegeerd`, `category ${shown(c)} unknown: ignored`);
  }
  const feedNeeds: string[] = [];
  for (const n of joinLabels(splitList(get('behoeften')), resolveNeed)) {
    if (resolveNeed(n)) feedNeeds.push(n);
    else problems.warn('need_unknown', col('behoeften'), `behoefte ${shown(n)} onbekend: genegeerd`, `need ${shown(n)} unknown: ignored`);
  }
  const audience: AudienceKey[] = [];
  for (const a of splitList(get('doelgroep'))) {
    const key = resolveAudience(a);
    if (key) audience.push(key);
    else problems.warn('audience_unknown', col('doelgroep'), `doelgroep ${shown(a)} onbekend: genegeerd`, `audience ${shown(a)} unknown: ignored`);
  }
  let minAge: number | null = null;
  let maxAge: number | null = null;
  const ageRaw = get('leeftijd');
  if (ageRaw) {
    const r = parseAgeRange(ageRaw);
    if (r && (r.minAge ?? 0) <= 120 && (r.maxAge ?? 0) <= 120) ({ minAge, maxAge } = r);
    else problems.warn('age_invalid', col('leeftijd'), `leeftijd ${shown(ageRaw)} niet begrepen (schrijf "55+" of "12-18")`, `age ${shown(ageRaw)} not understood (write "55+" or "12-18")`);
  }
  if (minAge !== null && minAge >= 55 && !audience.includes('ouderen')) audience.push('ouderen');

  const { schedule, partsOfDay } = scheduleFromText({ days: get('dagen'), time: get('tijd'), frequency: get('frequentie') }, problems, {
    days: col('dagen'),
    time: col('tijd'),
    frequency: col('frequentie'),
  });
  const cost = parseCostText(get('kosten'));

  let intake: { url: string | null; email: string | null } | null = null;
  const via = get('aanmelden_via');
  if (via) {
    const e = emailAddress(via);
    const u = httpUrl(via);
    if (e.ok) intake = { url: null, email: e.value };
    else if (u.ok) intake = { url: u.value, email: null };
    else problems.warn('intake_invalid', col('aanmelden_via'), `aanmelden via ${shown(via)}: geen e-mailadres of http(s)-link`, `aanmelden_via ${shown(via)}: not an e-mail address or http(s) link`);
  }
  const intakeEmail = keepEmail(get('intake_email'), problems, col('intake_email'));
  const intakeUrl = keepLink(get('intake_url'), problems, col('intake_url'), 'http');
  if (intakeEmail || intakeUrl) intake = { url: intakeUrl ?? intake?.url ?? null, email: intakeEmail ?? intake?.email ?? null };

  const assuredDate = parseDate(get('laatst_gecontroleerd'));
  if (get('laatst_gecontroleerd') && !assuredDate) {
    problems.warn('date_invalid', col('laatst_gecontroleerd'), `datum ${shown(get('laatst_gecontroleerd'))} niet begrepen (schrijf dd-mm-jjjj)`, `date ${shown(get('laatst_gecontroleerd'))} not understood (write dd-mm-yyyy)`);
  }
  const lastModified = parseTimestamp(get('laatst_gewijzigd')) ?? (assuredDate ? `${assuredDate}T00:00:00.000Z` : ctx.defaultLastModified);

  const kvkRaw = get('kvk')?.replace(/\s/g, '') ?? null;
  const kvk = kvkRaw && /^\d{8}$/.test(kvkRaw) ? kvkRaw : null;
  if (kvkRaw && !kvk) problems.warn('kvk_invalid', col('kvk'), `KvK-nummer ${shown(kvkRaw)} heeft geen 8 cijfers: weggelaten`, `KvK number ${shown(kvkRaw)} does not have 8 digits: left out`);

  const status: StatusKey = parseStatus(get('status'), problems, col('status'));
  const languages = splitList(get('talen')).map((l) => l.toLowerCase());
  const postcode = place?.location?.postcode ?? '';
  // Without an id column the record id is derived from what identifies the activity, so it
  // stays the same between runs as long as the row does.
  const recordId = get('id') ?? `r-${shortHash(`${foldText(orgName)}|${foldText(title)}|${postcode}|${foldText(get('adres') ?? '')}|${foldText(get('dagen') ?? '')}|${foldText(get('tijd') ?? '')}`, 12)}`;

  const url = keepLink(get('website'), problems, col('website'));
  const draft: ActivityDraft = {
    source: ctx.source,
    sourceRecordId: recordId,
    serviceId: recordId,
    locationId: null,
    title,
    description,
    summary: get('samenvatting') ? htmlToText(get('samenvatting')) : null,
    organization: { id: organizationId(ctx.source, kvk ? `kvk-${kvk}` : `org-${shortHash(foldText(orgName), 12)}`), name: orgName, website: null, kvk },
    feedCategories,
    feedNeeds,
    audience,
    minAge,
    maxAge,
    languages,
    schedules: schedule ? [schedule] : [],
    extraPartsOfDay: partsOfDay,
    location: place?.location ?? null,
    geo: place?.geo ?? null,
    online,
    free: cost.free ?? false,
    costDescription: cost.description,
    wheelchairAccessible: yesNo('rolstoeltoegankelijk', null),
    accessibilityNotes: get('toegankelijkheid') ? htmlToText(get('toegankelijkheid')) : null,
    phone: keepPhone(get('telefoon'), problems, col('telefoon')),
    email: keepEmail(get('email'), problems, col('email')),
    url,
    acceptsWelzijnOpRecept: yesNo('welzijn_op_recept', false) ?? false,
    referralRequired: yesNo('aanmelden_nodig', false) ?? false,
    isWelzijnscoach: yesNo('welzijnscoach', false) ?? false,
    intake,
    status,
    lastModified,
    assuredDate,
  };
  if (!problems.ok || !place) return { recordId: get('id'), activity: null, problems };
  const activity = finalizeActivity(draft, problems, {
    title: col('titel'),
    description: col('omschrijving'),
    'organization.name': col('organisatie'),
    summary: col('samenvatting'),
    costDescription: col('kosten'),
    phone: col('telefoon'),
    email: col('email'),
    url: col('website'),
  });
  return { recordId: get('id'), activity, problems };
}
