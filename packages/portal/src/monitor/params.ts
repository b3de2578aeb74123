/**
 * What a monitor request may ask: a period (`from`, `to`: dates, both inclusive, in the
 * Netherlands' calendar), an optional gemeente, and the format. The page and GET /v1/monitor
 * read the same parameters through {@link parseMonitorQuery}, so both refuse alike.
 */
import { z } from '@hono/zod-openapi';

/** The longest period one request may cover (a report per month over five years is plenty). */
export const MAX_PERIOD_DAYS = 5 * 366;

export interface MonitorQuery {
  from: string;
  to: string;
  gemeente: string | null;
}

export interface ParamError {
  parameter: 'from' | 'to' | 'gemeente' | 'format';
  message: string;
  /** 'period': the dates are valid but the period is not (reversed, too long). */
  kind?: 'period';
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function realDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The OpenAPI description of the query; validation itself is {@link parseMonitorQuery} (it names the parameter). */
export const monitorQuerySchema = z.object({
  from: z.string().optional().openapi({ description: 'First day (YYYY-MM-DD, inclusive). Default: the first day of the month eleven months before `to`.', example: '2026-01-01' }),
  to: z.string().optional().openapi({ description: 'Last day (YYYY-MM-DD, inclusive). Default: today.', example: '2026-06-30' }),
  gemeente: z.string().optional().openapi({ description: 'Only this gemeente (as the activities name it).', example: 'Utrecht' }),
  format: z.string().optional().openapi({ description: '`json` (default) or `csv`: one tidy table measure,dimension,value,suppressed.' }),
});

/** The default period: twelve calendar months up to and including today. */
export function defaultFrom(to: string): string {
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 11);
  return d.toISOString().slice(0, 10);
}

export type ParsedQuery = { ok: true; query: MonitorQuery; format: 'json' | 'csv' } | { ok: false; errors: ParamError[] };

/** A gemeente as the monitor takes one (a filter, or a gemeente viewer's own): at most 100 characters, no control characters. */
export const isGemeenteName = (name: string): boolean => name.length <= 100 && !/[\u0000-\u001f]/.test(name);

/** Validates the raw query values; `today` (YYYY-MM-DD) is the default end. */
export function parseMonitorQuery(raw: Record<string, string | undefined>, today: string): ParsedQuery {
  const errors: ParamError[] = [];
  const from = raw.from?.trim() || undefined;
  const to = raw.to?.trim() || undefined;
  if (from !== undefined && !realDate(from)) errors.push({ parameter: 'from', message: `from must be a date as YYYY-MM-DD, not ${JSON.stringify(raw.from)}` });
  if (to !== undefined && !realDate(to)) errors.push({ parameter: 'to', message: `to must be a date as YYYY-MM-DD, not ${JSON.stringify(raw.to)}` });
  const gemeente = raw.gemeente?.trim() || null;
  if (gemeente !== null && !isGemeenteName(gemeente)) errors.push({ parameter: 'gemeente', message: 'gemeente must be a name of at most 100 characters' });
  const format = raw.format?.trim() || 'json';
  if (format !== 'json' && format !== 'csv') errors.push({ parameter: 'format', message: `format must be json or csv, not ${JSON.stringify(raw.format)}` });
  if (errors.length > 0) return { ok: false, errors };

  const end = to ?? today;
  const start = from ?? defaultFrom(end);
  if (start > end) return { ok: false, errors: [{ parameter: 'from', message: `from (${start}) must not be after to (${end})`, kind: 'period' }] };
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000;
  if (days > MAX_PERIOD_DAYS) return { ok: false, errors: [{ parameter: 'from', message: `the period from ${start} to ${end} is longer than ${MAX_PERIOD_DAYS} days`, kind: 'period' }] };
  return { ok: true, query: { from: start, to: end, gemeente }, format: format as 'json' | 'csv' };
}

/** Every month (YYYY-MM) the period touches, in order. */
export function monthsOf(q: Pick<MonitorQuery, 'from' | 'to'>): string[] {
  const months: string[] = [];
  let y = Number(q.from.slice(0, 4));
  let m = Number(q.from.slice(5, 7));
  const last = q.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}
