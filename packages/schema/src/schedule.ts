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

const mod = (a: number, n: number) => ((a % n) + n) % n;

/** The first real calendar day whose ISO date is at or after this YYYY-MM-DD string (which may name an impossible day). */
function dayAtOrAfter(c: { y: number; m: number; d: number }): number {
  if (c.m < 1) return epochDay(c.y, 1, 1);
  if (c.m > 12) return epochDay(c.y + 1, 1, 1);
  if (c.d < 1) return epochDay(c.y, c.m, 1);
  if (c.d > daysInMonth(c.y, c.m)) return epochDay(c.y, c.m, daysInMonth(c.y, c.m)) + 1;
  return epochDay(c.y, c.m, c.d);
}
/** The last real calendar day whose ISO date is at or before this YYYY-MM-DD string. */
function dayAtOrBefore(c: { y: number; m: number; d: number }): number {
  if (c.m < 1) return epochDay(c.y - 1, 12, 31);
  if (c.m > 12) return epochDay(c.y, 12, 31);
  if (c.d < 1) return epochDay(c.y, c.m, 1) - 1;
  if (c.d > daysInMonth(c.y, c.m)) return epochDay(c.y, c.m, daysInMonth(c.y, c.m));
  return epochDay(c.y, c.m, c.d);
}

/** The days of month (ascending) on which a monthly rule falls in this month, ignoring the interval. */
function monthlyDays(y: number, m: number, byday: readonly ByDay[], monthdays: readonly number[], anchorD: number | null): number[] {
  const dim = daysInMonth(y, m);
  const out: number[] = [];
  if (byday.length > 0) {
    const firstWeekday = weekdayOf(y, m, 1);
    const lastWeekday = (firstWeekday + dim - 1) % 7;
    for (const b of byday) {
      const first = 1 + mod(b.weekday - firstWeekday, 7);
      if (b.ordinal === undefined) {
        for (let d = first; d <= dim; d += 7) out.push(d);
      } else if (b.ordinal > 0) {
        const d = first + 7 * (b.ordinal - 1);
        if (d <= dim) out.push(d);
      } else {
        const d = dim - mod(lastWeekday - b.weekday, 7) - 7 * (-b.ordinal - 1);
        if (d >= 1) out.push(d);
      }
    }
  } else if (monthdays.length > 0) {
    for (const n of monthdays) {
      const d = n > 0 ? n : dim + n + 1;
      if (d >= 1 && d <= dim) out.push(d);
    }
  } else if (anchorD !== null && anchorD >= 1 && anchorD <= dim) {
    out.push(anchorD);
  }
  return out.sort((a, b) => a - b);
}

/**
 * The first calendar day in [from, until] on which the schedule happens, or null.
 * Arithmetic per rule: no walking day by day. Days are epoch days of plain dates.
 */
function firstDayOn(s: Schedule, from: number, until: number): number | null {
  let lo = from;
  let hi = until;
  const vf = parseIsoDate(s.validFrom);
  const vt = parseIsoDate(s.validTo);
  if (vf) lo = Math.max(lo, dayAtOrAfter(vf));
  if (vt) hi = Math.min(hi, dayAtOrBefore(vt));
  if (lo > hi) return null;
  const interval = s.interval ?? 1;
  // The anchor of "every n" rules is the validFrom date as the calendar normalises it.
  const anchorDay = vf ? epochDay(vf.y, vf.m, vf.d) : null;
  switch (s.freq) {
    case 'once': {
      const c = parseIsoDate(s.date);
      if (!c) return null;
      const day = epochDay(c.y, c.m, c.d);
      if (isoDate(fromEpochDay(day)) !== s.date) return null;
      return day >= lo && day <= hi ? day : null;
    }
    case 'daily': {
      if (interval === 1) return lo;
      if (anchorDay === null) return null;
      const day = lo + mod(anchorDay - lo, interval);
      return day <= hi ? day : null;
    }
    case 'weekly': {
      const byday = parseByday(s.byday ?? []);
      const wanted = byday.length > 0 ? [...new Set(byday.map((b) => b.weekday))] : anchorDay !== null ? [mod(anchorDay + 3, 7)] : [];
      if (wanted.length === 0) return null;
      wanted.sort((a, b) => a - b);
      // Epoch day 0 (1970-01-01) is a Thursday: weekday = (day + 3) mod 7, Monday = 0.
      let monday = lo - mod(lo + 3, 7);
      if (interval > 1) {
        if (anchorDay === null) return null;
        const anchorMonday = anchorDay - mod(anchorDay + 3, 7);
        const off = mod((monday - anchorMonday) / 7, interval);
        if (off !== 0) monday += (interval - off) * 7;
      }
      for (; monday <= hi; monday += interval * 7) {
        for (const w of wanted) {
          const day = monday + w;
          if (day > hi) return null;
          if (day >= lo) return day;
        }
      }
      return null;
    }
    case 'monthly': {
      const byday = parseByday(s.byday ?? []);
      const monthdays = s.bymonthday ?? [];
      const start = fromEpochDay(lo);
      let y = start.y;
      let m = start.m;
      if (interval > 1) {
        if (!vf) return null;
        const off = mod((y - vf.y) * 12 + (m - vf.m), interval);
        if (off !== 0) {
          const idx = y * 12 + (m - 1) + (interval - off);
          y = Math.floor(idx / 12);
          m = (idx % 12) + 1;
        }
      }
      const anchorD = vf ? vf.d : null;
      if (byday.length === 0 && monthdays.length === 0 && anchorD === null) return null;
      for (;;) {
        const monthStart = epochDay(y, m, 1);
        if (monthStart > hi) return null;
        for (const d of monthlyDays(y, m, byday, monthdays, anchorD)) {
          const day = monthStart + d - 1;
          if (day > hi) return null;
          if (day >= lo) return day;
        }
        const idx = y * 12 + (m - 1) + interval;
        y = Math.floor(idx / 12);
        m = (idx % 12) + 1;
      }
    }
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------
// Europe/Amsterdam wall time ↔ instants. Intl knows the rules; since 1996 they are the
// EU rule (summer time from the last Sunday of March to the last Sunday of October, both
// at 01:00 UTC), so each year is computed arithmetically once, checked against Intl, and
// falls back to Intl when the check fails (years outside the rule, or a future change of
// the tz database).

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

/** Offset of Amsterdam from UTC at this instant, in minutes, through Intl (slow). */
function intlOffsetMinutes(instant: number): number {
  const parts = partsFormatter.formatToParts(instant);
  const pick = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(pick('year'), pick('month') - 1, pick('day'), pick('hour'), pick('minute'), pick('second'));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** Summer time of one UTC year as [start, end) instants, or null when Intl must decide. */
type YearRule = { start: number; end: number } | null;
const yearRules = new Map<number, YearRule>();

function lastSundayUtc(y: number, m: number, hourUtc: number): number {
  const last = new Date(Date.UTC(y, m, 0));
  const day = last.getUTCDate() - last.getUTCDay();
  return Date.UTC(y, m - 1, day, hourUtc);
}

function yearRule(y: number): YearRule {
  let rule = yearRules.get(y);
  if (rule !== undefined) return rule;
  rule = null;
  if (y >= 1996 && y <= 2200) {
    const start = lastSundayUtc(y, 3, 1);
    const end = lastSundayUtc(y, 10, 1);
    const ok =
      intlOffsetMinutes(Date.UTC(y, 0, 1)) === 60 &&
      intlOffsetMinutes(start - 1000) === 60 &&
      intlOffsetMinutes(start) === 120 &&
      intlOffsetMinutes(Date.UTC(y, 6, 1)) === 120 &&
      intlOffsetMinutes(end - 1000) === 120 &&
      intlOffsetMinutes(end) === 60 &&
      intlOffsetMinutes(Date.UTC(y, 11, 31, 23)) === 60;
    if (ok) rule = { start, end };
  }
  yearRules.set(y, rule);
  return rule;
}

/** Offset of Amsterdam from UTC at this instant, in minutes (60 in winter, 120 in summer). */
function offsetMinutes(instant: number): number {
  const rule = yearRule(new Date(instant).getUTCFullYear());
  if (rule === null) return intlOffsetMinutes(instant);
  return instant >= rule.start && instant < rule.end ? 120 : 60;
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
  const off = offsetMinutes(t);
  const w = new Date(Math.floor(t / 1000) * 1000 + off * 60_000);
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}T${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** How far ahead nextOccurrence looks, in days. */
const HORIZON_DAYS = 800;

/** The instant a schedule starts on a calendar day: its opening time, or the start of the day. */
function startOn(s: Schedule, day: number): number {
  const c = fromEpochDay(day);
  if (!s.opensAt) return instantOfWallTime(c.y, c.m, c.d, 0, 0);
  const [hh, mm] = s.opensAt.split(':').map(Number) as [number, number];
  // 24:00 as an opening time means the very end of the day.
  return instantOfWallTime(c.y, c.m, c.d, Math.min(hh, 23), hh === 24 ? 59 : mm);
}

/**
 * The start of the next occurrence of any of the schedules at or after `now`,
 * as ISO 8601 with the Europe/Amsterdam offset; null when none can be placed
 * (no schedules, all in the past, or a rule that needs a start date it lacks).
 * A schedule without an opening time counts from the start of its day (today included).
 * Looks at most HORIZON_DAYS ahead.
 */
export function nextOccurrence(schedules: readonly Schedule[], now: Date | number = Date.now()): string | null {
  return nextOccurrenceUntil(schedules, now).next;
}

/** The latest Amsterdam offset from UTC, in minutes (summer time). */
const MAX_OFFSET_MINUTES = 120;

/**
 * nextOccurrence, and until when (an instant, exclusive) that answer holds: for every instant
 * from `now` up to `until`, nextOccurrence gives the same answer. It changes only when the
 * Amsterdam day turns (taken at its earliest possible instant) or when a session with an
 * opening time starts (the next one then counts). Lets a caller keep a document's next
 * session instead of working it out for every answer (search-api hit-store.ts).
 */
export function nextOccurrenceUntil(schedules: readonly Schedule[], now: Date | number = Date.now()): { next: string | null; until: number } {
  if (schedules.length === 0) return { next: null, until: Number.POSITIVE_INFINITY };
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const offset = offsetMinutes(nowMs);
  const startDay = Math.floor((Math.floor(nowMs / 1000) * 1000 + offset * 60_000) / 86_400_000);
  const lastDay = startDay + HORIZON_DAYS - 1;
  // The day turns at the next midnight; if the offset changes before it, no later than the
  // midnight of the largest offset.
  const midnight = (startDay + 1) * 86_400_000;
  const dayEnd = midnight - offset * 60_000;
  let until = offsetMinutes(dayEnd - 1) === offset ? dayEnd : midnight - MAX_OFFSET_MINUTES * 60_000;
  let best: number | null = null;
  for (const s of schedules) {
    let day = firstDayOn(s, startDay, lastDay);
    if (day === null) continue;
    let start = startOn(s, day);
    // Only today's session can have started already; then the next one counts.
    while (s.opensAt && start < nowMs) {
      day = firstDayOn(s, day + 1, lastDay);
      if (day === null) break;
      start = startOn(s, day);
    }
    if (day === null) continue;
    // Once this session has started, this schedule's next one counts.
    if (s.opensAt && start + 1 < until) until = start + 1;
    if (best === null || start < best) best = start;
  }
  return { next: best === null ? null : toAmsterdamIso(best), until };
}
