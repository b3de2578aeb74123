/** Small parsers for spreadsheet values: yes/no, dates, ages, lists. */
import { foldText } from '@sociale-kaart/schema';

const YES = new Set(['ja', 'j', 'yes', 'y', 'true', 'waar', '1', 'x', 'wel', 'ok']);
const NO = new Set(['nee', 'n', 'no', 'false', 'onwaar', '0', 'niet', 'geen']);

/** "ja"/"nee" (and yes/no, true/false, 1/0, x) → boolean; null when empty; undefined when not understood. */
export function parseYesNo(input: string | null | undefined): boolean | null | undefined {
  if (input == null) return null;
  const s = foldText(String(input));
  if (s === '') return null;
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  if (/^(ja|yes)\b/.test(s)) return true;
  if (/^(nee|no|niet)\b/.test(s)) return false;
  return undefined;
}

function validDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}
const pad = (n: number) => String(n).padStart(2, '0');

/** `dd-mm-jjjj`, `d-m-jjjj`, `dd/mm/jjjj`, `jjjj-mm-dd` or an ISO timestamp → `YYYY-MM-DD`; null when not a date. */
export function parseDate(input: string | null | undefined): string | null {
  if (input == null) return null;
  const s = String(input).trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validDate(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
  }
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validDate(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
  }
  return null;
}

/** An ISO 8601 timestamp with offset, or null when the input is not a date/time. */
export function parseTimestamp(input: string | null | undefined): string | null {
  if (input == null) return null;
  const s = String(input).trim();
  if (s === '') return null;
  const day = parseDate(s);
  if (day && !/[T ]\d/.test(s)) return `${day}T00:00:00.000Z`;
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(s)) return null;
  const t = Date.parse(s.replace(' ', 'T'));
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

/** Splits a list cell: "a, b; c | d" → ["a", "b", "c", "d"]. */
export function splitList(input: string | null | undefined): string[] {
  if (input == null) return [];
  return String(input)
    .split(/[,;|\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Ages as written in a template: "55+", "18-30", "vanaf 12", "tot 18", "12 t/m 18 jaar". */
export function parseAgeRange(input: string | null | undefined): { minAge: number | null; maxAge: number | null } | null {
  if (input == null) return null;
  const s = foldText(String(input)).replace(/\bjaar\b/g, '').trim();
  if (s === '') return null;
  let m = /^(\d{1,3}) ?\+$/.exec(s) ?? /^(?:vanaf|van|boven|ouder dan) (\d{1,3})$/.exec(s);
  if (m) return { minAge: Number(m[1]), maxAge: null };
  m = /^(?:tot|tot en met|t m|tm|onder|jonger dan|max) (\d{1,3})$/.exec(s);
  if (m) return { minAge: null, maxAge: Number(m[1]) };
  m = /^(?:van )?(\d{1,3}) (?:tot en met |t m |tm |tot )?(\d{1,3})$/.exec(s);
  if (m) return { minAge: Number(m[1]), maxAge: Number(m[2]) };
  return null;
}
