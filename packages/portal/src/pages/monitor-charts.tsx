/**
 * The monitor's charts: horizontal bar charts drawn as SVG on the server. No script, so they
 * work under the portal's strict CSP and without JavaScript, print sharply, and cost the
 * page no bytes of library (README: why not Observable Plot, uPlot or Chart.js). Each chart
 * is an image with a name for screen readers, and its numbers are in a "toon als tabel"
 * table right under it. Colours only through presentation attributes (the CSP forbids
 * inline styles) and at least 3:1 against white.
 */
import type { Child } from 'hono/jsx';
import type { MonitorMessages } from './monitor-i18n.js';

/** A bar value: a number, or null for a suppressed cell (drawn as "< 5", no bar). */
export type BarValue = number | null;

export interface Series {
  name: string;
  fill: string;
}

export interface ChartRow {
  label: string;
  values: BarValue[];
}

export const SERIES_FILLS = ['#1c5d99', '#a34700'] as const;

const LABEL_W = 220;
const BAR_W = 440;
const VALUE_W = 70;
const BAR_H = 18;
const GAP = 8;
const MAX_LABEL = 30;

const shortLabel = (s: string) => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);
const shown = (v: BarValue, digits = 0) => (v === null ? '< 5' : v.toLocaleString('nl-NL', { maximumFractionDigits: digits }));

export interface ChartProps {
  id: string;
  title: string;
  /** The table's first column heading. */
  dimension: string;
  series: Series[];
  rows: ChartRow[];
  m: MonitorMessages;
  note?: Child;
  digits?: number;
}

export function BarChart({ id, title, dimension, series, rows, m, note, digits = 0 }: ChartProps) {
  const max = Math.max(1, ...rows.flatMap((r) => r.values.map((v) => v ?? 0)));
  const rowH = series.length * BAR_H + GAP;
  const legendH = series.length > 1 ? 24 : 0;
  const height = legendH + rows.length * rowH + GAP;
  const width = LABEL_W + BAR_W + VALUE_W;
  return (
    <section class="monitor-chart" aria-labelledby={`${id}-title`}>
      <h3 class="utrecht-heading-3" id={`${id}-title`}>
        {title}
      </h3>
      {note ? <p class="monitor-note">{note}</p> : null}
      {rows.length === 0 ? (
        <p>–</p>
      ) : (
        <figure class="monitor-figure">
          <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={m.chartOf(title)} font-family="inherit" font-size="13">
            {series.length > 1
              ? series.map((s, i) => (
                  <g>
                    <rect x={LABEL_W + i * 200} y={4} width={14} height={14} fill={s.fill} />
                    <text x={LABEL_W + i * 200 + 20} y={16} fill="#1a1a1a">
                      {s.name}
                    </text>
                  </g>
                ))
              : null}
            {rows.map((r, i) => {
              const top = legendH + GAP + i * rowH;
              return (
                <g>
                  <text x={LABEL_W - 8} y={top + (series.length * BAR_H) / 2 + 4} text-anchor="end" fill="#1a1a1a">
                    {shortLabel(r.label)}
                  </text>
                  {r.values.map((v, j) => {
                    const w = v === null ? 0 : Math.max(v > 0 ? 2 : 0, (v / max) * BAR_W);
                    const y = top + j * BAR_H;
                    return (
                      <g>
                        {w > 0 ? <rect x={LABEL_W} y={y + 2} width={w} height={BAR_H - 4} fill={series[j]!.fill} /> : null}
                        <text x={LABEL_W + w + 6} y={y + BAR_H - 5} fill="#1a1a1a">
                          {shown(v, digits)}
                        </text>
                      </g>
                    );
                  })}
                </g>
              );
            })}
          </svg>
        </figure>
      )}
      <details class="monitor-table">
        <summary>{m.showTable}</summary>
        <table class="portal-table">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{dimension}</th>
              {series.map((s) => (
                <th scope="col">{s.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{r.label}</th>
                {r.values.map((v) => (
                  <td>{shown(v, digits)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

export const MONITOR_CSS = `
.monitor-filter{display:flex;flex-wrap:wrap;gap:0 1.5rem;align-items:flex-end;border:1px solid #999;padding:1rem;margin:1rem 0}
.monitor-filter .field{margin:0 0 .75rem}
.monitor-filter .field input,.monitor-filter .field select{max-width:14rem}
.monitor-section{margin:2.5rem 0 0}
.monitor-chart{margin:1.5rem 0;break-inside:avoid}
.monitor-figure{margin:0;max-width:46rem}
.monitor-note{color:#333;max-width:46rem}
.monitor-figures{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0;margin:1rem 0}
.monitor-figures li{border:1px solid #999;padding:.75rem 1rem;min-width:12rem}
.monitor-figures strong{display:block;font-size:1.75rem}
.monitor-table summary{cursor:pointer;color:#1c5d99;text-decoration:underline}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{
  .portal-header,.skip-link,.monitor-filter,.monitor-csv,.monitor-table summary{display:none}
  .portal-main{max-width:none;padding:0}
  .monitor-chart,.monitor-figures li{break-inside:avoid}
  a{color:#000;text-decoration:none}
}
`;
