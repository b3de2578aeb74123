/** An input that cannot be read at all (missing file, HTTP error, not JSON, no services.csv). */
export class InputError extends Error {
  override name = 'InputError';
  readonly nl: string;
  readonly en: string;
  constructor(nl: string, en: string, options?: { cause?: unknown }) {
    super(`${nl} / ${en}`, options);
    this.nl = nl;
    this.en = en;
  }
}
