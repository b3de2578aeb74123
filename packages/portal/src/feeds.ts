/**
 * Registered feeds: each pulled on its own cron schedule (croner; default hourly) with
 * If-None-Match / If-Modified-Since, read by the indexer's readers, and its valid records
 * published for the organisation. A pull only adds and updates: a failing, empty or
 * shrinking feed leaves what is published as it was. Failures are mailed to the
 * organisation; the last result is kept for its page.
 */
import { Cron } from 'croner';
import { allFeeds, createFeed, deleteFeed, getFeed, getOrganisation, recordFeedPull, type Db, type Feed } from '@sociale-kaart/db';
import type { ResolveHost } from '@sociale-kaart/indexer';
import { FeedUrlError, checkFeedUrl, feedErrorText, fetchFeed, fetchPackage, httpOptionsOf, isDataPackage, type FeedFetchPolicy } from './feed-fetch.js';
import type { Mailer } from './mail.js';
import type { ActivityService } from './service.js';
import { uploadKind, type UploadBody } from './uploads.js';

export { FeedUrlError, checkFeedUrl } from './feed-fetch.js';

/** `hsds-csv` is an HSDS CSV package: the URL of its datapackage.json. */
export const FEED_FORMATS = ['auto', 'hsds-json', 'hsds-api', 'hsds-csv', 'csv-template'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export interface PullResult {
  status: 'ok' | 'not_modified' | 'failed';
  at: string;
  message?: string;
  accepted?: number;
  rejected?: number;
  published?: number;
  errors?: Array<{ record: number | null; line?: number; path: string; message: string; messageNl: string }>;
}

export interface FeedSchedulerDeps {
  db: Db;
  service: ActivityService;
  mailer: Mailer;
  clock: () => Date;
  log: (line: Record<string, unknown>) => void;
  allowPrivate: boolean;
  /** The resolver every feed fetch uses (default: the system's); tests inject one. */
  resolve?: ResolveHost;
  portalUrl: () => string;
}

export class FeedScheduler {
  private readonly jobs = new Map<number, Cron>();
  private running = false;

  private readonly policy: FeedFetchPolicy;

  constructor(private readonly deps: FeedSchedulerDeps) {
    this.policy = { allowPrivate: deps.allowPrivate, ...(deps.resolve ? { resolve: deps.resolve } : {}) };
  }

  async start(): Promise<void> {
    this.running = true;
    for (const feed of await allFeeds(this.deps.db)) this.schedule(feed);
  }

  stop(): void {
    this.running = false;
    for (const job of this.jobs.values()) job.stop();
    this.jobs.clear();
  }

  private schedule(feed: Feed): void {
    if (!this.running) return;
    this.jobs.get(feed.id)?.stop();
    this.jobs.set(feed.id, new Cron(feed.schedule, { protect: true, catch: (err) => this.deps.log({ level: 'error', msg: 'feed pull failed', feed: feed.id, error: String(err) }) }, async () => {
      await this.pull(feed.id);
    }));
  }

  /** Registers a feed (URL checked) and pulls it once at once; returns the feed and that first result. */
  async register(organisationId: string, rawUrl: string, format: FeedFormat = 'auto', schedule?: string): Promise<{ feed: Feed; result: PullResult }> {
    const url = await checkFeedUrl(rawUrl, this.deps.allowPrivate, this.policy.resolve);
    if (schedule) {
      try {
        new Cron(schedule, { paused: true }).stop();
      } catch {
        throw new FeedUrlError(`schema ${schedule} is geen geldige cron-regel`, `schedule ${schedule} is not a valid cron expression`);
      }
    }
    const feed = await createFeed(this.deps.db, { organisationId, url: url.toString(), format: format === 'auto' ? null : format, ...(schedule ? { schedule } : {}) });
    this.schedule(feed);
    const result = await this.pull(feed.id);
    return { feed, result };
  }

  async unregister(organisationId: string, id: number): Promise<boolean> {
    const removed = await deleteFeed(this.deps.db, organisationId, id);
    if (removed) {
      this.jobs.get(id)?.stop();
      this.jobs.delete(id);
    }
    return removed;
  }

  /** Pulls one feed now. Never throws: the outcome is recorded and returned. */
  async pull(id: number): Promise<PullResult> {
    const feed = await getFeed(this.deps.db, id);
    if (!feed) return { status: 'failed', at: this.deps.clock().toISOString(), message: 'feed not found' };
    const org = await getOrganisation(this.deps.db, feed.organisation_id);
    const at = this.deps.clock().toISOString();
    let result: PullResult;
    let validators: { etag?: string | null; lastModified?: string | null } = {};
    let dispose = async () => {};
    try {
      if (!org) throw new Error('organisation not found');
      let body: UploadBody;
      if (feed.format === 'hsds-api') {
        body = { apiUrl: feed.url, http: httpOptionsOf(this.policy) };
      } else {
        // A package's tables can change while its datapackage.json does not: always fetched whole.
        const conditional = feed.format !== 'hsds-csv';
        const fetched = await fetchFeed(feed.url, { etag: conditional ? feed.etag : null, lastModified: conditional ? feed.last_modified : null }, this.policy);
        if (fetched.status === 'not_modified') {
          result = { status: 'not_modified', at, message: 'niet gewijzigd sinds de vorige keer (not modified)' };
          await recordFeedPull(this.deps.db, id, { result: result as unknown as Record<string, unknown> }, this.deps.clock());
          return result;
        }
        const path = new URL(fetched.url).pathname;
        const isPackage = feed.format === 'hsds-csv' || (!feed.format && (/(^|\/)datapackage\.json$/i.test(path) || isDataPackage(fetched.bytes)));
        if (isPackage) {
          const fetchedPackage = await fetchPackage(fetched.bytes, fetched.url, this.policy);
          dispose = fetchedPackage.dispose;
          body = { packageDir: fetchedPackage.dir };
        } else {
          const kind = feed.format === 'csv-template' ? 'csv' : feed.format === 'hsds-json' ? 'json' : uploadKind(fetched.bytes, fetched.contentType, path);
          body = { bytes: fetched.bytes, kind };
          validators = { etag: fetched.etag, lastModified: fetched.lastModified };
        }
      }
      const outcome = await this.deps.service.upload(org, body, { publish: true, name: feed.url, origin: 'feed' });
      const unreadable = outcome.report.inputs.find((i) => i.error);
      if (unreadable) throw new Error(unreadable.error);
      result = {
        status: 'ok',
        at,
        accepted: outcome.report.accepted,
        rejected: outcome.report.rejected,
        published: outcome.published,
        errors: outcome.report.errors.slice(0, 50).map((e) => ({ record: e.record, ...(e.line !== undefined ? { line: e.line } : {}), path: e.path, message: e.message, messageNl: e.messageNl })),
      };
    } catch (err) {
      const message = feedErrorText(err);
      result = { status: 'failed', at, message };
      validators = {};
      if (org?.email) {
        await this.deps.mailer
          .send({
            to: org.email,
            subject: 'Uw feed kon niet worden opgehaald',
            text: `Beste ${org.name},\n\nWe konden uw feed ${feed.url} niet ophalen of lezen:\n${message}\n\nUw activiteiten op de sociale kaart blijven zoals ze waren.\nBekijk de feed in het portaal: ${this.deps.portalUrl()}/feeds\n\n(Your feed could not be fetched; your published activities are unchanged.)`,
          })
          .catch((mailErr) => this.deps.log({ level: 'error', msg: 'feed failure mail not sent', feed: id, error: String(mailErr) }));
      }
    } finally {
      await dispose();
    }
    await recordFeedPull(this.deps.db, id, { result: result as unknown as Record<string, unknown>, ...validators }, this.deps.clock());
    return result;
  }
}
