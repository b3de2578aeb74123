// The demo behind `npm start`, also used by the end-to-end tests so they run the
// demo exactly as a newcomer does: a managed Meilisearch with its data under
// .data/, the demo feeds ingested when the index is missing or the feeds changed,
// the provider portal on the embedded database, the search API on the same database
// (trusting the demo HIS backend's key; relaying to the hosted inbox for the organisations
// seeded with one, to the example intake receiver for the rest), the intake receiver and the
// example pages with the HIS backend.
// A new server joins with one startService() call and one line in `links`.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { startMeilisearch } from '@sociale-kaart/meili';
import { seedDemoOrganisations, startMailbox, startPortal } from '@sociale-kaart/portal';
import { loadConfig, startServer } from '@sociale-kaart/search-api';
import { LOOPBACK_HOSTS } from '../intake-receiver/intake-receiver.mjs';
import { TOKEN_PATH, createHisBackend } from './his-backend.mjs';
import { createPagesApp } from './pages.mjs';
import { reservePort } from './ports.mjs';
import { startService, waitForExit, waitForHttp } from './services.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, '../..');
const feedsDir = join(repoRoot, 'examples/feeds');
const INDEX = 'activities';
/** Utrecht organisations that read their referrals in the hosted inbox (the HIS page's patient lives in Utrecht). */
export const DEMO_INBOX_ORGANISATIONS = ['Trajectum Welzijn', 'Stichting Buurtkracht Overvecht'];
/** Opens the demo's recovery files. Demo only: a real coach team chooses its own on the /sleutel page. */
export const DEMO_INBOX_PASSPHRASE = 'alleen voor de demo';

/** The demo feeds, one input per file or CSV package, in a stable order. */
export function demoInputs() {
  const inputs = [];
  const jsonDir = join(feedsDir, 'hsds-json');
  if (existsSync(jsonDir)) for (const f of readdirSync(jsonDir).sort()) if (/\.(json|ndjson)$/.test(f)) inputs.push(join(jsonDir, f));
  const csvDir = join(feedsDir, 'hsds-csv');
  if (existsSync(csvDir)) for (const d of readdirSync(csvDir).sort()) if (statSync(join(csvDir, d)).isDirectory()) inputs.push(join(csvDir, d));
  const tplDir = join(feedsDir, 'csv-template');
  if (existsSync(tplDir)) for (const f of readdirSync(tplDir).sort()) if (f.endsWith('.csv') && !f.startsWith('sociale-kaart-sjabloon')) inputs.push(join(tplDir, f));
  return inputs;
}

function hashInputs(inputs) {
  const h = createHash('sha256');
  const visit = (p) => {
    if (statSync(p).isDirectory()) for (const f of readdirSync(p).sort()) visit(join(p, f));
    else h.update(relative(repoRoot, p)).update('\0').update(readFileSync(p)).update('\0');
  };
  for (const p of inputs) visit(p);
  return h.digest('hex');
}

/**
 * Starts the whole demo. Ports of 0 mean "any free port" (the tests use that).
 * @param {{ dataDir?: string, apiPort?: number, pagesPort?: number, intakePort?: number, meiliPort?: number, portalPort?: number, mailboxPort?: number,
 *           host?: string, log?: (line: string) => void, quiet?: boolean, tileUrl?: string }} [opts]
 */
export async function startDemo(opts = {}) {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? ((line) => console.log(line));
  const dataDir = opts.dataDir ?? join(repoRoot, '.data');
  mkdirSync(dataDir, { recursive: true });
  const stoppers = [];
  const stop = async () => {
    for (const s of stoppers.reverse()) {
      try {
        await s();
      } catch (e) {
        log(`while stopping: ${e.message}`);
      }
    }
    stoppers.length = 0;
  };

  try {
    // Each port (asked for, or 0 for a free one) is held from here until its service binds it.
    const held = new Map();
    stoppers.push(() => Promise.all([...held.values()].map((r) => r.release())));
    const pick = async (port, what, env) => {
      const reservation = await reservePort(host, port, what, env);
      held.set(reservation.port, reservation);
      return reservation.port;
    };
    const free = (port) => held.get(port)?.release();
    const apiPort = await pick(opts.apiPort ?? 8787, 'search API', 'SK_API_PORT');
    const pagesPort = await pick(opts.pagesPort ?? 8080, 'example pages', 'SK_PAGES_PORT');
    const intakePort = await pick(opts.intakePort ?? 8790, 'intake receiver', 'SK_INTAKE_PORT');
    const meiliPort = opts.meiliPort ? await pick(opts.meiliPort, 'Meilisearch', 'SK_MEILI_PORT') : undefined;
    const portalPort = await pick(opts.portalPort ?? 8791, 'provider portal', 'SK_PORTAL_PORT');
    const mailboxPort = await pick(opts.mailboxPort ?? 8792, 'demo mailbox', 'SK_MAILBOX_PORT');

    // Meilisearch keeps its data between runs; the master key is generated once and stays on this machine.
    const keyFile = join(dataDir, 'meili-master-key');
    if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
    const masterKey = readFileSync(keyFile, 'utf8').trim();
    // The data key encrypts organisations' webhook secrets in the database (SK_DATA_KEY); also kept on this machine only.
    const dataKeyFile = join(dataDir, 'data-key');
    if (!existsSync(dataKeyFile)) writeFileSync(dataKeyFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
    const dataKey = process.env.SK_DATA_KEY || readFileSync(dataKeyFile, 'utf8').trim();
    // The portal (in this process) reads it from the environment when an organisation makes a webhook secret.
    process.env.SK_DATA_KEY = dataKey;
    // Without a port asked for, Meilisearch picks its own (and picks again when it is taken).
    if (meiliPort) await free(meiliPort);
    const meili = await startMeilisearch({ port: meiliPort, dbPath: join(dataDir, 'meili'), masterKey, keepData: true });
    stoppers.push(() => meili.stop());

    const databaseUrl = process.env.DATABASE_URL || join(dataDir, 'pglite');
    // Ingest when the live index is missing or the feeds changed since the last ingest.
    const inputs = demoInputs();
    if (inputs.length === 0) throw new Error(`No demo feeds found in ${feedsDir}`);
    const stampFile = join(dataDir, 'demo-feeds.sha256');
    const want = hashInputs(inputs);
    const idx = await fetch(`${meili.url}/indexes/${INDEX}/stats`, { headers: { Authorization: `Bearer ${masterKey}` } });
    const have = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
    const reportFile = join(dataDir, 'last-ingest-report.json');
    if (!idx.ok || have !== want) {
      log(idx.ok ? 'Demo feeds changed: ingesting them again…' : 'Ingesting the demo feeds (first start)…');
      const child = spawn(
        process.execPath,
        [
          join(repoRoot, 'packages/indexer/bin/sociale-kaart-index.js'),
          'ingest',
          ...inputs,
          // What organisations published in the portal stays in search through every reindex.
          '--database-url',
          databaseUrl,
          '--meili-url',
          meili.url,
          '--index',
          INDEX,
          '--force',
          '--report',
          reportFile,
        ],
        // The key goes by environment, not by flag: flags show in the process list.
        { stdio: ['ignore', opts.quiet ? 'ignore' : 'inherit', 'inherit'], env: { ...process.env, MEILI_MASTER_KEY: masterKey } },
      );
      const code = await waitForExit(child);
      // 1 = published, but some records were rejected (the demo feeds include a few on purpose? the report says which).
      if (code !== 0 && code !== 1) throw new Error(`Ingesting the demo feeds failed (exit ${code}); see ${reportFile}`);
      writeFileSync(stampFile, want);
    }

    const pagesOrigin = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${pagesPort}`;
    const apiOrigin = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${apiPort}`;
    const intakeOrigin = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${intakePort}`;

    // The demo routes every referral that no inbox organisation receives to one regional intake
    // (the example receiver), signed with a per-run secret: the relay's operator configuration,
    // written where only this user can read it.
    // Every route names its intakeUrl: feed data never decides where a referral goes.
    const referralSecret = randomBytes(24).toString('base64url');
    const routesFile = join(dataDir, 'referral-routes.json');
    writeFileSync(routesFile, JSON.stringify({ '*': { secret: referralSecret, intakeUrl: `${intakeOrigin}/referrals` } }), { mode: 0o600 });

    // The demo's HIS backend signs referrer tokens; the API trusts its public key (a new one each start).
    const his = await createHisBackend({
      audience: apiOrigin,
      issuer: `${pagesOrigin}/his`,
      jwksFile: join(dataDir, 'his', 'referrer-jwks.json'),
      allowedHosts: [...LOOPBACK_HOSTS, new URL(pagesOrigin).hostname],
    });

    // The provider portal on the embedded database (DATABASE_URL picks a PostgreSQL server instead),
    // mailing its sign-in links to the demo mailbox, so a newcomer signs in without a mail server.
    await free(mailboxPort);
    const mailbox = await startMailbox({ host, httpPort: mailboxPort, smtpPort: 0 });
    stoppers.push(() => mailbox.close());
    await free(portalPort);
    const portal = await startPortal({
      port: portalPort,
      host,
      databaseUrl,
      meili: { url: meili.url, apiKey: masterKey, index: INDEX },
      smtpUrl: mailbox.smtpUrl,
      // Demo feeds registered in the portal may live on this machine.
      allowPrivateFeeds: true,
      log: opts.quiet ? () => {} : undefined,
    });
    stoppers.push(() => portal.close());
    // Some organisations receive in the hosted inbox (sealed in the GP's browser, opened in the coach's);
    // the others fall through to the regional route above, so both ways stay in the demo.
    const demoOrganisations = await seedDemoOrganisations(portal.database.db, inputs, {
      operatorEmail: 'beheer@demo.sociale-kaart.example',
      inbox: { organisations: DEMO_INBOX_ORGANISATIONS, keyDir: join(dataDir, 'demo-keys'), passphrase: DEMO_INBOX_PASSPHRASE },
    });

    const apiEnv = {
      ...process.env,
      MEILI_KEY: masterKey,
      // A store from before the database is moved into it once, then renamed *.migrated.
      SK_REFERRAL_STORE: join(dataDir, 'referrals.jsonl'),
      SK_DATA_KEY: dataKey,
      SK_PUBLIC_BASE_URL: apiOrigin,
      SK_REFERRAL_SECRETS_FILE: routesFile,
      SK_REFERRER_JWKS_FILE: his.jwksFile,
      // The demo's intake receiver listens on loopback over http: allowed for the demo only (the API warns).
      SK_REFERRAL_ALLOW_PRIVATE_INTAKE: '1',
    };
    // The API keeps referrals in the portal's database. Embedded PGlite opens in one process
    // only, so then the API runs in this process on the portal's handle; a PostgreSQL server is
    // shared by URL, and the API runs as its own process, as in production.
    const apiArgs = ['--port', String(apiPort), '--host', host, '--meili-url', meili.url, '--index', INDEX, '--cors-origins', pagesOrigin];
    await free(apiPort);
    if (portal.database.kind === 'postgres') {
      await startService(stoppers, {
        name: 'The search API',
        entry: join(repoRoot, 'packages/search-api/bin/sociale-kaart-api.js'),
        args: apiArgs,
        env: { ...apiEnv, DATABASE_URL: databaseUrl },
        readyUrl: `${apiOrigin}/readyz`,
      });
    } else {
      const api = await startServer(loadConfig(apiArgs, apiEnv), { env: apiEnv, database: portal.database.db, log: () => {} });
      stoppers.push(() => api.close());
      await waitForHttp(`${apiOrigin}/readyz`, { name: 'The search API' });
    }

    await free(intakePort);
    await startService(stoppers, {
      name: 'The intake receiver',
      entry: join(repoRoot, 'examples/intake-receiver/server.mjs'),
      args: ['--port', String(intakePort), '--host', host, '--organization', '*', '--api-base', apiOrigin],
      env: { ...process.env, INTAKE_SECRET: referralSecret },
      readyUrl: `${intakeOrigin}/`,
    });
    const intakeUrl = `${intakeOrigin}/`;

    const pages = createPagesApp({ apiBase: `${apiOrigin}/v1`, intakeUrl, tileUrl: opts.tileUrl ?? '', routes: [his.routes] });
    await free(pagesPort);
    const server = await new Promise((resolve) => {
      const s = serve({ fetch: pages.fetch, port: pagesPort, hostname: host }, () => resolve(s));
    });
    stoppers.push(() => new Promise((resolve) => server.close(() => resolve())));


    const apiExample = `${apiOrigin}/v1/search?postcode=3521AB&need=eenzaamheid`;
    return {
      // What `npm start` prints, in this order; every URL answers a plain GET. A new part of the demo adds its line here.
      links: [
        { label: 'HIS consult page (huisarts)', url: `${pagesOrigin}/his-consult/` },
        { label: 'Gemeente page (inwoners)', url: `${pagesOrigin}/gemeente-site/` },
        { label: 'Search API (example search)', url: apiExample },
        { label: 'Search API docs', url: `${apiOrigin}/docs` },
        { label: 'Intake receiver (aanbieder)', url: intakeUrl },
        { label: 'Provider portal (aanbieders)', url: `${portal.url}/` },
        { label: 'Demo mailbox (sign-in links)', url: `${mailbox.url}/` },
      ],
      /** Who can sign in to the portal: one editor address per demo organisation, and the operator. */
      signIns: [
        { label: 'operator (beheer)', email: 'beheer@demo.sociale-kaart.example' },
        ...demoOrganisations.map((d) => ({ label: d.organisation.name, email: d.signInEmail })),
      ],
      /** The organisations that receive in the hosted inbox: how their coach signs in and puts the team key on a device. */
      inboxes: demoOrganisations
        .filter((d) => d.inbox)
        .map((d) => ({ organizationId: d.organisation.id, name: d.organisation.name, email: d.signInEmail, ...d.inbox })),
      urls: {
        hisConsult: `${pagesOrigin}/his-consult/`,
        gemeenteSite: `${pagesOrigin}/gemeente-site/`,
        apiDocs: `${apiOrigin}/docs`,
        api: `${apiOrigin}/v1`,
        intakeReceiver: intakeUrl,
        portal: portal.url,
        mailbox: mailbox.url,
        hisReferrerToken: `${pagesOrigin}${TOKEN_PATH}`,
        meili: meili.url,
      },
      referrerJwksFile: his.jwksFile,
      /** The demo mailbox in this process, for tests that wait for a mail (register the wait before the action). */
      mailbox,
      /** Mails "Er is een nieuwe verwijzing" now instead of on the next minute. */
      notifyNewReferrals: () => portal.notifyNewReferrals(),
      reportFile,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
