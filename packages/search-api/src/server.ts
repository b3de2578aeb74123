/**
 * `sociale-kaart-api`: reads the configuration, derives a search-only Meilisearch key
 * (waiting for Meilisearch when it is not up yet), wires the referral relay from the
 * environment (and the database, with DATABASE_URL or a `database` handle), and serves the
 * app with @hono/node-server until SIGTERM/SIGINT.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { createMeiliBackend, deriveSearchKey, SearchKeyError } from './backend.js';
import { ConfigError, loadConfig, usage, type ApiConfig } from './config.js';
import { clientKeyFunction } from './http/client-key.js';
import { lineLogger, stdoutLines, type LineWriter } from './http/log.js';
import { Metrics } from './metrics.js';
import type { Db } from '@sociale-kaart/db';
import { ReferralConfigError, createMeiliReferralLookup, createReferralsApp, referralConfigFromEnv } from './referrals/index.js';
import { createReferralKeyApp } from './referrals/referral-key.js';
import { referralStorage } from './referrals/storage.js';

const processLogger = lineLogger();

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the API; `requestLog` receives one line per request (default: stdout).
 * Throws a ReferralConfigError for a bad referral setting and a SearchKeyError when no
 * search-only key can be had.
 */
export interface StartServerOptions {
  /** One line per request (default: `log`, else stdout). */
  requestLog?: LineWriter;
  /** Where the server's own log lines go (default: stdout); e.g. the demo quiets an in-process API. */
  log?: LineWriter;
  /** Where the referral settings come from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /**
   * An open database to keep referrals in and route by (the portal's own handle, e.g. in the
   * demo: an embedded PGlite opens in one process only). Left open on close. Without it,
   * `DATABASE_URL` in `env` opens one; without either, referrals go to SK_REFERRAL_STORE.
   */
  database?: Db;
}

export async function startServer(config: ApiConfig, options: StartServerOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const logger = options.log ? lineLogger(options.log) : processLogger;
  const hostPart = config.host.includes(':') ? `[${config.host}]` : config.host;
  // Checked before Meilisearch is asked anything: a bad route must not wait for a key.
  const referralConfig = referralConfigFromEnv(env, { defaultPublicBaseUrl: config.publicUrl ?? `http://${hostPart}:${config.port}` });
  if (referralConfig.allowPrivateIntake) {
    logger.warn('referral.private_intake_allowed', { note: 'SK_REFERRAL_ALLOW_PRIVATE_INTAKE is on: referrals may go over http to loopback and private addresses. For demos and tests only.' });
  }
  if (!referralConfig.referrers) logger.info('referral.disabled', { note: 'no referrer keys configured: POST /v1/referrals answers 503' });

  const storage = await referralStorage(referralConfig, { env, database: options.database, logger });
  logger.info('referral.storage', { kind: storage.kind });
  let key: Awaited<ReturnType<typeof deriveSearchKey>>;
  try {
    key = await deriveSearchKey(config.meiliUrl, config.meiliKey, config.index, {
      onWait: (attempt, delayMs) => logger.warn('meilisearch.waiting', { attempt, retryInMs: delayMs }),
    });
  } catch (error) {
    await storage.close();
    throw error;
  }
  logger.info('meilisearch key', { note: key.note });
  const metrics = new Metrics();
  const backend = createMeiliBackend({
    url: config.meiliUrl,
    apiKey: key.key,
    index: config.index,
    timeoutMs: config.meiliTimeoutMs,
    retryAfterSeconds: config.retryAfterSeconds,
    onError: (kind) => metrics.meiliError(kind),
  });
  const clientKey = clientKeyFunction(config.trustProxy);
  const referrals = createReferralsApp({
    ...createMeiliReferralLookup(backend),
    store: storage.store,
    routes: storage.routes,
    keys: storage.keys,
    referrers: referralConfig.referrers,
    publicBaseUrl: referralConfig.publicBaseUrl,
    allowPrivateIntake: referralConfig.allowPrivateIntake,
    logger,
    clientKey,
  });
  const app = createApp({
    referrals,
    organizations: createReferralKeyApp({ keys: storage.keys, publicBaseUrl: referralConfig.publicBaseUrl, logger }),
    backend,
    config,
    metrics,
    log: options.requestLog ?? options.log ?? stdoutLines,
    clientKey,
    publicUrl: referralConfig.publicBaseUrl,
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${hostPart}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        backend.close();
        void storage.close();
      }),
  };
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  let config: ApiConfig;
  let running: RunningServer;
  try {
    config = loadConfig(argv, process.env);
    running = await startServer(config);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof ReferralConfigError || err instanceof SearchKeyError) {
      process.stderr.write(`sociale-kaart-api: ${err.message}\n${err instanceof ConfigError ? `\n${usage()}\n` : ''}`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
  processLogger.info('listening', { url: running.url, index: config.index, meiliUrl: config.meiliUrl });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    processLogger.info('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    void running.close().then(() => {
      processLogger.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
