/**
 * HSDS JSON: a single record, a list page (`contents`), an array, ndjson, or the
 * "tabular" JSON form of a CSV package; from a file, a URL, or an HSDS API base URL
 * (paged through `/services?page=N&full=true` until the last page).
 */
import iconv from 'iconv-lite';
import { hsdsPageSchema } from '@sociale-kaart/schema';
import { formatBytes, peek, readAll, withinBudget, type ByteBudget } from './bytes.js';
import { InputError } from './errors.js';
import { buildPackageServices, type Tables } from './hsds-csv.js';
import { httpGet, type HttpOptions } from './http.js';
import { splitLines } from './lines.js';
import type { ReaderEvent } from './records.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (o: Obj): string | null => (typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : null);

/** Counts records across one input. */
export class Counter {
  n = 0;
  next(): number {
    return ++this.n;
  }
}

function isTabular(o: Obj): boolean {
  return Object.keys(o).some((k) => k.endsWith('.csv')) && Array.isArray(o['services.csv']);
}

/** What kind of HSDS object is this? */
export function classify(o: Obj): 'page' | 'tabular' | 'organization-with-services' | 'service-at-location' | 'service' | 'location' | 'organization' | 'taxonomy' | 'metadata' | 'unknown' {
  if (Array.isArray(o.contents)) return 'page';
  if (isTabular(o)) return 'tabular';
  if (Array.isArray(o.services)) return 'organization-with-services';
  if (isObj(o.service)) return 'service-at-location';
  if ('status' in o || 'service_at_locations' in o || 'fees_description' in o || 'eligibility_description' in o || 'organization_id' in o || isObj(o.organization)) return 'service';
  if ('location_type' in o || 'latitude' in o || 'addresses' in o) return 'location';
  if ('term_uri' in o || 'taxonomy_detail' in o || 'parent_id' in o || ('version' in o && 'uri' in o && !('status' in o))) return 'taxonomy';
  if ('openapi_url' in o || 'profile' in o) return 'metadata';
  if ('website' in o || 'legal_status' in o || 'tax_status' in o || 'year_incorporated' in o || 'logo' in o || 'parent_organization_id' in o) return 'organization';
  if ('name' in o && 'id' in o) return 'service';
  return 'unknown';
}

const SKIP_REASONS = {
  location: ['locatie zonder dienst: overgeslagen (een locatie alleen is geen activiteit)', 'location without a service: skipped (a location alone is not an activity)'],
  organization: ['organisatie zonder diensten: niets om op te nemen', 'organization without services: nothing to index'],
  taxonomy: ['taxonomie of term, geen dienst: overgeslagen', 'taxonomy or term, not a service: skipped'],
  metadata: ['metagegevens van de feed, geen dienst: overgeslagen', 'feed metadata, not a service: skipped'],
} as const;

/** Turns one parsed JSON value into reader events. */
export function* recordsOfValue(value: unknown, counter: Counter, context: { file: boolean; where?: string }): Generator<ReaderEvent> {
  if (Array.isArray(value)) {
    for (const item of value) yield* recordsOfValue(item, counter, context);
    return;
  }
  if (!isObj(value)) {
    yield {
      kind: 'invalid',
      recordNumber: counter.next(),
      recordId: null,
      problem: { code: 'not_an_object', path: '', nl: 'record is geen JSON-object', en: 'record is not a JSON object' },
    };
    return;
  }
  const kind = classify(value);
  switch (kind) {
    case 'page': {
      const page = hsdsPageSchema.safeParse(value);
      if (page.success && context.file && page.data.total_pages != null && page.data.page_number != null && page.data.total_pages > page.data.page_number) {
        yield {
          kind: 'notice',
          problem: {
            code: 'single_page',
            path: 'total_pages',
            nl: `dit is pagina ${page.data.page_number} van ${page.data.total_pages}: alleen deze pagina is gelezen (geef de API-URL om alle pagina's te lezen)`,
            en: `this is page ${page.data.page_number} of ${page.data.total_pages}: only this page was read (give the API URL to read every page)`,
          },
        };
      }
      for (const item of value.contents as unknown[]) yield* recordsOfValue(item, counter, context);
      return;
    }
    case 'tabular':
      yield* buildPackageServices(tabularTables(value), counter);
      return;
    case 'organization-with-services': {
      const { services, ...organization } = value;
      const list = services as unknown[];
      if (list.length === 0) {
        yield { kind: 'skipped', recordNumber: counter.next(), recordId: idOf(value), nl: SKIP_REASONS.organization[0], en: SKIP_REASONS.organization[1] };
        return;
      }
      for (const [i, service] of list.entries()) {
        yield {
          kind: 'hsds-service',
          recordNumber: counter.next(),
          recordId: isObj(service) ? idOf(service) : null,
          service,
          organization,
          mapPath: (p) => `services[${i}]${p ? `.${p}` : ''}`,
        };
      }
      return;
    }
    case 'service-at-location': {
      const { service, ...sal } = value;
      yield {
        kind: 'hsds-service',
        recordNumber: counter.next(),
        recordId: idOf(service as Obj),
        service: { ...(service as Obj), service_at_locations: [sal] },
        mapPath: (p) => (p.startsWith('service_at_locations[0]') ? p.slice('service_at_locations[0]'.length).replace(/^\./, '') : `service${p ? `.${p}` : ''}`),
      };
      return;
    }
    case 'service':
      yield { kind: 'hsds-service', recordNumber: counter.next(), recordId: idOf(value), service: value };
      return;
    case 'location':
    case 'organization':
    case 'taxonomy':
    case 'metadata': {
      const [nl, en] = SKIP_REASONS[kind];
      yield { kind: 'skipped', recordNumber: counter.next(), recordId: idOf(value), nl, en };
      return;
    }
    default:
      yield {
        kind: 'invalid',
        recordNumber: counter.next(),
        recordId: idOf(value),
        problem: { code: 'unknown_record', path: '', nl: 'onbekend soort record: geen HSDS-dienst', en: 'unknown kind of record: not an HSDS service' },
      };
  }
}

function tabularTables(o: Obj): Tables {
  const tables: Tables = new Map();
  for (const [key, rows] of Object.entries(o)) {
    if (!key.endsWith('.csv') || !Array.isArray(rows)) continue;
    tables.set(
      key.slice(0, -4),
      rows.filter(isObj).map((r) => {
        const out: Record<string, string | null> = {};
        for (const [k, v] of Object.entries(r)) out[k] = v == null || v === '' ? null : String(v);
        return out;
      }),
    );
  }
  return tables;
}

function decodeJsonBytes(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf, 'utf-16le', { stripBOM: true });
  if (buf[0] === 0xfe && buf[1] === 0xff) return iconv.decode(buf, 'utf-16be', { stripBOM: true });
  return buf.toString('utf8').replace(/^\uFEFF/, '');
}

/** Does the start of the text look like ndjson (one JSON object per line, at least two lines)? */
export function looksLikeNdjson(text: string): boolean {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length < 2 || !lines[0]!.startsWith('{') || !lines[1]!.startsWith('{')) return false;
  try {
    JSON.parse(lines[0]!);
    return true;
  } catch {
    return false;
  }
}

/** ndjson: one JSON value per line, streamed; a broken or oversized line rejects that record only. */
export async function* readNdjson(source: AsyncIterable<Buffer>, maxRecordBytes: number): AsyncGenerator<ReaderEvent> {
  const counter = new Counter();
  for await (const { text, number: lineNo, terminated, tooLong } of splitLines(source, maxRecordBytes)) {
    if (tooLong) {
      const shown = formatBytes(maxRecordBytes);
      yield {
        kind: 'invalid',
        recordNumber: counter.next(),
        recordId: null,
        line: lineNo,
        problem: { code: 'record_too_large', path: '', nl: `regel ${lineNo} is groter dan ${shown} (--max-record-bytes)`, en: `line ${lineNo} is larger than ${shown} (--max-record-bytes)` },
      };
      continue;
    }
    const line = lineNo === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      // A last line without a newline that is not JSON is where a transfer or a write was cut
      // off: the records before it may be only part of the feed, so none of it counts.
      if (!terminated) {
        throw new InputError(
          `de laatste regel (${lineNo}) is afgebroken: geen regeleinde en geen geldige JSON; het bestand is waarschijnlijk niet compleet`,
          `the last line (${lineNo}) is cut off: no line ending and not valid JSON; the file is probably incomplete`,
        );
      }
      yield {
        kind: 'invalid',
        recordNumber: counter.next(),
        recordId: null,
        line: lineNo,
        problem: { code: 'json_invalid', path: '', nl: `regel ${lineNo} is geen geldige JSON (${(err as Error).message})`, en: `line ${lineNo} is not valid JSON (${(err as Error).message})` },
      };
      continue;
    }
    for (const ev of recordsOfValue(value, counter, { file: true })) {
      yield ev.kind === 'notice' ? ev : { ...ev, line: lineNo };
    }
  }
}

/** A JSON file or URL body: sniffs ndjson, else parses the whole document. */
export async function* readJson(source: AsyncIterable<Buffer>, maxRecordBytes: number, forceNdjson = false): AsyncGenerator<ReaderEvent> {
  const { head, rest } = await peek(source, 256 * 1024);
  if (forceNdjson || looksLikeNdjson(head.toString('utf8'))) {
    yield* readNdjson(rest, maxRecordBytes);
    return;
  }
  const text = decodeJsonBytes(await readAll(rest));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(`geen geldige JSON: ${(err as Error).message}`, `not valid JSON: ${(err as Error).message}`);
  }
  yield* recordsOfValue(value, new Counter(), { file: true });
}

/** The `/services` URL of an HSDS API base URL. */
export function servicesUrl(base: string, page: number): string {
  const url = new URL(base);
  if (!/\/services\/?$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/+$/, '')}/services`;
  url.searchParams.set('page', String(page));
  url.searchParams.set('full', 'true');
  return url.toString();
}

/** Pages through an HSDS API: `/services?page=N&full=true` until the last page. */
export async function* readHsdsApi(base: string, budget: ByteBudget, http: HttpOptions = {}, { maxPages = 100_000 }: { maxPages?: number } = {}): AsyncGenerator<ReaderEvent> {
  const counter = new Counter();
  for (let page = 1; page <= maxPages; page++) {
    const url = servicesUrl(base, page);
    const res = await httpGet(url, http);
    const bytes = await readAll(withinBudget(res.body, budget));
    let body: unknown;
    try {
      body = JSON.parse(decodeJsonBytes(bytes));
    } catch (err) {
      throw new InputError(`${url} gaf geen geldige JSON (${(err as Error).message})`, `${url} did not return valid JSON (${(err as Error).message})`);
    }
    const parsed = hsdsPageSchema.safeParse(body);
    if (!parsed.success) {
      throw new InputError(`${url} is geen HSDS-lijstpagina (verwacht: { "contents": [...] })`, `${url} is not an HSDS list page (expected { "contents": [...] })`);
    }
    const data = parsed.data;
    for (const item of data.contents) yield* recordsOfValue(item, counter, { file: false });
    const last =
      data.contents.length === 0 ||
      data.last_page === true ||
      data.empty === true ||
      (data.total_pages != null && page >= data.total_pages) ||
      (data.total_pages == null && data.last_page == null);
    if (last) return;
  }
}
