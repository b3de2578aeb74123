/** Opens an input (file, directory or URL), detects its format and streams its records. */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { ByteBudget, DEFAULT_LIMITS, isUrl, openBytes, type HttpOptions, type ReadLimits } from './bytes.js';
import { readCsv } from './csv.js';
import { InputError } from './errors.js';
import { readCsvPackage } from './hsds-csv.js';
import { Counter, readHsdsApi, readJson } from './hsds-json.js';
import type { InputFormat, ReaderEvent } from './records.js';
import { isTemplateHeader, readTemplate } from './template.js';

export interface OpenedInput {
  format: InputFormat;
  /** When the input was last changed (file mtime), or null for URLs. */
  modifiedAt: Date | null;
  events: AsyncGenerator<ReaderEvent>;
}

async function firstCsvRow(path: string): Promise<string[] | null> {
  const stream = createReadStream(path, { start: 0, end: 64 * 1024 - 1 });
  try {
    const { rows } = await readCsv(stream);
    for await (const r of rows) return r.fields;
    return null;
  } catch {
    return null;
  } finally {
    stream.destroy();
  }
}

async function firstChar(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(1024);
    const { bytesRead } = await fh.read(buf, 0, 1024, 0);
    return buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart().charAt(0);
  } finally {
    await fh.close();
  }
}

function isHsdsCsvHeader(fields: readonly string[]): boolean {
  const set = new Set(fields.map((f) => f.trim().toLowerCase()));
  return set.has('id') && set.has('name') && (set.has('organization_id') || set.has('status'));
}

/** The format of an input, from its kind, extension and first bytes. */
export async function detectFormat(input: string): Promise<InputFormat> {
  if (isUrl(input)) {
    const path = new URL(input).pathname.toLowerCase();
    if (path.endsWith('.ndjson') || path.endsWith('.jsonl')) return 'hsds-ndjson';
    if (path.endsWith('.json')) return 'hsds-json';
    if (path.endsWith('.csv')) return 'csv-template';
    return 'hsds-api';
  }
  let info;
  try {
    info = await stat(input);
  } catch (err) {
    throw new InputError(`${input} bestaat niet of is niet leesbaar`, `${input} does not exist or cannot be read`, { cause: err });
  }
  if (info.isDirectory()) return 'hsds-csv';
  const name = basename(input).toLowerCase();
  const ext = extname(name);
  if (name === 'datapackage.json') return 'hsds-csv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'hsds-ndjson';
  if (ext === '.json') return 'hsds-json';
  if (ext !== '.csv' && ext !== '.txt') {
    const c = await firstChar(input);
    if (c === '{' || c === '[') return 'hsds-json';
  }
  const header = await firstCsvRow(input);
  if (header && !isTemplateHeader(header) && isHsdsCsvHeader(header)) return 'hsds-csv';
  return 'csv-template';
}

/** Opens one input; reading errors surface as InputError while iterating `events`. */
export async function openInput(input: string, format: InputFormat | undefined, http: HttpOptions = {}, limits: Partial<ReadLimits> = {}): Promise<OpenedInput> {
  const { maxInputBytes, maxRecordBytes } = { ...DEFAULT_LIMITS, ...limits };
  const budget = new ByteBudget(input, maxInputBytes);
  const fmt = format ?? (await detectFormat(input));
  let modifiedAt: Date | null = null;
  if (!isUrl(input)) {
    try {
      modifiedAt = (await stat(input)).mtime;
    } catch (err) {
      throw new InputError(`${input} bestaat niet of is niet leesbaar`, `${input} does not exist or cannot be read`, { cause: err });
    }
  }
  async function* events(): AsyncGenerator<ReaderEvent> {
    switch (fmt) {
      case 'hsds-api':
        if (!isUrl(input)) throw new InputError(`--format hsds-api vraagt een http(s)-URL, geen ${input}`, `--format hsds-api needs an http(s) URL, not ${input}`);
        yield* readHsdsApi(input, budget, http);
        return;
      case 'hsds-json':
      case 'hsds-ndjson':
        yield* readJson(await openBytes(input, budget, http), maxRecordBytes, fmt === 'hsds-ndjson');
        return;
      case 'hsds-csv':
        if (isUrl(input)) throw new InputError('een HSDS CSV-pakket moet een map of datapackage.json op schijf zijn', 'an HSDS CSV package must be a directory or datapackage.json on disk');
        yield* readCsvPackage(input, new Counter(), budget, maxRecordBytes);
        return;
      case 'csv-template':
        yield* readTemplate(await openBytes(input, budget, http), maxRecordBytes);
        return;
    }
  }
  return { format: fmt, modifiedAt, events: events() };
}

export { InputError } from './errors.js';
export type { InputFormat, ReaderEvent, SourceRecord } from './records.js';
