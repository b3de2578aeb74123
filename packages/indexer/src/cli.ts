/**
 * sociale-kaart-index: validate and ingest feeds of welzijn activities (see USAGE below and
 * the package README for every flag).
 *
 * Exit codes: 0 fine; 1 some records rejected (ingest: published anyway); 2 an input could not
 * be read (nothing published); 3 a guard refused to publish (live index untouched);
 * 4 Meilisearch failed or the lock was not free (live index untouched); 64 usage error.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { ACTIVITY_INDEX_UID } from '@sociale-kaart/meili';
import { openDatabase, publishedDocuments, type OpenedDatabase } from '@sociale-kaart/db';
import { IngestError, ingest, DEFAULT_MEILI_URL } from './publish.js';
import { UnknownFormatError, parseFormat, validateInputs, type InputSpec, type ProcessOptions, type Progress } from './pipeline.js';
import { DEFAULT_LIMITS, formatBytes, parseByteSize } from './readers/bytes.js';
import { validateExitCode, type IndexReport, type IngestReport } from './report.js';

/** Portal activities nobody confirmed for this many days leave search (the portal's default too). */
export const DEFAULT_HIDE_UNCONFIRMED_DAYS = 365;

const USAGE = `Usage:
  sociale-kaart-index validate <input…> [--format F] [--source NAME] [--report FILE]
                      [--max-input-bytes SIZE] [--max-record-bytes SIZE] [--allow-private-urls]
  sociale-kaart-index ingest <input…> [--meili-url URL] [--meili-key KEY] [--index NAME]
                      [--force] [--report FILE] [--format F] [--source NAME]
                      [--batch-size N] [--lock-timeout 10m] [--watch --interval 15m]
                      [--max-input-bytes SIZE] [--max-record-bytes SIZE] [--allow-private-urls]
                      [--database-url URL] [--hide-unconfirmed-days N]

An input is a file, a directory (HSDS CSV package) or an http(s) URL (a file, or an HSDS API
base URL that is paged through /services?page=N&full=true). The format is detected; force it
with --format hsds-json | hsds-ndjson | hsds-api | hsds-csv | csv-template.

  --report FILE     write the JSON report to FILE ("-" for standard output)
  --meili-url URL   Meilisearch (default: $MEILI_URL or ${DEFAULT_MEILI_URL})
  --meili-key KEY   Meilisearch key (default: $MEILI_MASTER_KEY; prefer the variable)
  --index NAME      live index (default: ${ACTIVITY_INDEX_UID})
  --force           publish even when more than half of the records were rejected, or the
                    new index would have fewer than half the documents of the live one, or
                    a source of this run would drop to zero or by more than half
  --max-input-bytes SIZE   read at most SIZE of one input (default ${formatBytes(DEFAULT_LIMITS.maxInputBytes)})
  --max-record-bytes SIZE  one record (ndjson line, CSV row) at most SIZE (default ${formatBytes(DEFAULT_LIMITS.maxRecordBytes)})
  --allow-private-urls     also fetch URLs on loopback and private addresses (development only)
  --database-url URL       also publish the activities organisations keep in the portal's
                           database (postgres://… or a PGlite directory), as one source per
                           organisation, so a full reindex keeps every portal edit
  --hide-unconfirmed-days N  with --database-url: leave out portal activities not confirmed
                           for N days (default ${DEFAULT_HIDE_UNCONFIRMED_DAYS}; 0 keeps them all)
  --lock-timeout D  wait at most D for another ingest on the same index (default 10m)
  --watch           ingest again every --interval (default 15m) until stopped

Exit codes: 0 ok; 1 some records rejected; 2 an input could not be read; 3 refused by a guard
(live index untouched); 4 Meilisearch failed or the index is locked; 64 usage error.`;

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

const defaultIo = (): CliIo => ({
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTTY: !!process.stderr.isTTY,
});

class UsageError extends Error {}


/** The date `days` ago, YYYY-MM-DD in UTC (as the portal stores assured dates). */
function daysAgo(days: number, now = new Date()): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/** "15m", "30s", "1h", "500ms", "90" (seconds) → milliseconds. */
export function parseDuration(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(value);
  if (!m) throw new UsageError(`not a duration: ${JSON.stringify(value)} (use e.g. 30s, 15m, 1h)`);
  const n = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  return Math.round(n * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000));
}

/** A byte size flag ("512MB", "64k", "1000"), or the default when it is not given. */
function byteSize(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const bytes = parseByteSize(value);
  if (bytes === null) throw new UsageError(`${flag} must be a size such as 512MB, 64KB or 1000000 (bytes), not ${JSON.stringify(value)}`);
  return bytes;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function where(p: { input: string; record: number | null; line?: number; recordId: string | null }): string {
  if (p.record === null) return p.input;
  const id = p.recordId ? ` ${p.recordId}` : '';
  return `${p.input} #${p.record}${p.line !== undefined ? ` (line ${p.line})` : ''}${id}`;
}

function summaryLines(command: string, report: IndexReport | IngestReport, limit = 20): string {
  const lines: string[] = [];
  const read = report.inputs.reduce((n, i) => n + i.records, 0);
  lines.push(
    `${command}: ${report.inputs.length} input(s), ${read} record(s): ${report.accepted} accepted, ${report.rejected} rejected, ${report.skipped} skipped; ` +
      `${report.documents} document(s)${report.duplicates.length ? ` (${report.duplicates.length} duplicate(s) merged)` : ''}; ${report.warningsTotal} warning(s); ${seconds(report.durationMs)}`,
  );
  for (const i of report.inputs) {
    lines.push(`  ${i.input} [${i.format ?? 'unknown'}]: ${i.error ? `NOT READ: ${i.error}` : `${i.accepted} accepted, ${i.rejected} rejected, ${i.skipped} skipped`}`);
  }
  if (report.errors.length > 0) {
    lines.push(`errors${report.errorsTotal > limit ? ` (first ${limit} of ${report.errorsTotal}; all in --report)` : ''}:`);
    for (const e of report.errors.slice(0, limit)) lines.push(`  ${where(e)}${e.path ? ` [${e.path}]` : ''}: ${e.message}`);
  }
  if ('published' in report) {
    lines.push(report.published ? `published: ${report.documents} document(s) now live in "${report.index}"` : `NOT published: ${report.refused?.message ?? 'unknown reason'}`);
  }
  return `${lines.join('\n')}\n`;
}

function progressReporter(io: CliIo, enabled: boolean): { onProgress?: (p: Progress) => void; stop: () => void } {
  if (!enabled) return { stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format: '{input} | {value} records | {accepted} accepted | {rejected} rejected | {rate}/s',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      fps: 10,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let running = false;
  let last = 0;
  return {
    onProgress: (p) => {
      const now = Date.now();
      if (now - last < 100 && p.read % 1000 !== 0) return;
      last = now;
      const rate = Math.round(p.read / Math.max(0.001, (now - started) / 1000));
      const payload = { input: p.input.length > 40 ? `…${p.input.slice(-39)}` : p.input, accepted: p.accepted, rejected: p.rejected, rate };
      if (!running) {
        bar.start(Number.MAX_SAFE_INTEGER, p.read, payload);
        running = true;
      } else bar.update(p.read, payload);
    },
    stop: () => {
      if (running) bar.stop();
      running = false;
    },
  };
}

async function writeReport(path: string | undefined, report: unknown, io: CliIo): Promise<void> {
  if (!path) return;
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (path === '-') io.out(json);
  else await writeFile(path, json, 'utf8');
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Runs the CLI with `argv` (without node and script); resolves with the exit code. */
export async function main(argv: readonly string[], io: CliIo = defaultIo(), signal?: AbortSignal): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        source: { type: 'string' },
        report: { type: 'string' },
        'meili-url': { type: 'string' },
        'meili-key': { type: 'string' },
        index: { type: 'string' },
        force: { type: 'boolean' },
        'batch-size': { type: 'string' },
        'max-input-bytes': { type: 'string' },
        'max-record-bytes': { type: 'string' },
        'allow-private-urls': { type: 'boolean' },
        'database-url': { type: 'string' },
        'hide-unconfirmed-days': { type: 'string' },
        'lock-timeout': { type: 'string' },
        watch: { type: 'boolean' },
        interval: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${USAGE}\n`);
    return 64;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (values.version) {
    io.out(`${version()}\n`);
    return 0;
  }
  const [command, ...inputs] = positionals;
  // With the report on stdout, everything for people goes to stderr.
  const say = values.report === '-' ? io.err : io.out;
  try {
    if (command !== 'validate' && command !== 'ingest') throw new UsageError(command ? `unknown command ${JSON.stringify(command)}` : 'no command given');
    const databaseUrl = command === 'ingest' ? values['database-url'] : undefined;
    if (values['database-url'] && command !== 'ingest') throw new UsageError('--database-url belongs to ingest');
    if (inputs.length === 0 && !databaseUrl) throw new UsageError('no input given');
    const hideDays = values['hide-unconfirmed-days'] === undefined ? DEFAULT_HIDE_UNCONFIRMED_DAYS : Number(values['hide-unconfirmed-days']);
    if (!Number.isInteger(hideDays) || hideDays < 0) throw new UsageError('--hide-unconfirmed-days must be a whole number ≥ 0');
    if (values.source && inputs.length > 1) throw new UsageError('--source names one input; give one input per run or leave it out');
    const format = values.format ? parseFormat(values.format) : undefined;
    const specs: InputSpec[] = inputs.map((input) => ({ input, ...(format ? { format } : {}), ...(values.source ? { source: values.source } : {}) }));
    if (command === 'validate' && (values.watch || values.force)) throw new UsageError('--watch and --force belong to ingest');
    const reading: ProcessOptions = {
      limits: { maxInputBytes: byteSize(values['max-input-bytes'], '--max-input-bytes', DEFAULT_LIMITS.maxInputBytes), maxRecordBytes: byteSize(values['max-record-bytes'], '--max-record-bytes', DEFAULT_LIMITS.maxRecordBytes) },
      ...(values['allow-private-urls'] ? { http: { allowPrivateUrls: true } } : {}),
    };

    if (command === 'validate') {
      const progress = progressReporter(io, io.isTTY && !values.quiet);
      const report = await validateInputs(specs, { ...reading, ...(progress.onProgress ? { onProgress: progress.onProgress } : {}) }).finally(progress.stop);
      await writeReport(values.report, report, io);
      say(summaryLines('validate', report));
      return validateExitCode(report);
    }

    const batchSize = values['batch-size'] ? Number(values['batch-size']) : undefined;
    if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) throw new UsageError('--batch-size must be a positive whole number');
    const lockTimeoutMs = values['lock-timeout'] ? parseDuration(values['lock-timeout']) : undefined;
    const intervalMs = parseDuration(values.interval ?? '15m');
    if (values.interval && !values.watch) throw new UsageError('--interval needs --watch');
    if (intervalMs < 1000) throw new UsageError('--interval must be at least 1s');

    const runOnce = async (): Promise<number> => {
      const progress = progressReporter(io, io.isTTY && !values.quiet);
      let database: OpenedDatabase | null = null;
      if (databaseUrl) {
        try {
          database = await openDatabase({ url: databaseUrl });
        } catch (err) {
          io.err(`could not open the portal database (${(err as Error).message}); live index untouched\n`);
          return 2;
        }
      }
      try {
        const report = await ingest({
          ...reading,
          inputs: specs,
          ...(database ? { extraDocuments: publishedDocuments(database.db, hideDays > 0 ? { assuredOnOrAfter: daysAgo(hideDays) } : {}) } : {}),
          ...(values['meili-url'] ? { meiliUrl: values['meili-url'] } : {}),
          ...(values['meili-key'] ? { meiliKey: values['meili-key'] } : {}),
          index: values.index ?? ACTIVITY_INDEX_UID,
          force: !!values.force,
          ...(batchSize ? { batchSize } : {}),
          lock: lockTimeoutMs !== undefined ? { timeoutMs: lockTimeoutMs } : {},
          log: (line) => {
            if (!values.quiet) io.err(`${line}\n`);
          },
          ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
        }).finally(progress.stop);
        await writeReport(values.report, report, io);
        say(summaryLines('ingest', report));
        return report.exitCode;
      } catch (err) {
        if (!(err instanceof IngestError)) throw err;
        io.err(`ingest failed, live index untouched: ${err.message}\n`);
        return 4;
      } finally {
        await database?.close();
      }
    };

    if (!values.watch) return await runOnce();
    let code = 0;
    while (!signal?.aborted) {
      code = await runOnce();
      say(`next ingest in ${seconds(intervalMs)} (stop with Ctrl-C)\n`);
      const stopped = await new Promise<boolean>((resolve) => {
        const t = setTimeout(() => resolve(false), intervalMs);
        signal?.addEventListener('abort', () => {
          clearTimeout(t);
          resolve(true);
        }, { once: true });
      });
      if (stopped) break;
    }
    return code;
  } catch (err) {
    if (err instanceof UsageError || err instanceof UnknownFormatError) {
      io.err(`${err.message}\n\n${USAGE}\n`);
      return 64;
    }
    throw err;
  }
}

/** Entry point of the bin script: exits on SIGINT/SIGTERM after the current step in watch mode. */
export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await main(argv, defaultIo(), controller.signal);
  } catch (err) {
    process.stderr.write(`sociale-kaart-index: ${(err as Error).stack ?? String(err)}\n`);
    return 70;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
