/**
 * Registered feeds: each pulled on its own cron schedule (croner; default hourly) with
 * If-None-Match / If-Modified-Since, read by the indexer's readers, and its valid records
 * published for the organisation. A pull only adds and updates: a failing, empty or
 * shrinking feed leaves what is published as it was. Failures are mailed to the
 * organisation; the last result is kept for its page.
 */
import { lookup } from 'node:dns/promises';
import { Cron } from 'croner';
import ipaddr from 'ipaddr.js';
import { allFeeds, createFeed, deleteFeed, getFeed, getOrganisation, recordFeedPull, type Db, type Feed } from '@sociale-kaart/db';
import type { Mailer } from './mail.js';
import type { ActivityService } from './service.js';
import { uploadKind } from './uploads.js';

export const FEED_FORMATS = ['auto', 'hsds-json', 'hsds-api', 'csv-template'] as const;
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

export class FeedUrlError extends Error {
  override name = 'FeedUrlError';
  constructor(
    readonly nl: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** Refuses anything but http(s) to a public address (unless allowed for the demo and tests). */
export async function checkFeedUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FeedUrlError('dit is geen geldig webadres', 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FeedUrlError('alleen http- en https-adressen', 'only http and https URLs');
  if (url.username || url.password) throw new FeedUrlError('zet geen wachtwoord in het adres', 'no credentials in the URL');
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    throw new FeedUrlError(`de server ${host} is niet te vinden`, `host ${host} cannot be resolved`);
  }
  for (const a of addresses) {
    const parsed = ipaddr.process(a);
    if (parsed.range() !== 'unicast') throw new FeedUrlError('dit adres is niet openbaar bereikbaar', `the URL points to a ${parsed.range()} address`);
  }
  return url;
}

/** GET that follows at most 5 redirects itself, checking every hop: a public feed may not redirect into a private network. */
async function fetchChecked(url: string, headers: Record<string, string>, allowPrivate: boolean): Promise<Response> {
  let target = url;
  for (let hop = 0; ; hop++) {
    await checkFeedUrl(target, allowPrivate);
    const res = await fetch(target, { headers, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || res.status === 304 || !location) return res;
    await res.body?.cancel();
    if (hop >= 5) throw new Error(`more than 5 redirects from ${url}`);
    target = new URL(location, target).toString();
  }
}

export interface FeedSchedulerDeps {
  db: Db;
  service: ActivityService;
  mailer: Mailer;
  clock: () => Date;
  log: (line: Record<string, unknown>) => void;
  allowPrivate: boolean;
  portalUrl: () => string;
}

export class FeedScheduler {
  private readonly jobs = new Map<number, Cron>();
  private running = false;

  constructor(private readonly deps: FeedSchedulerDeps) {}

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
    const url = await checkFeedUrl(rawUrl, this.deps.allowPrivate);
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
    try {
      if (!org) throw new Error('organisation not found');
      let body: Parameters<ActivityService['upload']>[1];
      if (feed.format === 'hsds-api') {
        body = { apiUrl: feed.url };
      } else {
        const headers: Record<string, string> = { accept: 'application/json, application/x-ndjson, text/csv;q=0.9, */*;q=0.5', 'user-agent': 'sociale-kaart-portal' };
        if (feed.etag) headers['if-none-match'] = feed.etag;
        if (feed.last_modified) headers['if-modified-since'] = feed.last_modified;
        const res = await fetchChecked(feed.url, headers, this.deps.allowPrivate);
        if (res.status === 304) {
          await res.body?.cancel();
          result = { status: 'not_modified', at, message: 'niet gewijzigd sinds de vorige keer (not modified)' };
          await recordFeedPull(this.deps.db, id, { result: result as unknown as Record<string, unknown> }, this.deps.clock());
          return result;
        }
        if (!res.ok) {
          await res.body?.cancel();
          throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
        }
        const bytes = new Uint8Array(await res.arrayBuffer());
        const kind = feed.format === 'csv-template' ? 'csv' : feed.format === 'hsds-json' ? 'json' : uploadKind(bytes, res.headers.get('content-type') ?? '', new URL(res.url || feed.url).pathname);
        body = { bytes, kind };
        validators = { etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') };
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
      const message = err instanceof FeedUrlError ? `${err.nl} (${err.en})` : err instanceof Error ? err.message : String(err);
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
    }
    await recordFeedPull(this.deps.db, id, { result: result as unknown as Record<string, unknown>, ...validators }, this.deps.clock());
    return result;
  }
}
