import type { Translation } from '../translations/translation.js';

const TIME_ZONE = 'Europe/Amsterdam';

/** Calendar date (YYYY-MM-DD) of an instant in Dutch time, for "today"/"tomorrow". */
function amsterdamDate(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** "dinsdag 14 januari, 10:00", or "vandaag, 10:00" / "morgen, 10:00"; `now: null` never says today/tomorrow (paper). */
export function formatNextSession(iso: string | null | undefined, t: Translation, now: Date | null = new Date()): string | null {
  if (!iso) return null;
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return null;
  const time = new Intl.DateTimeFormat(t.locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(when);
  const day = amsterdamDate(when);
  let date: string;
  if (now && day === amsterdamDate(now)) date = t.today;
  else if (now && day === amsterdamDate(new Date(now.getTime() + 24 * 3600 * 1000))) date = t.tomorrow;
  else date = new Intl.DateTimeFormat(t.locale, { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long' }).format(when);
  // A session at midnight usually means "the whole day": the feed gave no time.
  return time === '00:00' ? date : `${date}, ${time}`;
}

/** A calendar date (YYYY-MM-DD) as "14 januari 2026". */
export function formatDate(isoDate: string | null | undefined, t: Translation): string | null {
  if (!isoDate) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return new Intl.DateTimeFormat(t.locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

export function formatDistance(km: number | null | undefined, t: Translation): string | null {
  if (km == null || !Number.isFinite(km)) return null;
  const digits = km < 10 ? 1 : 0;
  return t.distance(new Intl.NumberFormat(t.locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(km));
}

/** Schedule as in the activity document (a subset of HSDS schedule). */
export interface ScheduleLike {
  freq: 'once' | 'daily' | 'weekly' | 'monthly';
  interval?: number;
  byday?: string[];
  bymonthday?: number[];
  opensAt?: string | null;
  closesAt?: string | null;
  validTo?: string | null;
  date?: string | null;
  description?: string | null;
}

function joinList(items: string[], t: Translation): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${t.schedule.and} ${items[items.length - 1]}`;
}

/** One schedule in words: "Elke 1e maandag van de maand, 10:00–12:00 uur". */
export function formatSchedule(s: ScheduleLike, t: Translation): string {
  const weekday = (code: string) => t.weekdays[code as keyof Translation['weekdays']] ?? code;
  const parts: string[] = [];
  const byday = s.byday ?? [];
  if (s.freq === 'once') {
    parts.push(t.schedule.once(formatDate(s.date, t) ?? ''));
  } else if (s.freq === 'daily') {
    parts.push(t.schedule.daily);
  } else if (s.freq === 'weekly') {
    parts.push(t.schedule.weekly(joinList(byday.map((d) => weekday(d.replace(/^-?\d/, ''))), t), s.interval ?? 1));
  } else if (byday.length) {
    const items = byday.map((d) => {
      const m = /^(-?\d)?([A-Z]{2})$/.exec(d);
      const n = m?.[1] ? Number(m[1]) : 0;
      const ord = n === -1 ? t.schedule.last : n > 0 ? t.schedule.ordinal(n) : '';
      return `${ord ? `${ord} ` : ''}${weekday(m?.[2] ?? d)}`;
    });
    parts.push(t.schedule.monthlyByDay(joinList(items, t)));
  } else {
    parts.push(t.schedule.monthlyByMonthDay(joinList((s.bymonthday ?? []).map((n) => t.schedule.ordinal(n)), t)));
  }
  if (s.opensAt) parts.push(t.schedule.time(s.opensAt, s.closesAt ?? null));
  const until = formatDate(s.validTo, t);
  if (until) parts.push(t.schedule.validUntil(until));
  return parts.filter(Boolean).join(', ');
}
