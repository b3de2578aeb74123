// The real back end for the browser tests: a managed Meilisearch with the activity
// index settings and the test activities, the real search API (createApp) with the
// referral relay mounted on a free loopback port, a real intake receiver (the provider's
// side, examples/intake-receiver) that the relay delivers to, and a small proxy in front
// of the API that can delay, break or log requests (stale-response and error-state tests).
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { createServer, request as httpRequest } from 'node:http';
import { serve } from '@hono/node-server';
import { appendReferralStatus, createOrganisation, handToColleague, openDatabase, setReceiveMode, setReferralKey, upsertUser } from '@sociale-kaart/db';
import { generateExtractableKeyPair, openReferral } from '@sociale-kaart/sealing';
import {
  DbReferralStore,
  createApp,
  createMeiliBackend,
  createMeiliReferralLookup,
  createReferralsApp,
  createReferralKeyApp,
  createReferrerVerifier,
  databaseReferralKeys,
  databaseRoutes,
  defaultConfig,
  operatorFirst,
  parseReferralRoutes,
} from '@sociale-kaart/search-api';
import { ACTIVITY_INDEX_UID, createActivityIndex, createMeiliClient, startMeilisearch, waitForTask } from '@sociale-kaart/meili';
import { createIntakeReceiver } from '../../../../examples/intake-receiver/intake-receiver.mjs';
import { hostileRecord, manyActivities, testActivities } from './fixtures.mjs';

/** Fixed "now" for the API so next-session texts are deterministic: Monday 12 January 2026, 08:00. */
export const TEST_NOW = new Date('2026-01-12T08:00:00+01:00');

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

function closeServer(server) {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Proxy routes (all answer CORS like the API does, so the browser can read errors):
 *   /direct/v1/…            forwarded as is
 *   /delay/{q}/{ms}/v1/…    a /search whose q equals {q} is held {ms} ms first
 *   /broken/v1/…            503 problem+json
 *   /flaky/{token}/v1/…     the first request per token answers 503, later ones are forwarded
 *   /twins/{detail|plain}/v1/…  /suggest answers two activities with the same title (with or
 *                           without the `detail` that tells them apart); the rest is forwarded
 *   /log, /log/reset        the requests seen (path, q, understand, start and end time)
 */
async function startProxy(apiOrigin) {
  const log = [];
  const flaky = new Set();
  const cors = { 'access-control-allow-origin': '*' };
  const problem = (res, status) => {
    res.writeHead(status, { 'content-type': 'application/problem+json', ...cors });
    res.end(JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status, detail: 'test proxy: broken on purpose' }));
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://proxy');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET', 'access-control-allow-headers': '*' });
      return res.end();
    }
    if (url.pathname === '/log') {
      res.writeHead(200, { 'content-type': 'application/json', ...cors });
      return res.end(JSON.stringify(log));
    }
    if (url.pathname === '/log/reset') {
      log.length = 0;
      res.writeHead(204, cors);
      return res.end();
    }
    const m = /^\/(direct|broken|delay\/([^/]*)\/(\d+)|flaky\/([^/]+)|twins\/(detail|plain))(\/v1\/.*)$/.exec(url.pathname);
    if (!m) return problem(res, 404);
    const [, mode, delayQ, delayMs, flakyToken, twins, rest] = m;
    const entry = { path: rest, q: url.searchParams.get('q'), understand: url.searchParams.get('understand'), start: Date.now(), end: null, aborted: false };
    log.push(entry);
    req.on('close', () => {
      if (!res.writableEnded) entry.aborted = true;
    });
    if (mode === 'broken') return problem(res, 503);
    if (twins && rest.startsWith('/v1/suggest')) {
      res.writeHead(200, { 'content-type': 'application/json', ...cors });
      return res.end(JSON.stringify(twinSuggestions(url.searchParams.get('q') ?? '', twins === 'detail')));
    }
    if (flakyToken && !flaky.has(flakyToken)) {
      flaky.add(flakyToken);
      return problem(res, 503);
    }
    if (delayMs && rest.startsWith('/v1/search') && url.searchParams.get('q') === decodeURIComponent(delayQ)) await sleep(Number(delayMs));
    if (entry.aborted) return;
    const upstream = httpRequest(`${apiOrigin}${rest}${url.search}`, { method: 'GET', headers: { ...req.headers, host: new URL(apiOrigin).host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
      up.on('end', () => {
        entry.end = Date.now();
      });
    });
    upstream.on('error', () => problem(res, 502));
    upstream.end();
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

/** Two different activities that share a title, as GET /v1/suggest may answer them. */
function twinSuggestions(query, withDetail) {
  const twin = (id, detail) => ({ id, title: 'Samen koken en eten', ...(withDetail ? { detail } : {}) });
  return {
    query,
    needs: [],
    categories: [],
    activities: [twin('test-koffie-buurtkamer', 'Buurtkamer Oost, Utrecht'), twin('test-rouwgroep', 'Stichting Rouwzorg, Utrecht')],
  };
}

/** The shared secret of the test intake (≥ 32 characters, as the relay demands). */
const INTAKE_SECRET = 'test-intake-secret-0123456789abcdefghijklmnop';

/**
 * Which test organisations take electronic referrals, and where they go:
 *   to the intake receiver: Buurtteam Oost, Welzijn Utrecht (the coach), Stichting Rouwzorg, Sportief Utrecht;
 *   to a port nobody listens on (502 delivery-failed): Huis van de Stilte;
 *   nowhere (422 no-electronic-intake): every other organisation, e.g. Atelier De Kleur.
 */
export const RECEIVING_ORGANISATIONS = ['org-buurtteam-oost', 'org-welzijn-utrecht', 'org-stichting-rouwzorg', 'org-sportief-utrecht'];
export const UNREACHABLE_ORGANISATION = 'org-huis-van-de-stilte';
/** Receives in the hosted inbox, with a key pair: referrals to it are sealed in the browser (its activity: test-samen-koken-lombok). */
export const INBOX_ORGANISATION = 'org-buurthuis-lombok';

/**
 * The relay's database (PGlite in memory, migrated): the referrals of every test, and the
 * inbox organisation, verified, with its public key; the private keys stay here, for tests
 * that open what the browser sealed.
 */
async function referralDatabase() {
  const opened = await openDatabase({ url: 'memory://' });
  await createOrganisation(opened.db, { id: INBOX_ORGANISATION, name: 'Buurthuis Lombok', verified: true, phone: '030 555 12 34' });
  await setReceiveMode(opened.db, INBOX_ORGANISATION, 'inbox');
  const key = await generateExtractableKeyPair();
  await setReferralKey(opened.db, INBOX_ORGANISATION, key.kid, key.publicJwk);
  return { ...opened, keys: [key] };
}

async function freePort() {
  const server = createServer();
  const port = await listen(server);
  await closeServer(server);
  return port;
}

function serveFetch(fetch) {
  return new Promise((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 });
    if (server.listening) resolve(server);
    else server.once('listening', () => resolve(server));
  });
}

/** The index of the /many/v1 API: MANY_ACTIVITIES plain activities, for the map's clustering test. */
const MANY_INDEX_UID = 'activities-many';
export const MANY_ACTIVITIES = 1000;

async function loadActivities(meili, hostile) {
  const client = createMeiliClient({ url: meili.url, apiKey: meili.masterKey });
  await createActivityIndex(client, ACTIVITY_INDEX_UID);
  await createActivityIndex(client, MANY_INDEX_UID);
  const docs = [...testActivities(), ...(hostile ? [hostileRecord()] : [])];
  const tasks = [await client.index(ACTIVITY_INDEX_UID).addDocuments(docs), await client.index(MANY_INDEX_UID).addDocuments(manyActivities(MANY_ACTIVITIES))];
  for (const task of tasks) await waitForTask(client, task, { timeoutMs: 60_000 });
  return { client, count: docs.length };
}

/**
 * The HIS backend's side of referrer tokens, as the widgets meet it: it signs real ES256 JWTs
 * that the relay verifies against its JWKS. In front of the relay, a gate records every
 * Authorization header and lets a test expire all tokens issued so far (answered 401, as the
 * relay answers an expired token), so the widgets' retry-after-401 path can be exercised.
 */
async function referrerTokenGate() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'widgets-test-his', alg: 'ES256', use: 'sig' }] };
  const valid = new Set();
  const seen = [];
  let audience = null;
  return {
    jwks,
    setAudience(a) {
      audience = a;
    },
    async issue() {
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: 'widgets-test-his' })
        .setSubject('01999999')
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      valid.add(token);
      return token;
    },
    expireAll() {
      valid.clear();
    },
    /** The Authorization headers of every POST /v1/referrals so far (null: none sent). */
    seen: () => [...seen],
    /** A 401 Response for a request without a valid token, else null. */
    refuse(req) {
      const header = req.headers.get('authorization');
      seen.push(header);
      const m = /^Bearer (\S+)$/.exec(header ?? '');
      if (m && valid.has(m[1])) return null;
      const problem = { type: 'about:blank', title: 'Unauthorized', status: 401, detail: header ? 'The referrer token is not valid (any more).' : 'No referrer token.' };
      return new Response(JSON.stringify(problem), {
        status: 401,
        headers: { 'content-type': 'application/problem+json', 'access-control-allow-origin': '*', 'www-authenticate': 'Bearer' },
      });
    },
  };
}

/** Starts Meilisearch, the search API and the proxy. Returns their URLs and one stop(). */
export async function startTestBackend({ log = console.log, hostile = true } = {}) {
  const meili = await startMeilisearch();
  const servers = [];
  const closers = [];
  try {
    const { count } = await loadActivities(meili, hostile);
    // Every origin (the tests run on another port), no rate limit (one client, many searches, a fixed clock),
    // no HTTP caching (a cached answer would hide what the proxy does).
    const config = defaultConfig({ corsOrigins: ['*'], rateLimitPerSecond: 0, cacheMaxAgeSeconds: 0, meiliUrl: meili.url, meiliKey: meili.masterKey, index: ACTIVITY_INDEX_UID });
    const searchBackend = createMeiliBackend({ url: meili.url, apiKey: meili.masterKey, index: ACTIVITY_INDEX_UID, timeoutMs: 2000 });
    closers.push(() => searchBackend.close());
    // The provider's side: the example intake receiver, accepting referrals for any organisation.
    const receiver = createIntakeReceiver({ secret: INTAKE_SECRET, organizationId: '*' });
    const receiverServer = await serveFetch(receiver.fetch);
    servers.push(receiverServer);
    const receiverUrl = `http://127.0.0.1:${receiverServer.address().port}`;
    const deadUrl = `http://127.0.0.1:${await freePort()}/referrals`;
    const database = await referralDatabase();
    closers.push(() => database.close());
    const routes = parseReferralRoutes(
      JSON.stringify({
        ...Object.fromEntries(RECEIVING_ORGANISATIONS.map((org) => [org, { secret: INTAKE_SECRET, intakeUrl: `${receiverUrl}/referrals` }])),
        [UNREACHABLE_ORGANISATION]: { secret: INTAKE_SECRET, intakeUrl: deadUrl },
      }),
      { allowHttp: true },
    );

    // The API: search with a fixed clock, the relay with the real one (provider signatures carry real time).
    // Its public origin is known only once it listens, hence the late binding.
    let app = null;
    let staleApp = null;
    let manyApp = null;
    const seen = { referralPosts: 0, bodies: [] };
    const tokens = await referrerTokenGate();
    const apiServer = await serveFetch(async (req, env) => {
      if (req.method === 'POST' && new URL(req.url).pathname === '/v1/referrals') {
        seen.referralPosts++;
        seen.bodies.push(await req.clone().json().catch(() => null));
        const refused = tokens.refuse(req);
        if (refused) return refused;
      }
      // /stale/v1/…: the same data through an API that calls anything checked over 3 days ago stale.
      const url = new URL(req.url);
      // /many/v1/…: an API over another index with MANY_ACTIVITIES activities.
      if (url.pathname.startsWith('/many/')) {
        url.pathname = url.pathname.slice('/many'.length);
        return manyApp.fetch(new Request(url, req), env);
      }
      if (url.pathname.startsWith('/stale/')) {
        url.pathname = url.pathname.slice('/stale'.length);
        return staleApp.fetch(new Request(url, req), env);
      }
      return app.fetch(req, env);
    });
    servers.push(apiServer);
    const apiOrigin = `http://127.0.0.1:${apiServer.address().port}`;
    tokens.setAudience(apiOrigin);
    const silent = { info() {}, warn() {}, error() {} };
    const keys = databaseReferralKeys(database.db, { logger: silent });
    const referrals = createReferralsApp({
      ...createMeiliReferralLookup(searchBackend),
      store: new DbReferralStore(database.db),
      routes: operatorFirst(routes, databaseRoutes(database.db, { dataKey: undefined, logger: silent })),
      keys,
      referrers: createReferrerVerifier({ audience: apiOrigin, jwks: tokens.jwks }),
      allowPrivateIntake: true,
      publicBaseUrl: apiOrigin,
      rateLimit: { create: false, status: false },
      delivery: { attempts: 2, baseDelayMs: 20, maxDelayMs: 50, timeoutMs: 3000 },
      logger: { info() {}, warn() {}, error() {} },
    });
    const organizations = createReferralKeyApp({ keys, publicBaseUrl: apiOrigin, logger: silent });
    app = createApp({ backend: searchBackend, config, clock: () => TEST_NOW, log: () => {}, referrals, organizations });
    // The test activities were last checked a week before TEST_NOW.
    staleApp = createApp({ backend: searchBackend, config: { ...config, staleAfterDays: 3 }, clock: () => TEST_NOW, log: () => {} });
    const manyBackend = createMeiliBackend({ url: meili.url, apiKey: meili.masterKey, index: MANY_INDEX_UID, timeoutMs: 2000 });
    closers.push(() => manyBackend.close());
    manyApp = createApp({ backend: manyBackend, config: { ...config, index: MANY_INDEX_UID }, clock: () => TEST_NOW, log: () => {} });
    const proxy = await startProxy(apiOrigin);
    log(`test back end: Meilisearch ${meili.url} (${count} activities), API ${apiOrigin}/v1, proxy ${proxy.url}, intake receiver ${receiverUrl}`);
    return {
      apiUrl: `${apiOrigin}/v1`,
      staleApiUrl: `${apiOrigin}/stale/v1`,
      manyApiUrl: `${apiOrigin}/many/v1`,
      proxyUrl: proxy.url,
      receiverUrl,
      /** What the intake receiver got: [{ referral, receivedAt, statuses }]. */
      async receivedReferrals() {
        return (await receiver.request('/api/referrals')).json();
      },
      /** The provider reports a status back, through the receiver (signed, over HTTP to the API). */
      async postStatus(referralId, status, reason) {
        const res = await receiver.request(`/referrals/${encodeURIComponent(referralId)}/status`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ status, ...(reason ? { reason } : {}) }),
        });
        return { status: res.status, body: await res.json() };
      },
      /**
       * The sealed referrals the inbox organisation got, opened with its private key:
       * [{ referralId, body (what the browser sent), opened ({ patient, note? }) }].
       */
      async inboxReferrals() {
        const rows = await database.db.selectFrom('referrals').selectAll().where('organisation_id', '=', INBOX_ORGANISATION).orderBy('created_at').execute();
        const bodies = seen.bodies;
        return Promise.all(
          rows.map(async (r) => ({
            referralId: r.id,
            body: bodies.find((b) => b.sealed?.ciphertext === r.sealed?.ciphertext) ?? null,
            opened: await openReferral(database.keys, r.sealed, r.public_part),
          })),
        );
      },
      /** The inbox organisation rotates its key (the old one is retired); returns the new kid. */
      async rotateInboxKey() {
        const key = await generateExtractableKeyPair();
        await setReferralKey(database.db, INBOX_ORGANISATION, key.kid, key.publicJwk);
        database.keys.push(key);
        return key.kid;
      },
      /** Appends a status as the inbox would (e.g. a warm handover with `to`), through the one writer of the history. */
      async appendStatus(referralId, entry) {
        const row = await appendReferralStatus(database.db, referralId, { at: new Date().toISOString(), ...entry });
        return row ? { status: row.status, history: row.history } : null;
      },
      /** A coach passes the referral to a colleague, as the inbox's colleague form does (through the same writer). */
      async handToColleague(referralId) {
        const colleague = await upsertUser(database.db, { email: 'collega@buurthuis-lombok.example', role: 'editor', organisationId: INBOX_ORGANISATION });
        const row = await handToColleague(database.db, referralId, colleague.id, new Date());
        return row ? { status: row.status, history: row.history } : null;
      },
      /** How many POST /v1/referrals the API has seen. */
      referralPosts: () => seen.referralPosts,
      /** A fresh referrer token, as a HIS backend would issue one. */
      issueReferrerToken: () => tokens.issue(),
      /** Every token issued so far expires (the next POST with one of them gets 401). */
      expireReferrerTokens: () => tokens.expireAll(),
      /** The Authorization headers of every POST /v1/referrals so far. */
      referralAuthorizations: () => tokens.seen(),
      async stop() {
        await proxy.close();
        for (const s of servers) await closeServer(s);
        for (const c of closers) await c();
        await meili.stop();
      },
    };
  } catch (e) {
    for (const s of servers) await closeServer(s);
    for (const c of closers) await c();
    await meili.stop();
    throw e;
  }
}
