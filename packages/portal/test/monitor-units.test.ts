/** The monitor's pure parts: parameters, months, practice letters, and the CSV's quoting. */
import { describe, expect, it } from 'vitest';
import { monitorCsv } from '../src/monitor/csv.js';
import { defaultFrom, monthsOf, parseMonitorQuery } from '../src/monitor/params.js';
import { practiceLetters, type MonitorReport } from '../src/monitor/report.js';
import { SUPPRESSED } from '../src/monitor/suppression.js';

describe('monitor parameters', () => {
  it('defaults to twelve calendar months up to today and lists the months a period touches', () => {
    expect(defaultFrom('2026-06-15')).toBe('2025-07-01');
    expect(parseMonitorQuery({}, '2026-06-15')).toEqual({ ok: true, query: { from: '2025-07-01', to: '2026-06-15', gemeente: null }, format: 'json' });
    expect(monthsOf({ from: '2025-11-20', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('names each bad parameter', () => {
    expect(parseMonitorQuery({ from: '2026-1-1', to: '2026-02-29', format: 'pdf', gemeente: 'x'.repeat(101) }, '2026-06-15')).toEqual({
      ok: false,
      errors: [
        { parameter: 'from', message: 'from must be a date as YYYY-MM-DD, not "2026-1-1"' },
        { parameter: 'to', message: 'to must be a date as YYYY-MM-DD, not "2026-02-29"' },
        { parameter: 'gemeente', message: 'gemeente must be a name of at most 100 characters' },
        { parameter: 'format', message: 'format must be json or csv, not "pdf"' },
      ],
    });
    expect(parseMonitorQuery({ from: '2015-01-01', to: '2026-01-01' }, '2026-06-15')).toMatchObject({ ok: false, errors: [{ parameter: 'from', kind: 'period' }] });
  });
});

describe('practice letters', () => {
  it('counts A … Z, then AA, AB …', () => {
    expect([1, 2, 26, 27, 28, 52, 53, 702, 703].map(practiceLetters)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('monitor CSV', () => {
  it('writes one row per number, quotes commas and defuses spreadsheet formulas', () => {
    const report: MonitorReport = {
      period: { from: '2026-01-01', to: '2026-01-31', gemeente: null },
      suppression: { threshold: 5 },
      referrals: {
        total: 12,
        perMonth: [{ month: '2026-01', count: 12 }],
        byReason: [],
        byPractice: [{ practice: 'Huisartsen "Oost", Utrecht', count: 7 }, { practice: 'praktijk B', count: SUPPRESSED }],
        funnel: [],
        declined: { total: SUPPRESSED, byReason: [] },
        firstContactDays: [{ month: '2026-01', contacted: 6, median: 2.5, p90: SUPPRESSED }],
        startedByCategory: [],
      },
      supply: {
        activities: 1,
        byCategory: [],
        byGemeente: [{ gemeente: '=HYPERLINK("http://x")', count: 1 }],
        byPostcode: [],
        welzijnOpRecept: { count: 0, share: 0 },
        stale: { count: 1, share: 1, staleDays: 180 },
        organisations: { total: 0, neverConfirmed: 0 },
      },
    };
    const lines = monitorCsv(report).split('\r\n');
    expect(lines[0]).toBe('\uFEFFmeasure,dimension,value,suppressed');
    expect(lines.slice(1, 9)).toEqual([
      'referrals_total,,12,false',
      'referrals_per_month,2026-01,12,false',
      'referrals_by_practice,"Huisartsen ""Oost"", Utrecht",7,false',
      'referrals_by_practice,praktijk B,,true',
      'declined_total,,,true',
      'first_contact_referrals,2026-01,6,false',
      'first_contact_median_days,2026-01,2.5,false',
      'first_contact_p90_days,2026-01,,true',
    ]);
    expect(lines).toContain(`supply_by_gemeente,"'=HYPERLINK(""http://x"")",1,false`);
  });
});
