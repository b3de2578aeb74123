/** What a reader hands to the transform: one record at a time. */
import type { Problem } from '../problems.js';

export type InputFormat = 'hsds-json' | 'hsds-ndjson' | 'hsds-api' | 'hsds-csv' | 'csv-template';

export const INPUT_FORMATS: readonly InputFormat[] = ['hsds-json', 'hsds-ndjson', 'hsds-api', 'hsds-csv', 'csv-template'];

/** Names accepted by `--format`, mapped to a format. */
export const FORMAT_ALIASES: Readonly<Record<string, InputFormat>> = {
  'hsds-json': 'hsds-json',
  json: 'hsds-json',
  'hsds-ndjson': 'hsds-ndjson',
  ndjson: 'hsds-ndjson',
  jsonl: 'hsds-ndjson',
  'hsds-api': 'hsds-api',
  api: 'hsds-api',
  'hsds-csv': 'hsds-csv',
  'csv-template': 'csv-template',
  template: 'csv-template',
  csv: 'csv-template',
};

interface RecordBase {
  /** 1-based position of the record in its input (data rows for CSV). */
  recordNumber: number;
  /** The record's own id, when it has one. */
  recordId: string | null;
  /** For CSV: the line where the row starts (header = line 1). */
  line?: number;
}

/** An HSDS service (with its organisation when that came from a parent record). */
export interface HsdsServiceRecord extends RecordBase {
  kind: 'hsds-service';
  service: unknown;
  organization?: unknown;
  /** Maps a path inside the service to the path inside the record as the feed wrote it. */
  mapPath?: (path: string) => string;
}

/** One row of the CSV template, keyed by canonical column name. */
export interface TemplateRowRecord extends RecordBase {
  kind: 'template-row';
  row: Record<string, string>;
  /** Canonical column → the header as written in the file. */
  headers: Record<string, string>;
}

/** A record that is not a service (a location, a taxonomy term, an organisation without services). */
export interface SkippedRecord extends RecordBase {
  kind: 'skipped';
  nl: string;
  en: string;
}

/** A record that could not even be parsed (e.g. a broken ndjson line). */
export interface InvalidRecord extends RecordBase {
  kind: 'invalid';
  problem: Problem;
}

/** A remark about the input as a whole (unknown column, only one page of a list read). */
export interface InputNotice {
  kind: 'notice';
  problem: Problem;
}

export type SourceRecord = HsdsServiceRecord | TemplateRowRecord | SkippedRecord | InvalidRecord;
export type ReaderEvent = SourceRecord | InputNotice;
