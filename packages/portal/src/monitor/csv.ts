/**
 * The monitor as one tidy table (RFC 4180 CSV, UTF-8 with BOM so Excel reads the accents):
 *
 *   measure,dimension,value,suppressed
 *   referrals_per_month,2026-03,12,false
 *   referrals_per_month,2026-04,,true
 *
 * One row per number; `dimension` is empty for a total; a suppressed cell has no value and
 * `suppressed` true. Measures are listed in the portal README. Text that could start a
 * spreadsheet formula (= + - @) is prefixed with an apostrophe.
 */
import type { MonitorReport } from './report.js';
import { isSuppressed, type Cell, type Suppressed } from './suppression.js';

export const CSV_HEADER = ['measure', 'dimension', 'value', 'suppressed'] as const;

type Row = [measure: string, dimension: string, value: Cell | Suppressed];

function field(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function monitorRows(r: MonitorReport): Row[] {
  const rows: Row[] = [];
  const f = r.referrals;
  rows.push(['referrals_total', '', f.total]);
  for (const m of f.perMonth) rows.push(['referrals_per_month', m.month, m.count]);
  for (const x of f.byReason) rows.push(['referrals_by_reason', x.reason, x.count]);
  for (const x of f.byPractice) rows.push(['referrals_by_practice', x.practice, x.count]);
  for (const x of f.funnel) rows.push(['funnel', x.stage, x.count]);
  rows.push(['declined_total', '', f.declined.total]);
  for (const x of f.declined.byReason) rows.push(['declined_by_reason', x.reason, x.count]);
  for (const x of f.firstContactDays) {
    rows.push(['first_contact_referrals', x.month, x.contacted]);
    rows.push(['first_contact_median_days', x.month, x.median]);
    rows.push(['first_contact_p90_days', x.month, x.p90]);
  }
  for (const x of f.startedByCategory) rows.push(['started_by_category', x.category, x.count]);
  const s = r.supply;
  if (s) {
    rows.push(['supply_activities', '', s.activities]);
    for (const x of s.byCategory) rows.push(['supply_by_category', x.category, x.count]);
    for (const x of s.byGemeente) rows.push(['supply_by_gemeente', x.gemeente, x.count]);
    for (const x of s.byPostcode) rows.push(['supply_by_pc4', x.pc4, x.count]);
    rows.push(['supply_welzijn_op_recept', '', s.welzijnOpRecept.count]);
    rows.push(['supply_welzijn_op_recept_share', '', s.welzijnOpRecept.share]);
    rows.push(['supply_stale', '', s.stale.count]);
    rows.push(['supply_stale_share', '', s.stale.share]);
    rows.push(['organisations_total', '', s.organisations.total]);
    rows.push(['organisations_never_confirmed', '', s.organisations.neverConfirmed]);
  }
  return rows;
}

export function monitorCsv(r: MonitorReport): string {
  const lines = [CSV_HEADER.join(',')];
  for (const [measure, dimension, value] of monitorRows(r)) {
    const hidden = isSuppressed(value);
    lines.push([measure, field(dimension), hidden ? '' : String(value), hidden ? 'true' : 'false'].join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
