/** The run report, as written by `--report FILE` and returned by the library. */
import type { InputFormat } from './readers/records.js';

export interface ReportProblem {
  /** The input as given (file, directory or URL). */
  input: string;
  /** 1-based number of the record in its input (data rows for CSV); null for a remark about the whole input. */
  record: number | null;
  /** The record's own id when it has one (HSDS id, template `id` column), "@location" added per location. */
  recordId: string | null;
  /** Line in the file where the record starts (CSV, ndjson). */
  line?: number;
  /** Field path inside the record: a column name for CSV, e.g. `service_at_locations[0].location.latitude` for HSDS. */
  path: string;
  /** Dutch and English, "nl / en". */
  message: string;
  messageNl: string;
  messageEn: string;
  /** Stable machine-readable code, e.g. `postcode_invalid`. */
  code: string;
}

export interface DuplicateEntry {
  /** The normalized organisation|title|postcode that matched. */
  key: string;
  /** The document that was kept (the first one seen). */
  kept: { id: string; input: string; record: number };
  /** The record that was merged into it. */
  duplicate: { id: string; input: string; record: number };
}

export interface InputReport {
  input: string;
  format: InputFormat | null;
  /** The `source` of its documents (part of every id). */
  source: string;
  /** Records read (services, rows), including skipped ones. */
  records: number;
  accepted: number;
  rejected: number;
  /** Records that are not services (a location, a taxonomy term). */
  skipped: number;
  /** Why the input could not be read at all; absent when it was read. */
  error?: string;
}

export interface IndexReport {
  /** Valid records (one per service at a location), duplicates included. */
  accepted: number;
  /** Records rejected with at least one error. */
  rejected: number;
  /** Records that are not services. */
  skipped: number;
  /** Unique activity documents after merging duplicates: what is (or would be) published. */
  documents: number;
  inputs: InputReport[];
  /** Why records were rejected and why inputs could not be read (first 10,000). */
  errors: ReportProblem[];
  /** What was changed or dropped in records that were kept (first 10,000). */
  warnings: ReportProblem[];
  /** Records merged into an earlier one (same organisation + title + postcode). */
  duplicates: DuplicateEntry[];
  errorsTotal: number;
  warningsTotal: number;
  durationMs: number;
}

export interface IngestReport extends IndexReport {
  /** The live index name. */
  index: string;
  /** Whether the new data was swapped in. */
  published: boolean;
  /** Documents in the live index before the run (0 when it did not exist). */
  previousDocuments: number;
  /** Documents per source of this run: in the live index before it, and in the new data. */
  sources: SourceCount[];
  /** Why publishing was refused (a guard) or failed; absent when published. */
  refused?: { code: 'unreadable_input' | 'too_many_rejected' | 'too_few_documents' | 'source_shrank'; message: string; source?: string };
  /** The exit code the CLI uses for this outcome. */
  exitCode: number;
}

export interface SourceCount {
  source: string;
  /** Documents with this source in the live index before the run. */
  previousDocuments: number;
  /** Documents with this source in the new data. */
  documents: number;
}

export const MAX_LISTED = 10_000;

export function emptyReport(): IndexReport {
  return { accepted: 0, rejected: 0, skipped: 0, documents: 0, inputs: [], errors: [], warnings: [], duplicates: [], errorsTotal: 0, warningsTotal: 0, durationMs: 0 };
}

/** Exit code of `validate`: 0 all valid, 1 some rejected, 2 an input could not be read. */
export function validateExitCode(report: IndexReport): number {
  if (report.inputs.some((i) => i.error !== undefined)) return 2;
  return report.rejected > 0 ? 1 : 0;
}
