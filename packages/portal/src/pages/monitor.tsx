/**
 * The monitor page (/monitor) for operators and gemeente viewers: the same report as
 * GET /v1/monitor, as charts with tables, a period and gemeente filter (a plain GET form),
 * and the CSV download. Suppressed cells read "< 5".
 */
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { categoryLabel, needLabel } from '@sociale-kaart/schema';
import { monitorScope } from '../monitor/access.js';
import { parseMonitorQuery, type ParamError } from '../monitor/params.js';
import { referralGemeenten } from '../monitor/queries.js';
import { buildReport, NONE, OTHER, UNKNOWN, type MonitorReport } from '../monitor/report.js';
import { isSuppressed, type Cell, type Suppressed } from '../monitor/suppression.js';
import type { MonitorSource } from '../monitor/supply.js';
import { Frame, Notice } from './layout.js';
import { BarChart, MONITOR_CSS, SERIES_FILLS, type BarValue } from './monitor-charts.js';
import { MONITOR_MESSAGES, type MonitorMessages } from './monitor-i18n.js';
import type { Lang } from './i18n.js';
import type { PageEnv } from './session.js';

const bar = (c: Cell | Suppressed): BarValue => (isSuppressed(c) ? null : c);
const one = (c: Cell) => [bar(c)];
const cellText = (c: Cell) => (isSuppressed(c) ? '< 5' : c.toLocaleString('nl-NL'));
const pct = (share: number) => `${Math.round(share * 100)}%`;

function special(key: string, m: MonitorMessages): string {
  if (key === UNKNOWN) return m.unknown;
  if (key === OTHER) return m.other;
  if (key === NONE) return m.none;
  return key;
}

function Filter({ m, values, errors, gemeenten, all = true }: { m: MonitorMessages; values: Record<string, string>; errors: ParamError[]; gemeenten: string[]; all?: boolean }) {
  const errorOf = (p: string) => errors.find((e) => e.parameter === p);
  const input = (name: 'from' | 'to', label: string, invalid: string) => {
    const error = errorOf(name);
    return (
      <div class={`field${error ? ' field--invalid' : ''}`}>
        <label for={`monitor-${name}`}>{label}</label>
        {error ? (
          <p class="field-error" id={`monitor-${name}-error`}>
            {error.kind === 'period' ? m.orderInvalid : invalid}
          </p>
        ) : null}
        <input type="date" id={`monitor-${name}`} name={name} value={values[name] ?? ''} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `monitor-${name}-error` : undefined} />
      </div>
    );
  };
  return (
    <form method="get" action="/monitor" class="monitor-filter" aria-label={m.filter}>
      {input('from', m.from, m.fromInvalid)}
      {input('to', m.to, m.toInvalid)}
      <div class={`field${errorOf('gemeente') ? ' field--invalid' : ''}`}>
        <label for="monitor-gemeente">{m.gemeente}</label>
        {errorOf('gemeente') ? <p class="field-error">{m.gemeenteInvalid}</p> : null}
        <select id="monitor-gemeente" name="gemeente">
          {all ? <option value="">{m.allGemeenten}</option> : null}
          {gemeenten.map((g) => (
            <option value={g} selected={values.gemeente === g}>
              {g}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          {m.show}
        </button>
      </div>
    </form>
  );
}

function Referrals({ r, m, lang }: { r: MonitorReport['referrals']; m: MonitorMessages; lang: Lang }) {
  const count = [{ name: m.number, fill: SERIES_FILLS[0] }];
  return (
    <section class="monitor-section" aria-labelledby="monitor-referrals">
      <h2 class="utrecht-heading-2" id="monitor-referrals">
        {m.referrals}: {cellText(r.total)}
      </h2>
      <BarChart id="per-month" title={m.perMonth} dimension={m.month} series={count} m={m} rows={r.perMonth.map((x) => ({ label: x.month, values: one(x.count) }))} />
      <BarChart id="funnel" title={m.funnel} dimension={m.stage} series={count} m={m} rows={r.funnel.map((x) => ({ label: m.stages[x.stage], values: one(x.count) }))} />
      <BarChart id="by-reason" title={m.byReason} dimension={m.reason} series={count} m={m} note={m.reasonNote} rows={r.byReason.map((x) => ({ label: needLabel(x.reason, lang), values: one(x.count) }))} />
      <BarChart id="by-practice" title={m.byPractice} dimension={m.practice} series={count} m={m} rows={r.byPractice.map((x) => ({ label: special(x.practice, m), values: one(x.count) }))} />
      <BarChart
        id="declined"
        title={m.declined}
        dimension={m.declineReason}
        series={count}
        m={m}
        note={m.declinedTotal(cellText(r.declined.total))}
        rows={r.declined.byReason.map((x) => ({ label: special(x.reason, m), values: one(x.count) }))}
      />
      <BarChart
        id="first-contact"
        title={m.firstContact}
        dimension={m.month}
        digits={1}
        series={[
          { name: m.median, fill: SERIES_FILLS[0] },
          { name: m.p90, fill: SERIES_FILLS[1] },
        ]}
        m={m}
        note={m.firstContactNote}
        rows={r.firstContactDays.map((x) => ({ label: `${x.month} (${m.contacted.toLowerCase()}: ${cellText(x.contacted)})`, values: [bar(x.median), bar(x.p90)] }))}
      />
      <BarChart id="started" title={m.started} dimension={m.category} series={count} m={m} rows={r.startedByCategory.map((x) => ({ label: x.category === UNKNOWN ? m.unknown : categoryLabel(x.category, lang), values: one(x.count) }))} />
    </section>
  );
}

function Supply({ s, m, lang }: { s: MonitorReport['supply']; m: MonitorMessages; lang: Lang }) {
  const count = [{ name: m.activities, fill: SERIES_FILLS[0] }];
  return (
    <section class="monitor-section" aria-labelledby="monitor-supply">
      <h2 class="utrecht-heading-2" id="monitor-supply">
        {m.supply}
      </h2>
      <p class="monitor-note">{m.supplyNote}</p>
      {s === null ? (
        <Notice kind="warning">{m.supplyMissing}</Notice>
      ) : (
        <>
          <ul class="monitor-figures">
            <li>
              <strong>{s.activities}</strong> {m.activities}
            </li>
            <li>
              <strong>{pct(s.welzijnOpRecept.share)}</strong> {m.woR} ({s.welzijnOpRecept.count})
            </li>
            <li>
              <strong>{pct(s.stale.share)}</strong> {m.stale(s.stale.staleDays)} ({s.stale.count})
            </li>
            <li>
              <strong>
                {s.organisations.neverConfirmed} / {s.organisations.total}
              </strong>{' '}
              {m.neverConfirmed}
            </li>
          </ul>
          <BarChart id="supply-category" title={m.byCategory} dimension={m.category} series={count} m={m} rows={s.byCategory.map((x) => ({ label: categoryLabel(x.category, lang), values: [x.count] }))} />
          <BarChart id="supply-gemeente" title={m.byGemeente} dimension={m.gemeente} series={count} m={m} rows={s.byGemeente.map((x) => ({ label: special(x.gemeente, m), values: [x.count] }))} />
          <BarChart id="supply-pc4" title={m.byPostcode} dimension={m.postcode} series={count} m={m} rows={s.byPostcode.map((x) => ({ label: x.pc4 === NONE ? m.noPostcode : x.pc4, values: [x.count] }))} />
        </>
      )}
    </section>
  );
}

export function monitorRoutes(deps: { source: MonitorSource; log?: (line: Record<string, unknown>) => void }): Hono<PageEnv> {
  const app = new Hono<PageEnv>();
  app.get('/assets/monitor.css', () => new Response(MONITOR_CSS, { headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' } }));
  app.get('/monitor', async (c) => {
    const { t, lang, user, csrf } = c.var;
    const m = MONITOR_MESSAGES[lang];
    const raw = { from: c.req.query('from'), to: c.req.query('to'), gemeente: c.req.query('gemeente') };
    const parsed = parseMonitorQuery(raw, deps.source.today());
    // A gemeente viewer sees their own gemeente only (access.ts): the filter offers just that one.
    const viewer = user?.role === 'gemeente_viewer';
    const known = viewer ? (user.gemeente ? [user.gemeente] : []) : await referralGemeenten(deps.source.db);
    const values = Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const frame = (body: Child, status: 200 | 400 | 403) =>
      c.html(
        <Frame title={m.title} t={t} lang={lang} user={user} csrf={csrf} path="/monitor">
          <link rel="stylesheet" href="/assets/monitor.css" />
          <p>{m.intro}</p>
          {body}
        </Frame>,
        status,
      );
    if (!parsed.ok) {
      return frame(
        <>
          <Notice kind="error">{m.errorsTitle}</Notice>
          <Filter m={m} values={values} errors={parsed.errors} gemeenten={known} all={!viewer} />
        </>,
        400,
      );
    }
    const scope = monitorScope(user!, parsed.query.gemeente);
    if (!scope.ok) {
      return frame(
        <>
          <Notice kind="error">{scope.reason === 'no-gemeente' ? m.noGemeente : m.otherGemeente(scope.own!)}</Notice>
          {scope.own ? <Filter m={m} values={{ from: parsed.query.from, to: parsed.query.to, gemeente: scope.own }} errors={[]} gemeenten={known} all={false} /> : null}
        </>,
        403,
      );
    }
    const q = { ...parsed.query, gemeente: scope.gemeente };
    const report = await buildReport(deps.source, q, deps.log);
    const gemeenten = viewer ? known : [...new Set([...known, ...(report.supply?.byGemeente.map((g) => g.gemeente).filter((g) => g !== UNKNOWN) ?? []), ...(q.gemeente ? [q.gemeente] : [])])].sort((a, b) => a.localeCompare(b, 'nl'));
    const csv = `/v1/monitor?${new URLSearchParams({ from: q.from, to: q.to, ...(q.gemeente ? { gemeente: q.gemeente } : {}), format: 'csv' })}`;
    return frame(
      <>
        <Filter m={m} values={{ from: q.from, to: q.to, gemeente: q.gemeente ?? '' }} errors={[]} gemeenten={gemeenten} all={!viewer} />
        <p>{m.period(q.from, q.to, q.gemeente)}</p>
        <p class="monitor-csv">
          <a class="utrecht-link" href={csv} download>
            {m.csv}
          </a>
        </p>
        <Notice>{m.suppressedNote}</Notice>
        <Referrals r={report.referrals} m={m} lang={lang} />
        <Supply s={report.supply} m={m} lang={lang} />
      </>,
      200,
    );
  });
  return app;
}
