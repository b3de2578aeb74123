// A small closed-loop HTTP load generator: `concurrency` workers on keep-alive
// connections, each sending its next request as soon as the previous answer is read.
// Latencies are kept exactly (hrtime, every request), so p50/p99 have sub-ms resolution.
import http from 'node:http';
import { percentile } from './stats.mjs';

/**
 * A target is how to send one query: `{ name, request(query) → { method, url, headers?, body? } }`,
 * or an array of such requests, sent side by side (give its agent enough sockets).
 * One keep-alive agent per target and concurrency, so both sides get the same treatment.
 */
export function createAgent(concurrency) {
  return new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency, noDelay: true });
}

/** Sends one request, resolves with { status, body } (body as a string). */
export function send(agent, { method = 'GET', url, headers = {}, body }) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const u = new URL(url);
    const req = http.request(
      {
        agent,
        method,
        hostname: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        headers: payload ? { ...headers, 'content-type': 'application/json', 'content-length': payload.length } : headers,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    // Headers and body in one write: no Nagle/delayed-ACK stall on kept-alive sockets.
    req.end(payload);
  });
}

/**
 * Runs `queries` (cycled, starting at `startAt`) against `target` with `concurrency` workers:
 * for `durationMs`, or, with `count`, until exactly `count` requests were sent (a fixed piece
 * of work: every side of a comparison can be given the same queries). Returns every latency
 * (ms), the request count and errors.
 */
export async function runLoad({ target, queries, concurrency, durationMs, count, agent, startAt = 0 }) {
  const latencies = [];
  let errors = 0;
  let firstError = null;
  let next = startAt;
  const deadline = performance.now() + (count === undefined ? durationMs : Number.POSITIVE_INFINITY);
  const end = count === undefined ? Number.POSITIVE_INFINITY : startAt + count;
  const started = performance.now();
  const worker = async () => {
    while (next < end && performance.now() < deadline) {
      const query = queries[next++ % queries.length];
      // One request, or several sent side by side (the answer is there when all are).
      const requests = [target.request(query)].flat();
      const t0 = performance.now();
      try {
        const answers = await Promise.all(requests.map((r) => send(agent, r)));
        const ms = performance.now() - t0;
        const bad = answers.findIndex((res) => res.status !== 200);
        if (bad >= 0) {
          errors++;
          firstError ??= `HTTP ${answers[bad].status} for ${requests[bad].url}: ${answers[bad].body.slice(0, 300)}`;
        } else latencies.push(ms);
      } catch (err) {
        errors++;
        firstError ??= `${err.message} for ${requests[0].url}`;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - started;
  return { latencies, errors, firstError, elapsedMs, next };
}

/** Merges several runs of the same target into one figure set. */
export function summarize(runs) {
  const latencies = runs.flatMap((r) => r.latencies);
  const elapsedMs = runs.reduce((s, r) => s + r.elapsedMs, 0);
  const errors = runs.reduce((s, r) => s + r.errors, 0);
  return {
    requests: latencies.length,
    errors,
    firstError: runs.find((r) => r.firstError)?.firstError ?? null,
    seconds: elapsedMs / 1000,
    rps: latencies.length / (elapsedMs / 1000),
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    mean: latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : null,
  };
}
