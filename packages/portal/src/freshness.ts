/**
 * How old a confirmation ("laatst gecontroleerd", HSDS assured_date) may get: a reminder
 * mail after `reminderDays`, `stale` in search after `staleDays`, out of search after
 * `hideDays`. All three configurable; the clock is injected everywhere.
 */
export interface Freshness {
  reminderDays: number;
  staleDays: number;
  hideDays: number;
}

export const DEFAULT_FRESHNESS: Freshness = { reminderDays: 150, staleDays: 180, hideDays: 365 };

/** YYYY-MM-DD `days` before the date `today` (YYYY-MM-DD). */
export function daysBefore(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `date` to `today` (both YYYY-MM-DD). */
export function ageInDays(date: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
}

export type FreshnessState = 'fresh' | 'reminder' | 'stale' | 'hidden';

export function freshnessState(assuredDate: string, today: string, f: Freshness = DEFAULT_FRESHNESS): FreshnessState {
  const age = ageInDays(assuredDate, today);
  if (age >= f.hideDays) return 'hidden';
  if (age >= f.staleDays) return 'stale';
  if (age >= f.reminderDays) return 'reminder';
  return 'fresh';
}
