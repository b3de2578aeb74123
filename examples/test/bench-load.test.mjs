// The bench's load generator (bench/lib/load.mjs): a slice of fixed work sends exactly `count`
// requests, the queries of the list from `startAt` on, so every side of a comparison that is
// given the same count and start answers the same queries. Real HTTP on loopback.
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, runLoad } from '../../bench/lib/load.mjs';

let server;
let base;
const seen = { a: [], b: [] };
beforeAll(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    // Side b answers slower, so a slice by time would give it fewer (and other) queries.
    const delay = u.pathname === '/b' ? 4 : 0;
    setTimeout(() => {
      seen[u.pathname.slice(1)].push(u.searchParams.get('q'));
      res.end('ok');
    }, delay);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${server.address().port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe('runLoad with a count', () => {
  it('sends exactly count requests, the same queries from the same start, whatever the speed of the side', async () => {
    const queries = Array.from({ length: 7 }, (_, i) => ({ q: `q${i}` }));
    const side = (path) => ({ name: path, request: ({ q }) => ({ url: `${base}/${path}?q=${q}` }) });
    const agent = createAgent(4);
    const a = await runLoad({ target: side('a'), queries, concurrency: 4, count: 10, agent, startAt: 5 });
    const b = await runLoad({ target: side('b'), queries, concurrency: 4, count: 10, agent, startAt: 5 });
    agent.destroy();
    expect(a.latencies).toHaveLength(10);
    expect(b.latencies).toHaveLength(10);
    expect(a.next).toBe(15);
    const expected = Array.from({ length: 10 }, (_, i) => `q${(5 + i) % 7}`);
    // Answers may come back in another order; what was asked is the same list.
    expect([...seen.a].sort()).toEqual([...expected].sort());
    expect([...seen.b].sort()).toEqual([...expected].sort());
  });
});
