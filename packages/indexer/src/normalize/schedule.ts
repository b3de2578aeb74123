/**
 * Schedules: HSDS schedule objects and the Dutch text of the CSV template
 * ("di en do", "maandag t/m vrijdag", "10.00 - 12.00 uur", "elke eerste maandag van de maand")
 * → the structured form of the activity document, plus the `days` and `partsOfDay` facets.
 */
import { DAY_KEYS, PARTS_OF_DAY, days as DAY_TABLE, foldText, partsOfDay as PART_TABLE, type DayKey, type PartOfDay, type Schedule } from '@sociale-kaart/schema';
import type { Problems } from '../problems.js';
import { htmlToText, truncate } from './text.js';
import { parseDate } from './values.js';

const RRULE_OF = new Map<DayKey, string>(DAY_TABLE.map((d) => [d.key, d.rrule]));
const DAY_OF_RRULE = new Map<string, DayKey>(DAY_TABLE.map((d) => [d.rrule, d.key]));

const DAY_WORDS: Record<DayKey, string[]> = {
  ma: ['maandag', 'ma', 'maa', 'mon', 'mo', 'monday'],
  di: ['dinsdag', 'di', 'din', 'tue', 'tu', 'tuesday'],
  wo: ['woensdag', 'wo', 'woe', 'wed', 'we', 'wednesday'],
  do: ['donderdag', 'do', 'don', 'thu', 'th', 'thursday'],
  vr: ['vrijdag', 'vr', 'vrij', 'fri', 'fr', 'friday'],
  za: ['zaterdag', 'za', 'zat', 'sat', 'sa', 'saturday'],
  zo: ['zondag', 'zo', 'zon', 'sun', 'su', 'sunday'],
};
const PART_WORDS: Record<PartOfDay, RegExp> = {
  ochtend: /^(s)?ochtend(s|en)?$|^morgen(s)?$|^voormiddag(s)?$/,
  middag: /^(s)?middag(s|en)?$|^namiddag(s)?$/,
  avond: /^(s)?avond(s|en)?$/,
};

const PART_ENTRIES = Object.entries(PART_WORDS) as Array<[PartOfDay, RegExp]>;
/** The part of day a word names ("ochtend", "'s avonds", "namiddag"), if any. */
const partOfWord = (word: string): PartOfDay | undefined => PART_ENTRIES.find(([, re]) => re.test(word))?.[0];

const dayByWord = new Map<string, DayKey>();
for (const [key, words] of Object.entries(DAY_WORDS) as Array<[DayKey, string[]]>) {
  for (const w of words) dayByWord.set(w, key);
}

function dayOfWord(word: string, strict = false): { day: DayKey; part?: PartOfDay } | undefined {
  const direct = dayByWord.get(word);
  if (direct && (!strict || DAY_WORDS[direct][0] === word)) return { day: direct };
  for (const [key, words] of Object.entries(DAY_WORDS) as Array<[DayKey, string[]]>) {
    const full = words[0]!;
    if (!word.startsWith(full)) continue;
    const rest = word.slice(full.length);
    if (rest === 's' || rest === 'en') return { day: key };
    const part = partOfWord(rest);
    if (part) return { day: key, part };
  }
  return undefined;
}

/** Folded words (schema's `foldText`), with "t/m" and day ranges written with a dash turned into the word "tm" first. */
function words(text: string): string[] {
  const s = text
    .toLowerCase()
    .replace(/\bt\s*\/\s*m\b|\btot\s+en\s+met\b|\btm\b/g, ' tm ')
    .replace(/(?<=\p{L})\s*[-–—]\s*(?=\p{L})/gu, ' tm ')
    .replace(/['’]s\b/g, ' ');
  return foldText(s).split(/[^a-z0-9]+/).filter((w) => w !== '');
}

const FILLER = new Set(['en', 'elke', 'iedere', 'ieder', 'elk', 'op', 'de', 'het', 'van', 'om', 'week', 'and', 'every', 'on', 'alle', 's', 'plus', 'ook', 'en/of', 'of', 'per']);

export interface DaysResult {
  days: DayKey[];
  partsOfDay: PartOfDay[];
  /** Words that were neither a day nor filler. */
  unknown: string[];
}

/** Days in week order, each once. */
function sortDays(ds: Iterable<DayKey>): DayKey[] {
  const set = new Set(ds);
  return DAY_KEYS.filter((d) => set.has(d));
}

/** Parts of day in day order, each once: the one place they are sorted. */
function sortParts(ps: Iterable<PartOfDay>): PartOfDay[] {
  const set = new Set(ps);
  return PARTS_OF_DAY.filter((p) => set.has(p));
}

/** Every part of day named in a list of words. */
function partsIn(ws: readonly string[]): PartOfDay[] {
  return ws.map(partOfWord).filter((p): p is PartOfDay => p !== undefined);
}

/**
 * The weekdays in a text: "di", "di en do", "ma, wo en vr", "maandag t/m vrijdag",
 * "ma-vr", "werkdagen", "weekend", "dagelijks", "woensdagmiddag".
 */
export function parseDays(text: string | null | undefined, { strict = false }: { strict?: boolean } = {}): DaysResult {
  const out = new Set<DayKey>();
  const parts = new Set<PartOfDay>();
  const unknown: string[] = [];
  if (!text) return { days: [], partsOfDay: [], unknown };
  const ws = words(text);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const d = dayOfWord(w, strict);
    if (d) {
      if (d.part) parts.add(d.part);
      const next = ws[i + 1];
      const end = next === 'tm' ? dayOfWord(ws[i + 2] ?? '', strict) : undefined;
      if (end) {
        const a = DAY_KEYS.indexOf(d.day);
        const b = DAY_KEYS.indexOf(end.day);
        for (let k = a; ; k = (k + 1) % 7) {
          out.add(DAY_KEYS[k]!);
          if (k === b) break;
        }
        if (end.part) parts.add(end.part);
        i += 2;
      } else {
        out.add(d.day);
      }
      continue;
    }
    if (w === 'dagelijks' || w === 'daily' || (w === 'dag' && ws[i - 1] === 'elke') || w === 'dagen') {
      for (const k of DAY_KEYS) out.add(k);
      continue;
    }
    if (w === 'werkdagen' || w === 'doordeweeks' || w === 'weekdagen' || w === 'weekdays') {
      for (const k of DAY_KEYS.slice(0, 5)) out.add(k);
      continue;
    }
    if (w === 'weekend' || w === 'weekenden' || w === 'weekends') {
      out.add('za');
      out.add('zo');
      continue;
    }
    const part = partOfWord(w);
    if (part) {
      parts.add(part);
      continue;
    }
    if (FILLER.has(w) || w === 'tm') continue;
    unknown.push(w);
  }
  return { days: sortDays(out), partsOfDay: sortParts(parts), unknown };
}

export interface TimeResult {
  opensAt: string | null;
  closesAt: string | null;
  partsOfDay: PartOfDay[];
}

function hhmm(h: string, m: string | undefined): string | null {
  const hours = Number(h);
  const minutes = m === undefined ? 0 : Number(m);
  if (!Number.isInteger(hours) || hours < 0 || hours > 24 || minutes < 0 || minutes > 59) return null;
  if (hours === 24 && minutes !== 0) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

const CLOCK = String.raw`(\d{1,2})(?:[:.hu](\d{2}))?`;
const RANGE = new RegExp(String.raw`${CLOCK}\s*(?:uur|u)?\s*(?:-|–|—|tot|tm|t/m|to|until)\s*${CLOCK}\s*(?:uur|u)?`);
const SINGLE = new RegExp(String.raw`(?:^|\b(?:vanaf|om|from|at)\s+)${CLOCK}\s*(?:uur|u)?(?:\b|$)`);

/** Times of day: "10:00-12:00", "10.00 - 12.00 uur", "van 9 tot 12", "19:30", "vanaf 14.00 uur", "'s avonds". */
export function parseTimeRange(text: string | null | undefined): TimeResult | null {
  if (!text) return null;
  const s = text.toLowerCase().replace(/[’']/g, '').trim();
  if (s === '') return null;
  const partsOfDay = sortParts(partsIn(s.split(/[^a-z]+/)));
  const range = RANGE.exec(s);
  if (range) {
    const opensAt = hhmm(range[1]!, range[2]);
    const closesAt = hhmm(range[3]!, range[4]);
    if (opensAt && closesAt) return { opensAt, closesAt, partsOfDay };
    return partsOfDay.length > 0 ? { opensAt: null, closesAt: null, partsOfDay } : null;
  }
  const single = /^\s*(?:vanaf|om|from|at)?\s*(\d{1,2})(?:[:.hu](\d{2}))?\s*(?:uur|u)?\s*$/.exec(s) ?? SINGLE.exec(s);
  if (single && (single[2] !== undefined || /uur|vanaf|om\b|\d\s*u\b/.test(s) || /^\s*\d{1,2}\s*$/.test(s))) {
    const opensAt = hhmm(single[1]!, single[2]);
    if (opensAt) return { opensAt, closesAt: null, partsOfDay };
  }
  return partsOfDay.length > 0 ? { opensAt: null, closesAt: null, partsOfDay } : null;
}

export interface FrequencyResult {
  freq: Schedule['freq'];
  interval: number;
  /** Ordinals of the weekday within the month: 1 = first, -1 = last. */
  ordinals: number[];
  /** Weekdays named in the frequency text ("elke eerste maandag"). */
  days: DayKey[];
  /** For freq "once". */
  date: string | null;
}

const ORDINAL_WORDS: Record<string, number> = {
  eerste: 1, '1e': 1, '1ste': 1, first: 1,
  tweede: 2, '2e': 2, '2de': 2, second: 2,
  derde: 3, '3e': 3, '3de': 3, third: 3,
  vierde: 4, '4e': 4, '4de': 4, fourth: 4,
  vijfde: 5, '5e': 5, '5de': 5, fifth: 5,
  laatste: -1, last: -1,
  voorlaatste: -2,
};
const NUMBER_WORDS: Record<string, number> = { een: 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6 };
const BIMONTHLY = /\bom de (andere |2 |twee )?maand|\btweemaandelijks/;
/** First, second, …, then the last ones: "eerste en laatste" is 1, -1. */
const ordinalOrder = (a: number, b: number) => (a < 0 ? 10 - a : a) - (b < 0 ? 10 - b : b);

/**
 * How often: "wekelijks", "tweewekelijks", "om de week", "maandelijks", "1x per maand",
 * "elke eerste maandag van de maand", "eerste en derde dinsdag", "laatste vrijdag van de maand",
 * "dagelijks", "eenmalig op 12-03-2025". Null when not understood.
 */
export function parseFrequency(text: string | null | undefined, { strict = false }: { strict?: boolean } = {}): FrequencyResult | null {
  if (!text) return null;
  const raw = text.trim();
  if (raw === '') return null;
  const s = foldText(raw);
  const dateMatch = /(\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2})/.exec(raw);
  const ws = words(raw);
  const dayInfo = parseDays(raw, { strict });
  const ordinals = [...new Set(ws.map((w) => ORDINAL_WORDS[w]).filter((n): n is number => n !== undefined))];
  const base = { ordinals: [] as number[], days: dayInfo.days, date: null as string | null };

  if (/\beenmalig|\bonce\b|\been keer\b|\b1 ?x\b(?! per)/.test(s) && dateMatch) {
    const date = parseDate(dateMatch[1]!);
    if (date) return { ...base, freq: 'once', interval: 1, date };
  }
  if (ordinals.length > 0 && (/\bmaand|\bmonth/.test(s) || dayInfo.days.length > 0)) {
    return { ...base, freq: 'monthly', interval: BIMONTHLY.test(s) ? 2 : 1, ordinals: ordinals.sort(ordinalOrder) };
  }
  const nWeekly = /\b(twee|drie|vier|2|3|4) ?wekelijks/.exec(s) ?? /\bom de (twee|drie|vier|2|3|4) weken/.exec(s) ?? /\b(?:1 ?x|een keer|eens) per (twee|drie|vier|2|3|4) weken/.exec(s);
  if (nWeekly) return { ...base, freq: 'weekly', interval: NUMBER_WORDS[nWeekly[1]!] ?? Number(nWeekly[1]) };
  if (/\bom de (andere )?week\b|\bbiweekly\b|\bevery other week\b/.test(s)) return { ...base, freq: 'weekly', interval: 2 };
  if (/\bwekelijks|\belke week|\biedere week|\bper week|\bweekly|\bevery week/.test(s)) return { ...base, freq: 'weekly', interval: 1 };
  if (BIMONTHLY.test(s)) return { ...base, freq: 'monthly', interval: 2 };
  if (/\bkwartaal|\bdriemaandelijks|\bom de (3|drie) maanden/.test(s)) return { ...base, freq: 'monthly', interval: 3 };
  if (/\bmaandelijks|\belke maand|\biedere maand|\bper maand|\bmonthly|\bevery month/.test(s)) return { ...base, freq: 'monthly', interval: 1 };
  if (/\bdagelijks|\belke dag|\biedere dag|\bdaily|\bevery day/.test(s)) return { ...base, freq: 'daily', interval: 1 };
  if (dayInfo.days.length > 0 && dayInfo.unknown.length === 0) return { ...base, freq: 'weekly', interval: 1 };
  return null;
}

/** By-day rules: the weekdays as RRULE days, with the month's ordinals ("1MO", "-1FR") for a monthly rule. */
function bydayRules(freq: Schedule['freq'], weekdays: readonly DayKey[], ordinals: readonly number[]): string[] {
  if (freq === 'daily' || freq === 'once') return [];
  const rr = weekdays.map((d) => RRULE_OF.get(d)!);
  return freq === 'monthly' && ordinals.length > 0 ? ordinals.flatMap((o) => rr.map((r) => `${o}${r}`)) : rr;
}

/** The recurrence that days and frequency written in words describe (weekly when no frequency was given). */
function ruleFromWords(dayInfo: DaysResult, freq: FrequencyResult | null): Pick<Schedule, 'freq' | 'interval' | 'byday' | 'date'> & { weekdays: DayKey[] } {
  const kind = freq?.freq ?? 'weekly';
  const weekdays = sortDays([...dayInfo.days, ...(freq?.days ?? [])]);
  return { freq: kind, interval: freq?.interval ?? 1, byday: bydayRules(kind, weekdays, freq?.ordinals ?? []), date: freq?.date ?? null, weekdays };
}

export interface TemplateScheduleInput {
  days?: string | null;
  time?: string | null;
  frequency?: string | null;
}

/**
 * One schedule from the template's `dagen`, `tijd` and `frequentie` columns. Text that is
 * not understood is kept in the schedule's description and reported as a warning.
 */
export function scheduleFromText(input: TemplateScheduleInput, problems: Problems, paths = { days: 'dagen', time: 'tijd', frequency: 'frequentie' }): { schedule: Schedule | null; partsOfDay: PartOfDay[] } {
  const daysText = input.days?.trim() ?? '';
  const timeText = input.time?.trim() ?? '';
  const freqText = input.frequency?.trim() ?? '';
  if (!daysText && !timeText && !freqText) return { schedule: null, partsOfDay: [] };

  const dayInfo = parseDays(daysText);
  if (daysText && (dayInfo.unknown.length > 0 || (dayInfo.days.length === 0 && dayInfo.partsOfDay.length === 0))) {
    problems.warn('days_not_understood', paths.days, `dagen ${JSON.stringify(daysText)} niet (helemaal) begrepen: schrijf bijvoorbeeld "di", "di en do" of "maandag t/m vrijdag"`, `days ${JSON.stringify(daysText)} not (fully) understood`);
  }
  const time = parseTimeRange(timeText);
  if (timeText && (!time || (time.opensAt === null && time.partsOfDay.length === 0))) {
    problems.warn('time_not_understood', paths.time, `tijd ${JSON.stringify(timeText)} niet begrepen: schrijf bijvoorbeeld "10:00-12:00"`, `time ${JSON.stringify(timeText)} not understood`);
  }
  const freq = parseFrequency(freqText);
  // "Op afspraak" is a real answer, not a typo: kept as text, nothing to structure.
  const byAppointment = /\b(op afspraak|in overleg|wisselend|op aanvraag|flexibel|naar behoefte|by appointment)\b/i.test(freqText);
  if (freqText && !freq && !byAppointment) {
    problems.warn('frequency_not_understood', paths.frequency, `frequentie ${JSON.stringify(freqText)} niet begrepen: schrijf bijvoorbeeld "wekelijks", "tweewekelijks" of "elke eerste maandag van de maand"`, `frequency ${JSON.stringify(freqText)} not understood`);
  }

  const { weekdays: _, ...rule } = ruleFromWords(dayInfo, freq);
  const description = truncate([daysText, timeText, freqText].filter((t) => t !== '').join(', '), 500);
  const schedule: Schedule = {
    ...rule,
    bymonthday: [],
    opensAt: time?.opensAt ?? null,
    closesAt: time?.closesAt ?? null,
    validFrom: null,
    validTo: null,
    description,
  };
  return { schedule, partsOfDay: sortParts([...dayInfo.partsOfDay, ...(time?.partsOfDay ?? [])]) };
}

/** "10:00:00", "10:00", "1000", "10.00" → "10:00"; null when not a time. */
export function normalizeClock(input: string | null | undefined): string | null {
  if (input == null) return null;
  const m = /^\s*(\d{1,2})(?:[:.]?(\d{2}))(?::(\d{2})(?:\.\d+)?)?\s*(?:z|[+-]\d{2}:?\d{2})?\s*$/i.exec(String(input));
  return m ? hhmm(m[1]!, m[2]) : null;
}

export interface HsdsScheduleLike {
  freq?: string | null | undefined;
  interval?: number | null | undefined;
  byday?: string | null | undefined;
  bymonthday?: string | null | undefined;
  opens_at?: string | null | undefined;
  closes_at?: string | null | undefined;
  valid_from?: string | null | undefined;
  valid_to?: string | null | undefined;
  dtstart?: string | null | undefined;
  description?: string | null | undefined;
}

/** An HSDS schedule → our structured schedule. A schedule with only a description is read as Dutch text. */
export function scheduleFromHsds(s: HsdsScheduleLike, problems: Problems, path: string): { schedule: Schedule | null; partsOfDay: PartOfDay[] } {
  const description = s.description ? truncate(htmlToText(s.description).replace(/\s+/g, ' '), 500) : null;
  const freqRaw = (s.freq ?? '').trim().toUpperCase();
  const bydayTokens = (s.byday ?? '').split(/[,\s]+/).map((t) => t.trim().toUpperCase()).filter((t) => t !== '');
  const byday: string[] = [];
  for (const t of bydayTokens) {
    if (/^(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/.test(t)) byday.push(t);
    else problems.warn('byday_invalid', `${path}.byday`, `dag ${JSON.stringify(t)} in byday niet begrepen: overgeslagen`, `byday value ${JSON.stringify(t)} not understood: skipped`);
  }
  let freq: Schedule['freq'] | null =
    freqRaw === 'WEEKLY' ? 'weekly' : freqRaw === 'MONTHLY' ? 'monthly' : freqRaw === 'DAILY' ? 'daily' : null;
  if (freqRaw && !freq) {
    problems.warn('freq_unsupported', `${path}.freq`, `frequentie ${JSON.stringify(s.freq)} wordt niet ondersteund: alleen de omschrijving is overgenomen`, `freq ${JSON.stringify(s.freq)} is not supported: only the description was kept`);
  }
  const opensAt = normalizeClock(s.opens_at);
  const closesAt = normalizeClock(s.closes_at);
  if (s.opens_at && !opensAt) problems.warn('time_invalid', `${path}.opens_at`, `openingstijd ${JSON.stringify(s.opens_at)} is geen tijd`, `opens_at ${JSON.stringify(s.opens_at)} is not a time`);
  if (s.closes_at && !closesAt) problems.warn('time_invalid', `${path}.closes_at`, `sluitingstijd ${JSON.stringify(s.closes_at)} is geen tijd`, `closes_at ${JSON.stringify(s.closes_at)} is not a time`);

  if (!freq && byday.length > 0) freq = byday.some((b) => /^-?\d/.test(b)) ? 'monthly' : 'weekly';
  if (!freq) {
    // No rule: a Dutch description such as "elke dinsdag 10-12 uur" still says when.
    // Only full day names count in free text ("zo" and "ma" are ordinary words too).
    if (description) {
      const dayInfo = parseDays(description, { strict: true });
      const t = parseTimeRange(description);
      const { weekdays, ...rule } = ruleFromWords(dayInfo, parseFrequency(description, { strict: true }));
      if (weekdays.length > 0 || rule.freq === 'daily') {
        return {
          schedule: {
            ...rule,
            bymonthday: [],
            opensAt: opensAt ?? t?.opensAt ?? null,
            closesAt: closesAt ?? t?.closesAt ?? null,
            validFrom: parseDate(s.valid_from),
            validTo: parseDate(s.valid_to),
            description,
          },
          partsOfDay: sortParts([...dayInfo.partsOfDay, ...(t?.partsOfDay ?? [])]),
        };
      }
    }
    if (!description && !opensAt) return { schedule: null, partsOfDay: [] };
    freq = 'weekly';
  }
  const bymonthday =
    freq === 'monthly' && byday.length === 0
      ? (s.bymonthday ?? '')
          .split(/[,\s]+/)
          .map(Number)
          .filter((n) => Number.isInteger(n) && n !== 0 && n >= -31 && n <= 31)
      : [];
  const interval = typeof s.interval === 'number' && Number.isInteger(s.interval) && s.interval >= 1 && s.interval <= 52 ? s.interval : 1;
  return {
    schedule: {
      freq,
      interval,
      byday: freq === 'daily' ? [] : byday,
      bymonthday,
      opensAt,
      closesAt,
      validFrom: parseDate(s.valid_from),
      validTo: parseDate(s.valid_to),
      date: null,
      description,
    },
    partsOfDay: [],
  };
}

function minutes(t: string): number {
  const [h, m] = t.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** The `days` and `partsOfDay` facets of a set of schedules (plus parts of day named in words). */
export function scheduleFacets(schedules: readonly Schedule[], extraParts: readonly PartOfDay[] = []): { days: DayKey[]; partsOfDay: PartOfDay[] } {
  const ds = new Set<DayKey>();
  const parts = new Set<PartOfDay>(extraParts);
  for (const s of schedules) {
    if (s.freq === 'daily') for (const d of DAY_KEYS) ds.add(d);
    for (const b of s.byday) {
      const d = DAY_OF_RRULE.get(b.replace(/^-?\d/, ''));
      if (d) ds.add(d);
    }
    if (s.freq === 'once' && s.date) {
      const [y, m, d] = s.date.split('-').map(Number) as [number, number, number];
      ds.add(DAY_KEYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]!);
    }
    if (s.opensAt) {
      const open = minutes(s.opensAt);
      let close = s.closesAt ? minutes(s.closesAt) : open + 1;
      if (close <= open) close = 24 * 60; // runs past midnight: counts until the end of the day
      for (const p of PART_TABLE) {
        if (open < minutes(p.to) && close > minutes(p.from)) parts.add(p.key);
      }
    }
  }
  return { days: sortDays(ds), partsOfDay: sortParts(parts) };
}
