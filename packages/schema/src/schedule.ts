/**
 * Schedules for people: readable text ("elke dinsdag 10:00–12:00") and the next
 * occurrence in Europe/Amsterdam. Pure: no I/O, no time-zone library (Intl knows
 * the Dutch DST rules).
 */
import type { Schedule } from './activity.js';
import type { Lang } from './taxonomy.js';

export const SCHEDULE_TIME_ZONE = 'Europe/Amsterdam';

const RRULE_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
type RruleDay = (typeof RRULE_DAYS)[number];

const DAY_NAMES: Record<Lang, readonly string[]> = {
  nl: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};
const MONTH_NAMES: Record<Lang, readonly string[]> = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
const ORDINALS: Record<Lang, Record<string, string>> = {
  nl: { '1': 'eerste', '2': 'tweede', '3': 'derde', '4': 'vierde', '5': 'vijfde', '-1': 'laatste', '-2': 'voorlaatste' },
  en: { '1': 'first', '2': 'second', '3': 'third', '4': 'fourth', '5': 'fifth', '-1': 'last', '-2': 'second to last' },
};
const NUMBER_WORDS_NL = ['', 'één', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien', 'elf', 'twaalf'];

interface ByDay {
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
  /** 1…5, -1…-5, or undefined for "every such weekday". */
  ordinal?: number;
}

function parseByday(values: readonly string[]): ByDay[] {
  const out: ByDay[] = [];
  for (const v of values) {
    const m = /^(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/.exec(v.trim().toUpperCase());
    if (!m) continue;
    const weekday = RRULE_DAYS.indexOf(m[2] as RruleDay);
    out.push(m[1] ? { weekday, ordinal: Number(m[1]) } : { weekday });
  }
  return out;
}

function joinList(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items[0] ?? '';
  const and = lang === 'nl' ? ' en ' : ' and ';
  return `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`;
}

function timeRange(s: Pick<Schedule, 'opensAt' | 'closesAt'>, lang: Lang): string {
  if (s.opensAt && s.closesAt) return `${s.opensAt}–${s.closesAt}`;
  if (s.opensAt) return lang === 'nl' ? `vanaf ${s.opensAt}` : `from ${s.opensAt}`;
  if (s.closesAt) return lang === 'nl' ? `tot ${s.closesAt}` : `until ${s.closesAt}`;
  return '';
}

function dayOfMonthText(n: number, lang: Lang): string {
  if (lang === 'nl') return n === -1 ? 'de laatste dag' : n < 0 ? `${-n} dagen voor het einde` : `de ${n}e`;
  if (n === -1) return 'the last day';
  if (n < 0) return `${-n} days before the end`;
  const suffix = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `the ${n}${suffix}`;
}

function formatIsoDate(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = weekdayOf(y, m, d);
  return `${DAY_NAMES[lang][weekday]} ${d} ${MONTH_NAMES[lang][m - 1]} ${y}`;
}

/** The recurrence part without times, or null when the schedule says too little. */
function recurrenceText(s: Schedule, lang: Lang): string | null {
  const nl = lang === 'nl';
  const interval = s.interval ?? 1;
  const byday = parseByday(s.byday ?? []);
  const plainDays = [...new Set(byday.filter((b) => b.ordinal === undefined).map((b) => b.weekday))].sort((a, b) => a - b);
  const dayNames = plainDays.map((d) => DAY_NAMES[lang][d]!);
  switch (s.freq) {
    case 'once':
      if (!s.date) return null;
      return nl ? `op ${formatIsoDate(s.date, lang)}` : `on ${formatIsoDate(s.date, lang)}`;
    case 'daily':
      if (interval === 1) return nl ? 'elke dag' : 'every day';
      if (interval === 2) return nl ? 'om de dag' : 'every other day';
      return nl ? `elke ${interval} dagen` : `every ${interval} days`;
    case 'weekly': {
      if (dayNames.length === 0) {
        if (interval === 1) return nl ? 'elke week' : 'every week';
        if (interval === 2) return nl ? 'om de week' : 'every other week';
        return nl ? `elke ${interval} weken` : `every ${interval} weeks`;
      }
      const list = joinList(dayNames, lang);
      if (interval === 1) return nl ? `elke ${list}` : `every ${list}`;
      if (interval === 2) return nl ? `om de week op ${list}` : `every other week on ${list}`;
      return nl ? `elke ${interval} weken op ${list}` : `every ${interval} weeks on ${list}`;
    }
    case 'monthly': {
      const ordinal = byday.filter((b) => b.ordinal !== undefined);
      let core: string | null = null;
      if (ordinal.length > 0) {
        // Group by weekday: "eerste en derde maandag".
        const byWeekday = new Map<number, number[]>();
        for (const b of ordinal) byWeekday.set(b.weekday, [...(byWeekday.get(b.weekday) ?? []), b.ordinal!]);
        const parts = [...byWeekday.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([wd, ords]) => {
            const sorted = [...new Set(ords)].sort((a, b) => (a < 0 ? 10 - a : a) - (b < 0 ? 10 - b : b));
            return `${joinList(sorted.map((o) => ORDINALS[lang][String(o)] ?? String(o)), lang)} ${DAY_NAMES[lang][wd]}`;
          });
        core = joinList(parts, lang);
        if (interval === 1) return nl ? `elke ${core} van de maand` : `every ${core} of the month`;
        return nl ? `${everyNMonths(interval, lang)} op de ${core}` : `${everyNMonths(interval, lang)} on the ${core}`;
      }
      const monthdays = s.bymonthday ?? [];
      if (monthdays.length > 0) {
        const list = joinList(
          [...monthdays].sort((a, b) => (a < 0 ? 100 - a : a) - (b < 0 ? 100 - b : b)).map((n) => dayOfMonthText(n, lang)),
          lang,
        );
        return nl ? `${everyNMonths(interval, lang)} op ${list}` : `${everyNMonths(interval, lang)} on ${list}`;
      }
      if (dayNames.length > 0) {
        const list = joinList(dayNames, lang);
        return nl ? `${everyNMonths(interval, lang)}, op ${list}` : `${everyNMonths(interval, lang)}, on ${list}`;
      }
      return everyNMonths(interval, lang);
    }
    default:
      return null;
  }
}

function everyNMonths(interval: number, lang: Lang): string {
  if (lang === 'nl') {
    if (interval === 1) return 'elke maand';
    if (interval === 2) return 'om de maand';
    return `elke ${NUMBER_WORDS_NL[interval] ?? interval} maanden`;
  }
  if (interval === 1) return 'every month';
  if (interval === 2) return 'every other month';
  return `every ${interval} months`;
}

/**
 * One schedule as a short sentence: "elke dinsdag 10:00–12:00",
 * "elke eerste maandag van de maand 19:30–21:00", "om de week op woensdag".
 * Falls back to the schedule's own description when the structure says too little.
 */
export function formatSchedule(schedule: Schedule, lang: Lang = 'nl'): string | null {
  const recurrence = recurrenceText(schedule, lang);
  const weak = recurrence === null || (schedule.freq === 'weekly' && (schedule.byday ?? []).length === 0);
  const description = schedule.description?.trim() || null;
  if (weak && description) return description;
  if (recurrence === null) return null;
  const time = timeRange(schedule, lang);
  return time ? `${recurrence} ${time}` : recurrence;
}

/** All schedules of an activity in one line, separated by "; "; null when there are none. */
export function formatSchedules(schedules: readonly Schedule[], lang: Lang = 'nl'): string | null {
  const parts = schedules.map((s) => formatSchedule(s, lang)).filter((t): t is string => !!t);
  return parts.length > 0 ? [...new Set(parts)].join('; ') : null;
}

// ---------------------------------------------------------------------------
// Calendar arithmetic on plain dates (no time zone involved).

function epochDay(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
}
function fromEpochDay(n: number): { y: number; m: number; d: number } {
  const dt = new Date(n * 86_400_000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}
/** 0 = Monday … 6 = Sunday */
function weekdayOf(y: number, m: number, d: number): number {
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}
function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
function parseIsoDate(s: string | null | undefined): { y: number; m: number; d: number } | null {
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) : null;
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
}
const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (c: { y: number; m: number; d: number }) => `${c.y}-${pad(c.m)}-${pad(c.d)}`;

/** Does the schedule happen on this calendar date? Returns false when the rule cannot be placed (e.g. "om de week" without a start date). */
function occursOn(s: Schedule, day: number): boolean {
  const c = fromEpochDay(day);
  const iso = isoDate(c);
  if (s.validFrom && iso < s.validFrom) return false;
  if (s.validTo && iso > s.validTo) return false;
  const interval = s.interval ?? 1;
  const anchor = parseIsoDate(s.validFrom);
  const weekday = weekdayOf(c.y, c.m, c.d);
  const byday = parseByday(s.byday ?? []);
  switch (s.freq) {
    case 'once':
      return s.date === iso;
    case 'daily':
      if (interval === 1) return true;
      return anchor !== null && (day - epochDay(anchor.y, anchor.m, anchor.d)) % interval === 0;
    case 'weekly': {
      const wanted = byday.length > 0 ? byday.map((b) => b.weekday) : anchor ? [weekdayOf(anchor.y, anchor.m, anchor.d)] : [];
      if (!wanted.includes(weekday)) return false;
      if (interval === 1) return true;
      if (!anchor) return false;
      const anchorDay = epochDay(anchor.y, anchor.m, anchor.d);
      const anchorMonday = anchorDay - weekdayOf(anchor.y, anchor.m, anchor.d);
      const monday = day - weekday;
      return ((monday - anchorMonday) / 7) % interval === 0;
    }
    case 'monthly': {
      if (interval > 1) {
        if (!anchor) return false;
        const months = (c.y - anchor.y) * 12 + (c.m - anchor.m);
        if (months % interval !== 0) return false;
      }
      const dim = daysInMonth(c.y, c.m);
      if (byday.length > 0) {
        return byday.some((b) => {
          if (b.weekday !== weekday) return false;
          if (b.ordinal === undefined) return true;
          if (b.ordinal > 0) return Math.ceil(c.d / 7) === b.ordinal;
          return Math.ceil((dim - c.d + 1) / 7) === -b.ordinal;
        });
      }
      const monthdays = s.bymonthday ?? [];
      if (monthdays.length > 0) return monthdays.some((n) => (n > 0 ? c.d === n : c.d === dim + n + 1));
      return anchor !== null && c.d === anchor.d;
    }
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------
// Europe/Amsterdam wall time ↔ instants, through Intl.

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: SCHEDULE_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallTime {
  y: number;
  m: number;
  d: number;
  hh: number;
  mm: number;
  ss: number;
}

function wallTimeOf(instant: number): WallTime {
  const parts = partsFormatter.formatToParts(instant);
  const pick = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: pick('year'), m: pick('month'), d: pick('day'), hh: pick('hour'), mm: pick('minute'), ss: pick('second') };
}

/** Offset of Amsterdam from UTC at this instant, in minutes (60 in winter, 120 in summer). */
function offsetMinutes(instant: number): number {
  const w = wallTimeOf(instant);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.hh, w.mm, w.ss);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** The instant of a wall-clock time in Amsterdam. A time in the spring-forward gap moves forward by an hour. */
function instantOfWallTime(y: number, m: number, d: number, hh: number, mm: number): number {
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let guess = wall - offsetMinutes(wall) * 60_000;
  guess = wall - offsetMinutes(guess) * 60_000;
  return guess;
}

/** ISO 8601 with the Amsterdam offset, e.g. "2025-03-30T10:00:00+02:00". */
export function toAmsterdamIso(instant: number | Date): string {
  const t = typeof instant === 'number' ? instant : instant.getTime();
  const w = wallTimeOf(t);
  const off = offsetMinutes(t);
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${w.y}-${pad(w.m)}-${pad(w.d)}T${pad(w.hh)}:${pad(w.mm)}:${pad(w.ss)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** How far ahead nextOccurrence looks, in days. */
const HORIZON_DAYS = 800;

/**
 * The start of the next occurrence of any of the schedules at or after `now`,
 * as ISO 8601 with the Europe/Amsterdam offset; null when none can be placed
 * (no schedules, all in the past, or a rule that needs a start date it lacks).
 * A schedule without an opening time counts from the start of its day.
 */
export function nextOccurrence(schedules: readonly Schedule[], now: Date | number = Date.now()): string | null {
  if (schedules.length === 0) return null;
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const today = wallTimeOf(nowMs);
  const startDay = epochDay(today.y, today.m, today.d);
  for (let day = startDay; day < startDay + HORIZON_DAYS; day++) {
    const c = fromEpochDay(day);
    let best: number | null = null;
    for (const s of schedules) {
      if (!occursOn(s, day)) continue;
      const [hh, mm] = (s.opensAt ?? '00:00').split(':').map(Number) as [number, number];
      // 24:00 as an opening time means the very end of the day.
      const start = instantOfWallTime(c.y, c.m, c.d, Math.min(hh, 23), hh === 24 ? 59 : mm);
      const counts = s.opensAt ? start >= nowMs : day >= startDay;
      if (counts && (best === null || start < best)) best = start;
    }
    if (best !== null) return toAmsterdamIso(best);
  }
  return null;
}
