/**
 * Problems found in a record: errors reject it, warnings keep it. Every message is
 * written for the welzijnsorganisatie that fixes its feed (Dutch) and for developers (English).
 */

export interface Problem {
  /** Stable machine-readable code, e.g. `postcode_invalid`. */
  code: string;
  /** Field path inside the record, e.g. `postcode` or `service_at_locations[0].location.latitude`. */
  path: string;
  nl: string;
  en: string;
}

/** The combined message as it appears in the report: Dutch first, then English. */
export function bilingual(p: Pick<Problem, 'nl' | 'en'>): string {
  return `${p.nl} / ${p.en}`;
}

/** Collects the problems of one record. */
export class Problems {
  readonly errors: Problem[] = [];
  readonly warnings: Problem[] = [];

  error(code: string, path: string, nl: string, en: string): void {
    this.errors.push({ code, path, nl, en });
  }

  warn(code: string, path: string, nl: string, en: string): void {
    this.warnings.push({ code, path, nl, en });
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }
}

/** Shows a value from a feed inside a message: quoted, on one line, cut short. */
export function shown(value: unknown): string {
  if (typeof value === "number") return String(value);
  const s = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  const oneLine = s.replace(/\s+/g, ' ').trim();
  return `"${oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine}"`;
}
