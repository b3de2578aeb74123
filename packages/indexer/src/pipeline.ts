/**
 * Inputs → activity documents, one at a time: read, transform, validate, dedupe.
 * Nothing here holds a whole feed: documents stream out as they are made, and only
 * ids and dedupe keys are remembered.
 */
import type { Activity } from '@sociale-kaart/schema';
import { bilingual, type Problem } from './problems.js';
import { InputError, openInput } from './readers/index.js';
import type { HttpOptions, ReadLimits } from './readers/bytes.js';
import { FORMAT_ALIASES, type InputFormat, type ReaderEvent } from './readers/records.js';
import { MAX_LISTED, emptyReport, type IndexReport, type InputReport, type ReportProblem } from './report.js';
import { dedupeKey } from './transform/activity.js';
import { transformHsdsService, type RecordOutcome } from './transform/hsds.js';
import { sourceNameOf } from './transform/ids.js';
import { transformTemplateRow } from './transform/template.js';

/** An input: a path, a directory or an http(s) URL, optionally with its format and source name. */
export interface InputSpec {
  input: string;
  /** Skip detection: hsds-json, hsds-ndjson, hsds-api, hsds-csv, csv-template (or json, ndjson, api, template). */
  format?: InputFormat | string;
  /** The `source` of its documents (default: derived from the file name or URL). */
  source?: string;
}
export type InputLike = string | InputSpec;

export interface Progress {
  input: string;
  read: number;
  accepted: number;
  rejected: number;
}

export interface ProcessOptions {
  http?: HttpOptions;
  /** Byte limits per input and per record (default 512 MiB and 1 MiB). */
  limits?: Partial<ReadLimits>;
  /** Called after every record. */
  onProgress?: (progress: Progress) => void;
  /** The time used for records without a date (default: now). */
  now?: Date;
}

export function toSpec(input: InputLike): InputSpec {
  return typeof input === 'string' ? { input } : input;
}

/** A `--format` value that names no format. */
export class UnknownFormatError extends Error {
  override name = 'UnknownFormatError';
  constructor(readonly value: string) {
    super(`unknown format ${JSON.stringify(value)}: use ${Object.keys(FORMAT_ALIASES).join(', ')}`);
  }
}

/** Resolves a `--format` value; throws {@link UnknownFormatError} for an unknown one. */
export function parseFormat(value: string): InputFormat {
  const f = FORMAT_ALIASES[value.toLowerCase()];
  if (!f) throw new UnknownFormatError(value);
  return f;
}

/** Collects the report while documents stream through. */
export class ReportCollector {
  readonly report: IndexReport = emptyReport();
  private readonly started = Date.now();
  /** Dedupe key → id of the document kept. Only strings: nothing of the documents stays. */
  private readonly keys = new Map<string, string>();
  /** Id → where its record was (input index × 2^32 + record number), for the duplicates report. */
  private readonly ids = new Map<string, number>();
  private readonly inputNames: string[] = [];
  private readonly inputIndex = new Map<string, number>();

  private indexOfInput(input: string): number {
    let i = this.inputIndex.get(input);
    if (i === undefined) {
      i = this.inputNames.push(input) - 1;
      this.inputIndex.set(input, i);
    }
    return i;
  }

  addProblem(list: 'errors' | 'warnings', input: string, record: number | null, recordId: string | null, line: number | undefined, p: Problem): void {
    const r = this.report;
    if (list === 'errors') r.errorsTotal++;
    else r.warningsTotal++;
    if (r[list].length >= MAX_LISTED) return;
    const entry: ReportProblem = { input, record, recordId, path: p.path, message: bilingual(p), messageNl: p.nl, messageEn: p.en, code: p.code };
    if (line !== undefined) entry.line = line;
    r[list].push(entry);
  }

  /** Records the outcome; returns the document when it is new (not a duplicate). */
  outcome(inputReport: InputReport, record: number, line: number | undefined, o: RecordOutcome): Activity | null {
    for (const w of o.problems.warnings) this.addProblem('warnings', inputReport.input, record, o.recordId, line, w);
    if (!o.activity) {
      for (const e of o.problems.errors) this.addProblem('errors', inputReport.input, record, o.recordId, line, e);
      if (o.problems.errors.length === 0) {
        this.addProblem('errors', inputReport.input, record, o.recordId, line, { code: 'rejected', path: '', nl: 'record afgewezen', en: 'record rejected' });
      }
      inputReport.rejected++;
      this.report.rejected++;
      return null;
    }
    const doc = o.activity;
    const key = dedupeKey(doc);
    const firstId = this.keys.get(key);
    if (firstId !== undefined) {
      const at = this.ids.get(firstId)!;
      const kept = { id: firstId, input: this.inputNames[Math.floor(at / 2 ** 32)]!, record: at % 2 ** 32 };
      inputReport.accepted++;
      this.report.accepted++;
      this.report.duplicates.push({ key, kept, duplicate: { id: doc.id, input: inputReport.input, record } });
      return null;
    }
    if (this.ids.has(doc.id)) {
      this.addProblem('errors', inputReport.input, record, o.recordId, line, {
        code: 'duplicate_id',
        path: 'id',
        nl: `id ${doc.sourceRecordId} komt al eerder voor in deze bron, met een andere titel, organisatie of postcode`,
        en: `id ${doc.sourceRecordId} was already used in this source, with another title, organization or postcode`,
      });
      inputReport.rejected++;
      this.report.rejected++;
      return null;
    }
    this.ids.set(doc.id, this.indexOfInput(inputReport.input) * 2 ** 32 + record);
    this.keys.set(key, doc.id);
    inputReport.accepted++;
    this.report.accepted++;
    this.report.documents++;
    return doc;
  }

  finish(): IndexReport {
    this.report.durationMs = Date.now() - this.started;
    return this.report;
  }
}

/**
 * Streams the activity documents of all inputs, in input order, recording everything in
 * `collector`. An input that cannot be read is recorded (report error, `inputs[i].error`)
 * and the next input is read.
 */
export async function* activitiesOf(inputs: readonly InputLike[], collector: ReportCollector, options: ProcessOptions = {}): AsyncGenerator<Activity> {
  const now = (options.now ?? new Date()).toISOString();
  for (const raw of inputs) {
    const spec = toSpec(raw);
    const source = spec.source ?? sourceNameOf(spec.input);
    const inputReport: InputReport = { input: spec.input, format: null, source, records: 0, accepted: 0, rejected: 0, skipped: 0 };
    collector.report.inputs.push(inputReport);
    let records = 0;
    try {
      const format = spec.format ? parseFormat(spec.format) : undefined;
      const opened = await openInput(spec.input, format, options.http, options.limits);
      inputReport.format = opened.format;
      const ctx = { source, defaultLastModified: (opened.modifiedAt ?? new Date(now)).toISOString() };
      const events = opened.events[Symbol.asyncIterator]();
      for (;;) {
        let next: IteratorResult<ReaderEvent>;
        try {
          next = await events.next();
        } catch (err) {
          // Whatever breaks while reading (a connection reset, a broken CSV) makes the input unreadable.
          if (err instanceof InputError) throw err;
          const message = err instanceof Error ? err.message : String(err);
          throw new InputError(`lezen mislukt na ${records} record(s): ${message}`, `reading failed after ${records} record(s): ${message}`, { cause: err });
        }
        if (next.done) break;
        const ev = next.value;
        if (ev.kind === 'notice') {
          collector.addProblem('warnings', spec.input, null, null, undefined, ev.problem);
          continue;
        }
        records++;
        inputReport.records++;
        if (ev.kind === 'skipped') {
          inputReport.skipped++;
          collector.report.skipped++;
          collector.addProblem('warnings', spec.input, ev.recordNumber, ev.recordId, ev.line, { code: 'skipped', path: '', nl: ev.nl, en: ev.en });
        } else if (ev.kind === 'invalid') {
          inputReport.rejected++;
          collector.report.rejected++;
          collector.addProblem('errors', spec.input, ev.recordNumber, ev.recordId, ev.line, ev.problem);
        } else if (ev.kind === 'template-row') {
          const doc = collector.outcome(inputReport, ev.recordNumber, ev.line, transformTemplateRow(ev.row, ev.headers, ctx));
          if (doc) yield doc;
        } else {
          for (const o of transformHsdsService(ev.service, ev.organization, ctx, ev.mapPath)) {
            const doc = collector.outcome(inputReport, ev.recordNumber, ev.line, o);
            if (doc) yield doc;
          }
        }
        options.onProgress?.({ input: spec.input, read: records, accepted: collector.report.accepted, rejected: collector.report.rejected });
      }
    } catch (err) {
      if (!(err instanceof InputError) && !(err instanceof UnknownFormatError)) throw err;
      const p =
        err instanceof InputError
          ? { code: 'input_unreadable', path: '', nl: err.nl, en: err.en }
          : { code: 'format_unknown', path: '', nl: `onbekend formaat: ${err.message}`, en: err.message };
      inputReport.error = bilingual(p);
      collector.addProblem('errors', spec.input, null, null, undefined, p);
    }
  }
}

/** Reads and checks inputs without Meilisearch (the `validate` command). */
export async function validateInputs(inputs: readonly InputLike[], options: ProcessOptions = {}): Promise<IndexReport> {
  const collector = new ReportCollector();
  for await (const _ of activitiesOf(inputs, collector, options)) {
    // documents are only counted here
  }
  return collector.finish();
}

/** All documents of the inputs in memory, with the report: for tests and small feeds. */
export async function transformInputs(inputs: readonly InputLike[], options: ProcessOptions = {}): Promise<{ activities: Activity[]; report: IndexReport }> {
  const collector = new ReportCollector();
  const activities: Activity[] = [];
  for await (const doc of activitiesOf(inputs, collector, options)) activities.push(doc);
  return { activities, report: collector.finish() };
}
