import { formatSchedule, type Lang, type Schedule } from '@sociale-kaart/schema';
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

/**
 * The activity's schedules, one line each, in the wording the search API uses for
 * `schedule` on a card (schema's `formatSchedule`), so a schedule reads the same in the list,
 * the detail view and on the handout. A schedule's own description is added when the
 * wording did not already fall back to it.
 */
export function scheduleLines(schedules: readonly Schedule[], lang: Lang): string[] {
  const lines: string[] = [];
  for (const s of schedules) {
    const text = formatSchedule(s, lang);
    const description = s.description?.trim();
    const line = text && description && text !== description ? `${text} — ${description}` : (text ?? description);
    if (line) lines.push(line.charAt(0).toUpperCase() + line.slice(1));
  }
  return [...new Set(lines)];
}
