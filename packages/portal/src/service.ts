/**
 * What an organisation can do with its activities, for the write API and the portal pages
 * alike: every change is written to the database first (the system of record), then
 * published incrementally to Meilisearch.
 */
import {
  confirmActivities,
  deleteActivity,
  getActivity,
  getOrganisation,
  listActivities,
  publishedAssuredBefore,
  saveActivities,
  setActivityStatus,
  type ActivityInput,
  type ActivityRow,
  type Db,
  type Organisation,
} from '@sociale-kaart/db';
import type { IndexReport } from '@sociale-kaart/indexer';
import type { Activity } from '@sociale-kaart/schema';
import type { Publisher } from './publisher.js';
import { documentsOfRecord, type FieldError } from './records.js';
import { readUpload, type UploadBody } from './uploads.js';

export interface ServiceDeps {
  db: Db;
  publisher: Publisher;
  clock?: () => Date;
}

export class RecordInvalidError extends Error {
  override name = 'RecordInvalidError';
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.pointer || '/'}: ${e.messageEn}`).join('; '));
  }
}

export interface PutResult {
  /** The document ids (one per location); `id` is the first. */
  ids: string[];
  published: boolean;
  created: boolean;
  warnings: FieldError[];
}

export interface UploadOutcome {
  report: IndexReport;
  /** Records that are valid and would be (or were) published. */
  valid: number;
  published: number;
}

/** YYYY-MM-DD of a moment, in the Netherlands (where "today" is meant). */
export function dateInNetherlands(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

const idsOf = (row: ActivityRow | undefined) => (row?.documents ?? []).map((d) => String(d.id));

export class ActivityService {
  private readonly db: Db;
  private readonly publisher: Publisher;
  private readonly clock: () => Date;

  constructor(deps: ServiceDeps) {
    this.db = deps.db;
    this.publisher = deps.publisher;
    this.clock = deps.clock ?? (() => new Date());
  }

  today(): string {
    return dateInNetherlands(this.clock());
  }

  organisation(id: string): Promise<Organisation | undefined> {
    return getOrganisation(this.db, id);
  }

  list(org: Organisation): Promise<ActivityRow[]> {
    return listActivities(this.db, org.id);
  }

  get(org: Organisation, key: string): Promise<ActivityRow | undefined> {
    return getActivity(this.db, org.id, key);
  }

  /** Validates a record; throws RecordInvalidError (nothing written) or stores and publishes it. */
  async put(org: Organisation, key: string, input: unknown, origin: 'api' | 'portal'): Promise<PutResult> {
    const now = this.clock();
    const withDate = input && typeof input === 'object' && !Array.isArray(input) && !(input as { assured_date?: unknown }).assured_date ? { ...input, assured_date: this.today() } : input;
    const r = documentsOfRecord(org, key, withDate, now);
    if (r.errors.length > 0) throw new RecordInvalidError(r.errors);
    const before = await saveActivities(this.db, [{ organisationId: org.id, key, record: r.record, documents: r.documents, origin, assuredDate: r.documents[0]?.assuredDate ?? this.today() }], now);
    const old = before.get(key);
    const published = (old?.status ?? 'published') === 'published';
    if (published) await this.publisher.apply(r.documents, idsOf(old));
    else await this.publisher.remove(idsOf(old));
    return { ids: r.documents.map((d) => d.id), published, created: !old, warnings: r.warnings };
  }

  async remove(org: Organisation, key: string): Promise<boolean> {
    const row = await deleteActivity(this.db, org.id, key);
    if (!row) return false;
    await this.publisher.remove(idsOf(row));
    return true;
  }

  /** Pause (gone from search, kept in the portal) or publish again. */
  async setPaused(org: Organisation, key: string, paused: boolean): Promise<ActivityRow | undefined> {
    const row = await setActivityStatus(this.db, org.id, key, paused ? 'paused' : 'published', this.clock());
    if (!row) return undefined;
    if (paused) await this.publisher.remove(idsOf(row));
    else await this.publisher.apply(row.documents as unknown as Activity[]);
    return row;
  }

  /** "Alles klopt nog": assured_date = today for all of the organisation's activities. */
  async confirmAll(org: Organisation): Promise<{ assuredDate: string; confirmed: number }> {
    const date = this.today();
    const rows = await confirmActivities(this.db, org.id, date, this.clock());
    await this.publisher.apply(rows.filter((r) => r.status === 'published').flatMap((r) => r.documents as unknown as Activity[]));
    return { assuredDate: date, confirmed: rows.length };
  }

  /**
   * Takes out of search what was not confirmed since `before` (YYYY-MM-DD). The rows stay
   * published in the portal: "Alles klopt nog" or an edit brings them back.
   */
  async hideUnconfirmed(before: string): Promise<number> {
    const rows = await publishedAssuredBefore(this.db, before);
    await this.publisher.remove(rows.flatMap((r) => idsOf(r)));
    return rows.length;
  }

  /**
   * Validates an upload (or a pulled feed); with `publish`, stores and publishes its valid
   * records in one transaction. Records the upload does not mention stay as they are: a bad
   * or partial file never removes what is published.
   */
  async upload(org: Organisation, body: UploadBody, options: { publish: boolean; name: string; origin?: 'upload' | 'feed' }): Promise<UploadOutcome> {
    const now = this.clock();
    const { report, records } = await readUpload(org, body, options.name, now);
    if (!options.publish || records.size === 0) return { report, valid: records.size, published: 0 };
    const today = this.today();
    const inputs: ActivityInput[] = [...records].map(([key, documents]) => ({
      organisationId: org.id,
      key,
      record: { id: key, source: options.origin ?? 'upload', name: options.name },
      documents,
      origin: options.origin ?? 'upload',
      assuredDate: documents[0]?.assuredDate ?? today,
    }));
    const before = await saveActivities(this.db, inputs, now);
    const upsert: Activity[] = [];
    const remove: string[] = [];
    for (const i of inputs) {
      const old = before.get(i.key);
      if ((old?.status ?? 'published') === 'published') {
        upsert.push(...(i.documents as Activity[]));
        remove.push(...idsOf(old));
      }
    }
    await this.publisher.apply(upsert, remove);
    return { report, valid: records.size, published: inputs.length };
  }
}
