// Small numeric and formatting helpers shared by the sections.

/** Percentile (0–100) of an unsorted list, nearest-rank on a sorted copy. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(values) {
  return percentile(values, 50);
}

/** Rounds to `digits` significant-ish decimals for tables and JSON (null stays null). */
export function round(n, digits = 2) {
  if (n === null || n === undefined || !Number.isFinite(n)) return null;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export const fmtMs = (n) => (n === null || n === undefined ? '–' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
export const fmtInt = (n) => (n === null || n === undefined ? '–' : Math.round(n).toLocaleString('en-US'));
export const fmtRatio = (n, unit = '') => (n === null || n === undefined || !Number.isFinite(n) ? '–' : `${n.toFixed(2)}${unit}`);
export const fmtBytes = (n) => (n === null || n === undefined ? '–' : n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`);

/** A Markdown table from a header row and rows of cells; columns whose header ends with ':' are right-aligned. */
export function markdownTable(header, rows) {
  const align = header.map((h) => (h.endsWith(':') ? '---:' : '---'));
  const head = header.map((h) => h.replace(/:$/, ''));
  const line = (cells) => `| ${cells.map((c) => String(c ?? '–')).join(' | ')} |`;
  return [line(head), line(align), ...rows.map(line)].join('\n');
}

export const goalCell = (met) => (met === null || met === undefined ? 'n/a' : met ? 'met' : '**not met**');
