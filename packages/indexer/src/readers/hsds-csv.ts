/**
 * HSDS CSV package: a directory (or its datapackage.json) with services.csv,
 * organizations.csv, locations.csv, addresses.csv, service_at_location.csv,
 * schedules.csv, phones.csv, cost_options.csv, attributes.csv, taxonomy_terms.csv, …
 * joined by their ids into nested HSDS service records. Only services.csv is streamed;
 * the other tables are indexes in memory.
 */
import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { openFile, readAll, type ByteBudget } from './bytes.js';
import { InputError } from './errors.js';
import { readCsv } from './csv.js';
import type { Counter } from './hsds-json.js';
import type { ReaderEvent } from './records.js';

export type Row = Record<string, string | null>;
export type Tables = Map<string, Row[]>;

const TABLES = [
  'organizations',
  'organization_identifiers',
  'locations',
  'addresses',
  'accessibility',
  'service_at_location',
  'schedules',
  'phones',
  'contacts',
  'cost_options',
  'languages',
  'attributes',
  'taxonomy_terms',
] as const;

/** Every table a package may have, services first: what a datapackage.json's resources are named. */
export const CSV_PACKAGE_TABLES: readonly string[] = ['services', ...TABLES];

function groupBy(rows: Row[] | undefined, key: string): Map<string, Row[]> {
  const map = new Map<string, Row[]>();
  for (const r of rows ?? []) {
    const k = r[key];
    if (!k) continue;
    let list = map.get(k);
    if (!list) map.set(k, (list = []));
    list.push(r);
  }
  return map;
}

function byId(rows: Row[] | undefined): Map<string, Row> {
  const map = new Map<string, Row>();
  for (const r of rows ?? []) if (r.id) map.set(r.id, r);
  return map;
}

/** Joins the tables: returns a function that nests one services.csv row into a full HSDS service. */
export function serviceNester(tables: Tables): (row: Row) => Record<string, unknown> {
  const organizations = byId(tables.get('organizations'));
  const orgIdentifiers = groupBy(tables.get('organization_identifiers'), 'organization_id');
  const locations = byId(tables.get('locations'));
  const addresses = groupBy(tables.get('addresses'), 'location_id');
  const accessibility = groupBy(tables.get('accessibility'), 'location_id');
  const sals = groupBy(tables.get('service_at_location'), 'service_id');
  const schedules = tables.get('schedules') ?? [];
  const schedulesBySal = groupBy(schedules, 'service_at_location_id');
  const schedulesByService = groupBy(schedules.filter((s) => !s.service_at_location_id), 'service_id');
  const schedulesByLocation = groupBy(schedules.filter((s) => !s.service_at_location_id && !s.service_id), 'location_id');
  const phones = tables.get('phones') ?? [];
  const phonesBySal = groupBy(phones, 'service_at_location_id');
  const phonesByService = groupBy(phones, 'service_id');
  const phonesByLocation = groupBy(phones, 'location_id');
  const phonesByOrg = groupBy(phones, 'organization_id');
  const contacts = groupBy(tables.get('contacts'), 'service_id');
  const costs = groupBy(tables.get('cost_options'), 'service_id');
  const languages = groupBy(tables.get('languages'), 'service_id');
  const terms = byId(tables.get('taxonomy_terms'));
  const attributes = groupBy(tables.get('attributes'), 'link_id');

  const withTerms = (rows: Row[] | undefined) =>
    (rows ?? []).map((a) => ({ ...a, taxonomy_term: a.taxonomy_term_id ? (terms.get(a.taxonomy_term_id) ?? null) : null }));

  const location = (id: string) => {
    const l = locations.get(id);
    if (!l) return null;
    return {
      ...l,
      addresses: addresses.get(id) ?? [],
      accessibility: accessibility.get(id) ?? [],
      phones: phonesByLocation.get(id) ?? [],
      schedules: schedulesByLocation.get(id) ?? [],
      attributes: withTerms(attributes.get(id)),
    };
  };

  return (row) => {
    const id = row.id ?? '';
    const orgId = row.organization_id;
    const org = orgId ? organizations.get(orgId) : undefined;
    return {
      ...row,
      organization: org
        ? { ...org, phones: phonesByOrg.get(org.id!) ?? [], organization_identifiers: orgIdentifiers.get(org.id!) ?? [], attributes: withTerms(attributes.get(org.id!)) }
        : null,
      phones: phonesByService.get(id) ?? [],
      schedules: schedulesByService.get(id) ?? [],
      contacts: contacts.get(id) ?? [],
      cost_options: costs.get(id) ?? [],
      languages: languages.get(id) ?? [],
      attributes: withTerms(attributes.get(id)),
      service_at_locations: (sals.get(id) ?? []).map((sal) => ({
        ...sal,
        location: sal.location_id ? location(sal.location_id) : null,
        schedules: schedulesBySal.get(sal.id ?? '') ?? [],
        phones: phonesBySal.get(sal.id ?? '') ?? [],
      })),
    };
  };
}

/** Services of an in-memory package (the "tabular" JSON form). */
export function* buildPackageServices(tables: Tables, counter: Counter): Generator<ReaderEvent> {
  const services = tables.get('services');
  if (!services) throw new InputError('het pakket heeft geen services-tabel', 'the package has no services table');
  const nest = serviceNester(tables);
  for (const row of services) {
    yield { kind: 'hsds-service', recordNumber: counter.next(), recordId: row.id ?? null, service: nest(row), mapPath: csvPath };
  }
}

/** Paths inside a nested service → the CSV file and column a feed author would fix. */
function csvPath(path: string): string {
  const m = /^service_at_locations\[\d+\]\.location\.addresses\[\d+\]\.(.+)$/.exec(path);
  if (m) return `addresses.csv:${m[1]}`;
  const l = /^service_at_locations\[\d+\]\.location\.(.+)$/.exec(path);
  if (l) return `locations.csv:${l[1]}`;
  const s = /^service_at_locations\[\d+\]\.(.+)$/.exec(path);
  if (s) return `service_at_location.csv:${s[1]}`;
  const o = /^organization\.(.+)$/.exec(path);
  if (o) return `organizations.csv:${o[1]}`;
  if (path === 'organization') return 'services.csv:organization_id';
  return `services.csv:${path}`;
}

async function rowsOf(path: string, budget: ByteBudget, maxRecordBytes: number): Promise<AsyncGenerator<{ row: Row; line: number }>> {
  const { rows } = await readCsv(await openFile(path, budget), { maxRecordBytes });
  async function* gen() {
    let header: string[] | null = null;
    for await (const r of rows) {
      if (!header) {
        header = r.fields.map((h) => h.trim().toLowerCase());
        continue;
      }
      const row: Row = {};
      header.forEach((h, i) => {
        const v = r.fields[i];
        row[h] = v === undefined || v === '' ? null : v;
      });
      yield { row, line: r.line };
    }
  }
  return gen();
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

const isInside = (dir: string, path: string) => {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/**
 * A table's file, confined to the package folder: a datapackage.json is feed data too, and
 * may not make the indexer read `../../etc/passwd`, an absolute path, or a symlink that
 * leads out of the folder.
 */
async function confined(dir: string, realDir: string, path: string, what: string): Promise<string> {
  const outside = () =>
    new InputError(`${what}: ${JSON.stringify(path)} ligt buiten de map van het pakket`, `${what}: ${JSON.stringify(path)} is outside the package folder`);
  if (isAbsolute(path) || /^[a-z][a-z0-9+.-]*:/i.test(path)) throw outside();
  const full = resolve(dir, path);
  if (!isInside(dir, full)) throw outside();
  let real: string;
  try {
    real = await realpath(full);
  } catch (err) {
    throw new InputError(`${what}: ${JSON.stringify(path)} bestaat niet of is niet leesbaar`, `${what}: ${JSON.stringify(path)} does not exist or cannot be read`, { cause: err });
  }
  if (!isInside(realDir, real)) throw outside();
  return real;
}

/** Where each table of the package lives: from datapackage.json when it is valid, else `<dir>/<table>.csv`. */
async function tablePaths(dir: string, budget: ByteBudget): Promise<{ paths: Map<string, string>; notices: ReaderEvent[] }> {
  const paths = new Map<string, string>();
  const notices: ReaderEvent[] = [];
  const realDir = await realpath(dir);
  const dp = join(dir, 'datapackage.json');
  if (await exists(dp)) {
    type DataPackage = { resources?: Array<{ name?: string; path?: string }> };
    let meta: DataPackage | null = null;
    try {
      meta = JSON.parse((await readAll(await openFile(await confined(dir, realDir, 'datapackage.json', 'datapackage.json'), budget))).toString('utf8')) as DataPackage;
    } catch (err) {
      if (err instanceof InputError) throw err;
      notices.push({
        kind: 'notice',
        problem: {
          code: 'datapackage_invalid',
          path: 'datapackage.json',
          nl: 'datapackage.json is geen geldige JSON: de .csv-bestanden in de map zijn gelezen',
          en: 'datapackage.json is not valid JSON: read the .csv files in the directory instead',
        },
      });
    }
    for (const r of Array.isArray(meta?.resources) ? meta.resources : []) {
      if (r.name && typeof r.path === 'string') {
        paths.set(r.name.replace(/\.csv$/, ''), await confined(dir, realDir, r.path, `datapackage.json, resource ${JSON.stringify(r.name)}`));
      }
    }
  }
  for (const t of CSV_PACKAGE_TABLES) {
    if (!paths.has(t) && (await exists(join(dir, `${t}.csv`)))) paths.set(t, await confined(dir, realDir, `${t}.csv`, `${t}.csv`));
  }
  return { paths, notices };
}

/** Reads an HSDS CSV package from a directory, its datapackage.json, or a lone services.csv. */
export async function* readCsvPackage(input: string, counter: Counter, budget: ByteBudget, maxRecordBytes: number): AsyncGenerator<ReaderEvent> {
  let dir = input;
  let info;
  try {
    info = await stat(input);
  } catch (err) {
    throw new InputError(`${input} bestaat niet of is niet leesbaar`, `${input} does not exist or cannot be read`, { cause: err });
  }
  if (info.isFile()) dir = dirname(input);
  const { paths, notices } = await tablePaths(dir, budget);
  if (info.isFile() && /\.csv$/i.test(input)) paths.set('services', input);
  yield* notices;
  const servicesPath = paths.get('services');
  if (!servicesPath) throw new InputError(`${dir} is geen HSDS CSV-pakket: services.csv ontbreekt`, `${dir} is not an HSDS CSV package: services.csv is missing`);

  const tables: Tables = new Map();
  for (const t of TABLES) {
    const p = paths.get(t);
    if (!p) continue;
    const rows: Row[] = [];
    for await (const { row } of await rowsOf(p, budget, maxRecordBytes)) rows.push(row);
    tables.set(t, rows);
  }
  const nest = serviceNester(tables);
  for await (const { row, line } of await rowsOf(servicesPath, budget, maxRecordBytes)) {
    yield { kind: 'hsds-service', recordNumber: counter.next(), recordId: row.id ?? null, line, service: nest(row), mapPath: csvPath };
  }
}
