/**
 * Starts the portal server: database (migrated), publisher, mail, pages, the feed
 * scheduler, and the HTTP listener. `startPortal()` is what the demo and the tests call;
 * `main()` is the `sociale-kaart-portal` CLI.
 */
import { serve, type ServerType } from '@hono/node-server';
import { parseArgs } from 'node:util';
import { Cron } from 'croner';
import { openDatabase, type OpenedDatabase } from '@sociale-kaart/db';
import type { ResolveHost } from '@sociale-kaart/indexer';
import { ACTIVITY_INDEX_UID } from '@sociale-kaart/meili';
import { createPortalApp } from './app.js';
import { DEFAULT_FRESHNESS, daysBefore, type Freshness } from './freshness.js';
import { FeedScheduler } from './feeds.js';
import { applyRetention, notifyNewReferrals } from './inbox-jobs.js';
import { DEFAULT_RETENTION, type Retention } from './inbox-store.js';
import { createMailer, type Mailer } from './mail.js';
import { createPages } from './pages/routes.js';
import { pruneSessions, schedulePruning } from './pages/session.js';
import { Publisher } from './publisher.js';
import { sendFreshnessReminders } from './reminders.js';
import { ActivityService } from './service.js';

export interface StartPortalOptions {
  /** 0 = a free port (default 8790). */
  port?: number;
  host?: string;
  /** The address people use (for links in mails); default http://HOST:PORT. */
  publicUrl?: string;
  /** postgres://… or a PGlite directory or memory://; default DATABASE_URL, else .data/pglite. */
  databaseUrl?: string;
  meili: { url: string; apiKey?: string; index?: string };
  /** SMTP for sign-in and reminder mails, e.g. smtp://127.0.0.1:2525 (the demo mailbox). Without it mails are written to the log only as "not sent". */
  smtpUrl?: string;
  mailFrom?: string;
  freshness?: Partial<Freshness>;
  /** When freshness reminders go out (cron, default every day at 07:00). */
  reminderSchedule?: string;
  /** Pull registered feeds, send reminders and prune sessions on their schedules (default true). */
  schedule?: boolean;
  /** Allow feed URLs on loopback and private addresses (demo and tests only). */
  allowPrivateFeeds?: boolean;
  /** The resolver feed fetches use (default: the system's); tests inject one. */
  feedResolver?: ResolveHost;
  /** When sealed payloads are deleted (default 30 days after closed/declined, 90 after creation when never opened). */
  retention?: Partial<Retention>;
  /** When new inbox referrals are mailed to their organisation (cron, default every minute). */
  notifySchedule?: string;
  /** When expired payloads are deleted (cron, default every day at 03:00). */
  retentionSchedule?: string;
  clock?: () => Date;
  log?: (line: Record<string, unknown>) => void;
}

export interface RunningPortal {
  url: string;
  port: number;
  database: OpenedDatabase;
  service: ActivityService;
  feeds: FeedScheduler;
  mailer: Mailer;
  /** Sends the freshness reminders due now (also run on `reminderSchedule`); returns the organisations mailed. */
  sendReminders(): Promise<string[]>;
  /** Takes activities older than `hideDays` out of search (also run on `reminderSchedule`); returns how many. */
  hideUnconfirmed(): Promise<number>;
  /** Deletes expired sessions and spent sign-in links (also run on every sign-in and hourly). */
  pruneSessions(): Promise<void>;
  /** Mails "Er is een nieuwe verwijzing" for inbox referrals not yet notified (also on `notifySchedule`); returns their ids. */
  notifyNewReferrals(): Promise<string[]>;
  /** Deletes sealed payloads past their retention (also on `retentionSchedule`); returns their ids. */
  applyRetention(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startPortal(options: StartPortalOptions): Promise<RunningPortal> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line) => process.stderr.write(`${JSON.stringify(line)}\n`));
  const clock = options.clock ?? (() => new Date());
  const database = await openDatabase(options.databaseUrl ? { url: options.databaseUrl } : {});
  const publisher = new Publisher({ url: options.meili.url, ...(options.meili.apiKey ? { apiKey: options.meili.apiKey } : {}), index: options.meili.index ?? ACTIVITY_INDEX_UID });
  const service = new ActivityService({ db: database.db, publisher, clock });
  const freshness: Freshness = { ...DEFAULT_FRESHNESS, ...options.freshness };
  const mailer = createMailer({ smtpUrl: options.smtpUrl, from: options.mailFrom ?? 'Sociale Kaart <noreply@sociale-kaart.example>', log });

  let publicUrl = options.publicUrl ?? '';
  const feeds = new FeedScheduler({ db: database.db, service, mailer, clock, log, allowPrivate: options.allowPrivateFeeds ?? false, ...(options.feedResolver ? { resolve: options.feedResolver } : {}), portalUrl: () => publicUrl });
  const monitor = { db: database.db, meili: publisher.client, index: publisher.index, freshness, today: () => service.today() };
  const pages = createPages({ db: database.db, service, feeds, mailer, clock, freshness, publicUrl: () => publicUrl, monitor });
  const app = createPortalApp({ db: database.db, service, pages, clock, log, monitor });

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 8790, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8790);
  publicUrl = (options.publicUrl ?? `http://${host}:${port}`).replace(/\/+$/, '');
  const sendReminders = () => sendFreshnessReminders({ db: database.db, mailer, freshness, portalUrl: () => publicUrl, clock, log });
  const hideUnconfirmed = () => service.hideUnconfirmed(daysBefore(service.today(), freshness.hideDays));
  const retention: Retention = { ...DEFAULT_RETENTION, ...options.retention };
  const jobDeps = { db: database.db, mailer, portalUrl: () => publicUrl, clock, log };
  const notify = () => notifyNewReferrals(jobDeps);
  const retain = () => applyRetention(jobDeps, retention);
  const jobs: Cron[] = [];
  let reminderJob: Cron | undefined;
  let pruneJob: Cron | undefined;
  const pruneDeps = { db: database.db, clock, log };
  if (options.schedule ?? true) {
    const catchAs = (job: string) => (err: unknown) => log({ level: 'error', msg: `${job} failed`, error: String(err) });
    jobs.push(new Cron(options.notifySchedule ?? '* * * * *', { protect: true, catch: catchAs('referral notifier') }, async () => void (await notify())));
    jobs.push(new Cron(options.retentionSchedule ?? '0 3 * * *', { protect: true, timezone: 'Europe/Amsterdam', catch: catchAs('referral retention') }, async () => void (await retain())));
    await feeds.start();
    pruneJob = schedulePruning(pruneDeps);
    reminderJob = new Cron(options.reminderSchedule ?? '0 7 * * *', { protect: true, timezone: 'Europe/Amsterdam', catch: (err) => log({ level: 'error', msg: 'freshness job failed', error: String(err) }) }, async () => {
      await hideUnconfirmed();
      await sendReminders();
    });
  }
  return {
    url: publicUrl,
    port,
    database,
    service,
    feeds,
    mailer,
    sendReminders,
    hideUnconfirmed,
    pruneSessions: () => pruneSessions(pruneDeps),
    notifyNewReferrals: notify,
    applyRetention: retain,
    async close() {
      reminderJob?.stop();
      pruneJob?.stop();
      for (const job of jobs) job.stop();
      feeds.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      mailer.close();
      await database.close();
    },
  };
}

export const PORTAL_USAGE = `usage: sociale-kaart-portal [--port N] [--host H] [--public-url URL] [--meili-url URL] [--meili-key KEY] [--index NAME] [--smtp-url URL]

DATABASE_URL selects the database (postgres://…); unset: embedded PGlite in .data/pglite.
Environment fallbacks: MEILI_URL, MEILI_MASTER_KEY / MEILI_KEY, SK_SMTP_URL, SK_PORTAL_URL.`;

export async function main(argv = process.argv.slice(2)): Promise<void> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'public-url': { type: 'string' },
        'meili-url': { type: 'string' },
        'meili-key': { type: 'string' },
        index: { type: 'string' },
        'smtp-url': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (err) {
    process.stderr.write(`sociale-kaart-portal: ${err instanceof Error ? err.message : String(err)}\n\n${PORTAL_USAGE}\n`);
    process.exit(64);
  }
  if (values.help) {
    process.stdout.write(`${PORTAL_USAGE}\n`);
    return;
  }
  const port = values.port === undefined ? 8790 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`sociale-kaart-portal: --port must be a port number, not ${JSON.stringify(values.port)}\n`);
    process.exit(64);
  }
  const env = process.env;
  const meiliKey = values['meili-key'] ?? env.MEILI_MASTER_KEY ?? env.MEILI_KEY;
  const smtpUrl = values['smtp-url'] ?? env.SK_SMTP_URL;
  const publicUrl = values['public-url'] ?? env.SK_PORTAL_URL;
  const portal = await startPortal({
    port,
    ...(values.host ? { host: values.host } : {}),
    ...(publicUrl ? { publicUrl } : {}),
    meili: { url: values['meili-url'] ?? env.MEILI_URL ?? 'http://127.0.0.1:7700', ...(meiliKey ? { apiKey: meiliKey } : {}), ...(values.index ? { index: values.index } : {}) },
    ...(smtpUrl ? { smtpUrl } : {}),
  });
  process.stdout.write(`sociale-kaart-portal: ${portal.url} (database: ${portal.database.kind} ${portal.database.location})\n`);
  const stop = () => void portal.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
