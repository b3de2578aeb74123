/**
 * @sociale-kaart/indexer: feeds of welzijn activities (HSDS JSON, HSDS CSV package, the CSV
 * template) → validated activity documents → Meilisearch, published with an atomic swap.
 */
export { ingest, IngestError, DEFAULT_MEILI_URL, type IngestOptions } from './publish.js';
export {
  validateInputs,
  transformInputs,
  activitiesOf,
  ReportCollector,
  parseFormat,
  UnknownFormatError,
  toSpec,
  type InputSpec,
  type InputLike,
  type ProcessOptions,
  type Progress,
} from './pipeline.js';
export { validateExitCode, type IndexReport, type IngestReport, type InputReport, type ReportProblem, type DuplicateEntry, type SourceCount } from './report.js';
export { liveSourceCounts, refusal, sourceCounts, type Refusal } from './guards.js';
export { acquireIngestLock, lockIndexOf, LockTimeoutError, type IngestLock, type IngestLockOptions, type LockHolder } from './lock.js';
export { main, run, parseDuration } from './cli.js';
export { openInput, detectFormat, InputError } from './readers/index.js';
export { CSV_PACKAGE_TABLES } from './readers/hsds-csv.js';
export { DEFAULT_LIMITS, parseByteSize, type ReadLimits } from './readers/bytes.js';
export { httpGet, isPublicAddress, type HttpOptions, type HttpResponse, type ResolveHost, type ResolvedAddress } from './readers/http.js';
export { INPUT_FORMATS, FORMAT_ALIASES, type InputFormat, type ReaderEvent, type SourceRecord } from './readers/records.js';
export { readCsv, detectDelimiter, detectEncoding } from './readers/csv.js';
export { TEMPLATE_COLUMNS, templateColumn } from './readers/template.js';
export { transformHsdsService, type RecordOutcome, type TransformContext } from './transform/hsds.js';
export { transformTemplateRow } from './transform/template.js';
export { finalizeActivity, dedupeKey, type ActivityDraft } from './transform/activity.js';
export { activityId, organizationId, sourceNameOf } from './transform/ids.js';
export { resolvePlace } from './transform/place.js';
export { htmlToText, textLine, summarize, truncate } from './normalize/text.js';
export { normalizePhone } from './normalize/phone.js';
export { httpUrl, emailAddress, safeLink } from './normalize/link.js';
export { parseDays, parseTimeRange, parseFrequency, scheduleFromText, scheduleFromHsds, scheduleFacets, normalizeClock } from './normalize/schedule.js';
export { parseCostText, costFromHsds, type Cost } from './normalize/cost.js';
export { categorize, categoriesByRules, needsInText, needsHelpedBy, CATEGORY_RULES, type Categorization } from './normalize/categorize.js';
export { parseYesNo, parseDate, parseTimestamp, parseAgeRange, splitList } from './normalize/values.js';
export { Problems, bilingual, type Problem } from './problems.js';
