// The real back end for the browser tests: a managed Meilisearch with the activity
// index settings and the test activities, the real search API (createApp) on a free
// loopback port, and a small proxy in front of it that can delay, break or log
// requests (stale-response and error-state tests).
import { createServer, request as httpRequest } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp, createMeiliBackend, defaultConfig } from '@sociale-kaart/search-api';
import { ACTIVITY_INDEX_UID, createActivityIndex, createMeiliClient, startMeilisearch, waitForTask } from '@sociale-kaart/meili';
import { hostileRecord, testActivities } from './fixtures.mjs';

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
 *   /log, /log/reset        the requests seen (path, q, start and end time)
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
    const m = /^\/(direct|broken|delay\/([^/]*)\/(\d+)|flaky\/([^/]+))(\/v1\/.*)$/.exec(url.pathname);
    if (!m) return problem(res, 404);
    const [, mode, delayQ, delayMs, flakyToken, rest] = m;
    const entry = { path: rest, q: url.searchParams.get('q'), start: Date.now(), end: null, aborted: false };
    log.push(entry);
    req.on('close', () => {
      if (!res.writableEnded) entry.aborted = true;
    });
    if (mode === 'broken') return problem(res, 503);
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

async function loadActivities(meili, hostile) {
  const client = createMeiliClient({ url: meili.url, apiKey: meili.masterKey });
  await createActivityIndex(client, ACTIVITY_INDEX_UID);
  const docs = [...testActivities(), ...(hostile ? [hostileRecord()] : [])];
  await waitForTask(client, await client.index(ACTIVITY_INDEX_UID).addDocuments(docs), { timeoutMs: 60_000 });
  return { client, count: docs.length };
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
    const app = createApp({ backend: searchBackend, config, clock: () => TEST_NOW, log: () => {} });
    const apiServer = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => (apiServer.listening ? resolve() : apiServer.once('listening', resolve)));
    servers.push(apiServer);
    const apiOrigin = `http://127.0.0.1:${apiServer.address().port}`;
    const proxy = await startProxy(apiOrigin);
    log(`test back end: Meilisearch ${meili.url} (${count} activities), API ${apiOrigin}/v1, proxy ${proxy.url}`);
    return {
      apiUrl: `${apiOrigin}/v1`,
      proxyUrl: proxy.url,
      async stop() {
        await proxy.close();
        for (const s of servers) await closeServer(s);
        for (const c of closers) c();
        await meili.stop();
      },
    };
  } catch (e) {
    for (const s of servers) await closeServer(s);
    for (const c of closers) c();
    await meili.stop();
    throw e;
  }
}
