/**
 * nextOccurrence against a brute-force reference: walk the calendar day by day, test every
 * rule literally on each date, convert wall times through Intl. Random schedules and dates,
 * seeded, so a failure can be replayed.
 */
import { describe, expect, it } from 'vitest';
import { nextOccurrence, nextOccurrenceUntil, toAmsterdamIso } from '../src/index.js';
import type { Schedule } from '../src/index.js';

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const HORIZON = 800;

// --- reference --------------------------------------------------------------

const fmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});
function wall(t: number) {
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(t)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year!, m: p.month!, d: p.day!, hh: p.hour!, mm: p.minute!, ss: p.second! };
}
function refOffset(t: number): number {
  const w = wall(t);
  return Math.round((Date.UTC(w.y, w.m - 1, w.d, w.hh, w.mm, w.ss) - Math.floor(t / 1000) * 1000) / 60_000);
}
function refIso(t: number): string {
  const w = wall(t);
  const off = refOffset(t);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${w.y}-${two(w.m)}-${two(w.d)}T${two(w.hh)}:${two(w.mm)}:${two(w.ss)}${off < 0 ? '-' : '+'}${two(Math.floor(Math.abs(off) / 60))}:${two(Math.abs(off) % 60)}`;
}
/** Wall time → instant, spring-gap times moved forward an hour, autumn-fold times the later one. */
function refInstant(y: number, m: number, d: number, hh: number, mm: number): number {
  const w = Date.UTC(y, m - 1, d, hh, mm);
  return w - refOffset(w - refOffset(w) * 60_000) * 60_000;
}

function refOccursOn(s: Schedule, date: Date): boolean {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (s.validFrom && iso < s.validFrom) return false;
  if (s.validTo && iso > s.validTo) return false;
  const weekday = (date.getUTCDay() + 6) % 7;
  const dayNo = Math.round(date.getTime() / 86_400_000);
  const a = s.validFrom ? s.validFrom.split('-').map(Number) : null;
  const anchor = a ? new Date(Date.UTC(a[0]!, a[1]! - 1, a[2]!)) : null;
  const anchorNo = anchor ? Math.round(anchor.getTime() / 86_400_000) : null;
  const parsed = s.byday.map((v) => ({ weekday: DAYS.indexOf(v.slice(-2)), ordinal: v.length > 2 ? Number(v.slice(0, -2)) : null }));
  switch (s.freq) {
    case 'once':
      return s.date === iso;
    case 'daily':
      return s.interval === 1 || (anchorNo !== null && (((dayNo - anchorNo) % s.interval) + s.interval) % s.interval === 0);
    case 'weekly': {
      const wanted = parsed.length > 0 ? parsed.map((p) => p.weekday) : anchor ? [(anchor.getUTCDay() + 6) % 7] : [];
      if (!wanted.includes(weekday)) return false;
      if (s.interval === 1) return true;
      if (anchorNo === null) return false;
      const weeks = (dayNo - weekday - (anchorNo - ((anchor!.getUTCDay() + 6) % 7))) / 7;
      return ((weeks % s.interval) + s.interval) % s.interval === 0;
    }
    case 'monthly': {
      if (s.interval > 1) {
        if (!a) return false;
        const months = (y - a[0]!) * 12 + (m - a[1]!);
        if (((months % s.interval) + s.interval) % s.interval !== 0) return false;
      }
      const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
      if (parsed.length > 0) {
        return parsed.some((p) => {
          if (p.weekday !== weekday) return false;
          if (p.ordinal === null) return true;
          // the n-th such weekday counted from the start, or from the end when negative
          let n = 0;
          if (p.ordinal > 0) for (let k = d; k >= 1; k -= 7) n++;
          else for (let k = d; k <= dim; k += 7) n--;
          return n === p.ordinal;
        });
      }
      if (s.bymonthday.length > 0) return s.bymonthday.some((n) => (n > 0 ? n === d : dim + n + 1 === d));
      return a !== null && a[2] === d;
    }
  }
}

function reference(schedules: Schedule[], nowMs: number): string | null {
  if (schedules.length === 0) return null;
  const today = wall(nowMs);
  for (let i = 0; i < HORIZON; i++) {
    const date = new Date(Date.UTC(today.y, today.m - 1, today.d + i));
    let best: number | null = null;
    for (const s of schedules) {
      if (!refOccursOn(s, date)) continue;
      const [hh, mm] = (s.opensAt ?? '00:00').split(':').map(Number) as [number, number];
      const start = refInstant(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hh === 24 ? 23 : hh, hh === 24 ? 59 : mm);
      if ((s.opensAt === null || start >= nowMs) && (best === null || start < best)) best = start;
    }
    if (best !== null) return refIso(best);
  }
  return null;
}

// --- random schedules --------------------------------------------------------

function rng(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = x;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCase(r: () => number) {
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const two = (n: number) => String(n).padStart(2, '0');
  // mostly real dates, sometimes impossible ones the schema's regex still lets through
  const date = () => (r() < 0.05 ? `${int(2023, 2027)}-${two(int(0, 13))}-${two(int(0, 32))}` : `${int(2023, 2027)}-${two(int(1, 12))}-${two(int(1, 28 + int(0, 3)))}`);
  // now: around DST changes and midnights, or anywhere in 2024–2027
  const nowMs =
    r() < 0.3
      ? Date.UTC(int(2024, 2027), pick([2, 9]), int(24, 31), int(0, 3), int(0, 59)) + int(-90, 90) * 60_000
      : Date.UTC(2024, 0, 1) + Math.floor(r() * 4 * 365 * 86_400_000);
  const schedules: Schedule[] = [];
  for (let k = int(1, 3); k > 0; k--) {
    const freq = pick(['once', 'daily', 'weekly', 'weekly', 'monthly', 'monthly'] as const);
    const byday: string[] = [];
    if (freq === 'monthly' && r() < 0.6) {
      for (let j = int(1, 3); j > 0; j--) byday.push((r() < 0.8 ? String(pick([1, 2, 3, 4, 5, -1, -2, -5])) : '') + pick(DAYS));
    } else if (r() < 0.8) {
      for (let j = int(1, 3); j > 0; j--) byday.push((r() < 0.1 ? String(pick([1, -1])) : '') + pick(DAYS));
    }
    schedules.push({
      freq,
      interval: r() < 0.5 ? 1 : r() < 0.9 ? int(2, 4) : int(5, 52),
      byday,
      bymonthday: freq === 'monthly' && r() < 0.5 ? Array.from({ length: int(1, 2) }, () => (r() < 0.7 ? int(1, 31) : -int(1, 31))) : [],
      opensAt: r() < 0.2 ? null : r() < 0.1 ? pick(['00:00', '02:00', '02:30', '03:00', '24:00', '23:59']) : `${two(int(6, 22))}:${two(pick([0, 15, 30, 45]))}`,
      closesAt: null,
      validFrom: r() < 0.5 ? date() : null,
      validTo: r() < 0.3 ? date() : null,
      date: freq === 'once' ? date() : null,
      description: null,
    });
  }
  return { schedules, nowMs };
}

describe('nextOccurrence matches the day-by-day reference', () => {
  it('on 3,000 random schedule sets and moments', () => {
    const r = rng(20261123);
    let placed = 0;
    for (let i = 0; i < 3000; i++) {
      const { schedules, nowMs } = randomCase(r);
      const expected = reference(schedules, nowMs);
      const actual = nextOccurrence(schedules, nowMs);
      if (actual !== expected) {
        throw new Error(`case ${i}: now ${new Date(nowMs).toISOString()} ${JSON.stringify(schedules)}: got ${actual}, reference ${expected}`);
      }
      if (expected !== null) placed++;
    }
    // The generator must exercise placed occurrences, not only nulls.
    expect(placed).toBeGreaterThan(1500);
  });

  it('at the boundaries of the horizon', () => {
    const nowMs = Date.UTC(2025, 0, 1, 12);
    const late = (date: string): Schedule => ({ freq: 'once', interval: 1, byday: [], bymonthday: [], opensAt: '10:00', closesAt: null, validFrom: null, validTo: null, date, description: null });
    for (const date of ['2027-03-10', '2027-03-11', '2027-03-12']) {
      expect(nextOccurrence([late(date)], nowMs)).toBe(reference([late(date)], nowMs));
    }
    expect(nextOccurrence([late('2027-03-11')], nowMs)).toBe('2027-03-11T10:00:00+01:00');
    expect(nextOccurrence([late('2027-03-12')], nowMs)).toBeNull();
  });
});

describe('nextOccurrenceUntil: how long an answer holds', () => {
  it('gives the same answer at every instant from now until `until`, on 3,000 random cases', () => {
    const r = rng(20261202);
    let bounded = 0;
    for (let i = 0; i < 3000; i++) {
      const { schedules, nowMs } = randomCase(r);
      const { next, until } = nextOccurrenceUntil(schedules, nowMs);
      expect(next, `case ${i}`).toBe(reference(schedules, nowMs));
      expect(until, `case ${i}`).toBeGreaterThan(nowMs);
      if (!Number.isFinite(until)) continue;
      bounded++;
      // The last instant it claims, a second before, and random instants in between.
      const at = [until - 1, until - 1000, ...Array.from({ length: 3 }, () => nowMs + Math.floor(r() * (until - nowMs)))].filter((t) => t >= nowMs);
      for (const t of at) {
        const got = nextOccurrence(schedules, t);
        if (got !== next) throw new Error(`case ${i}: now ${new Date(nowMs).toISOString()}, until ${new Date(until).toISOString()}, at ${new Date(t).toISOString()}: ${got} instead of ${next} (${JSON.stringify(schedules)})`);
      }
    }
    expect(bounded).toBeGreaterThan(2500);
  });

  it('ends when a session starts or the Amsterdam day turns, also on the days the clocks change', () => {
    const weekly: Schedule = { freq: 'weekly', interval: 1, byday: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], bymonthday: [], opensAt: '10:00', closesAt: null, validFrom: null, validTo: null, date: null, description: null };
    const allDay: Schedule = { ...weekly, opensAt: null };
    // 09:00 in Amsterdam (winter): the 10:00 session starts first.
    const morning = Date.UTC(2025, 0, 13, 8);
    expect(nextOccurrenceUntil([weekly], morning)).toEqual({ next: '2025-01-13T10:00:00+01:00', until: Date.UTC(2025, 0, 13, 9) + 1 });
    // An all-day schedule holds until midnight in Amsterdam (23:00 UTC in winter, 22:00 in summer).
    expect(nextOccurrenceUntil([allDay], morning).until).toBe(Date.UTC(2025, 0, 13, 23));
    expect(nextOccurrenceUntil([allDay], Date.UTC(2025, 6, 14, 8)).until).toBe(Date.UTC(2025, 6, 14, 22));
    // 30 March 2025, 01:30 local (00:30 UTC): the clocks go forward at 01:00 UTC, so the day ends at 22:00 UTC.
    expect(nextOccurrenceUntil([allDay], Date.UTC(2025, 2, 30, 0, 30)).until).toBe(Date.UTC(2025, 2, 30, 22));
    // 26 October 2025, 01:30 local summer time (23:30 UTC the day before): back at 01:00 UTC; the day ends at 23:00 UTC.
    const autumn = nextOccurrenceUntil([allDay], Date.UTC(2025, 9, 25, 23, 30)).until;
    expect(autumn).toBeLessThanOrEqual(Date.UTC(2025, 9, 26, 23));
    expect(nextOccurrence([allDay], autumn - 1)).toBe(nextOccurrence([allDay], Date.UTC(2025, 9, 25, 23, 30)));
    expect(nextOccurrenceUntil([], morning)).toEqual({ next: null, until: Number.POSITIVE_INFINITY });
  });
});

describe('toAmsterdamIso matches Intl', () => {
  it('on random instants and around every DST change 1990–2040', () => {
    const r = rng(7);
    const instants: number[] = [];
    for (let i = 0; i < 2000; i++) instants.push(Date.UTC(1985, 0, 1) + Math.floor(r() * 60 * 365.25 * 86_400_000));
    for (let y = 1990; y <= 2040; y++) {
      for (const m of [2, 8, 9]) {
        for (let d = 23; d <= 31; d++) for (const h of [0, 1, 2]) for (const s of [-1, 0, 1]) instants.push(Date.UTC(y, m, d, h) + s * 1000);
      }
    }
    for (const t of instants) expect(toAmsterdamIso(t), new Date(t).toISOString()).toBe(refIso(t));
  });
});
