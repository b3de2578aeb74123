/**
 * `sociale-kaart-api`: reads the configuration, prefers a search-only Meilisearch key,
 * and serves the app with @hono/node-server until SIGTERM/SIGINT.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { createMeiliBackend, deriveSearchKey } from './backend.js';
import { ConfigError, loadConfig, usage, type ApiConfig } from './config.js';
import { Metrics } from './metrics.js';
import { createMeiliClient } from '@sociale-kaart/meili';
import { createMeiliReferralLookup, createReferralsApp, openReferralStore, referralConfigFromEnv, referralLoggerFromLog } from './referrals/index.js';

const log = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the API; `requestLog` receives one line per request (default: stdout). */
export async function startServer(
  config: ApiConfig,
  options: { requestLog?: (line: Record<string, unknown>) => void; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningServer> {
  const key = await deriveSearchKey(config.meiliUrl, config.meiliKey, config.index);
  log({ level: 'info', msg: 'meilisearch key', note: key.note });
  const metrics = new Metrics();
  const backend = createMeiliBackend({
    url: config.meiliUrl,
    apiKey: key.key,
    index: config.index,
    timeoutMs: config.meiliTimeoutMs,
    retryAfterSeconds: config.retryAfterSeconds,
    onError: (kind) => metrics.meiliError(kind),
  });
  const clientIp = (c: { env: unknown }) => (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
  // The referral relay (Welzijn op Recept): targets come from the live index, secrets and routes from the environment.
  const referralConfig = referralConfigFromEnv(options.env ?? process.env, {
    defaultPublicBaseUrl: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`,
  });
  const referralStore = await openReferralStore(referralConfig.storePath);
  const referralIndex = createMeiliClient({ url: config.meiliUrl, apiKey: key.key, timeoutMs: config.meiliTimeoutMs }).index(config.index);
  const referrals = createReferralsApp({
    ...createMeiliReferralLookup(referralIndex),
    store: referralStore,
    secrets: referralConfig.secrets,
    intakeUrlFor: referralConfig.intakeUrlFor,
    publicBaseUrl: referralConfig.publicBaseUrl,
    allowInsecureIntake: referralConfig.allowInsecureIntake,
    logger: referralLoggerFromLog(log),
    clientKey: (c) => clientIp(c) ?? 'unknown',
  });
  const app = createApp({
    referrals,
    backend,
    config,
    metrics,
    log: options.requestLog ?? ((line) => process.stdout.write(`${JSON.stringify(line)}\n`)),
    clientIp,
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        backend.close();
        void referralStore.close();
      }),
  };
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  let config: ApiConfig;
  try {
    config = loadConfig(argv, process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`sociale-kaart-api: ${err.message}\n\n${usage()}\n`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
  const running = await startServer(config);
  log({ level: 'info', msg: 'listening', url: running.url, index: config.index, meiliUrl: config.meiliUrl });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log({ level: 'info', msg: 'shutting down', signal });
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    void running.close().then(() => {
      log({ level: 'info', msg: 'stopped' });
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
