/**
 * The feed fetch has no DNS-rebinding window: the address a fetch connects to is the one it
 * checked. The resolver is injected (as in the indexer's tests), so a host name can answer
 * a public address first and loopback next, as a rebinding attacker's DNS would.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, openDatabase, type Organisation } from '@sociale-kaart/db';
import { useDatabases } from '@sociale-kaart/db/testing';
import type { ResolveHost } from '@sociale-kaart/indexer';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { fetchFeed } from '../src/feed-fetch.js';
import { checkFeedUrl, startPortal, type RunningPortal } from '../src/index.js';
import { serviceRecord } from './fixtures.js';

const meili = useMeilisearch();
const databases = useDatabases('pglite');

/** Public for the first lookup of each name, loopback for every later one. */
function rebindingResolver(): ResolveHost & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (hostname: string) => {
    asked.push(hostname);
    if (hostname === 'mixed.example') return [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.7', family: 4 }];
    return asked.filter((h) => h === hostname).length === 1 ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
  };
  return Object.assign(resolve, { asked });
}

describe('feed fetches connect only to the address they checked', () => {
  const requests: Array<{ url: string; host: string }> = [];
  let feed: Server;
  let port = 0;
  let portal: RunningPortal;
  let org: Organisation;
  const resolver = rebindingResolver();

  beforeAll(async () => {
    feed = createServer((req, res) => {
      requests.push({ url: req.url ?? '', host: req.headers.host ?? '' });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([{ ...serviceRecord({ id: 'r1' }), organization: { name: 'X' } }]));
    });
    await new Promise<void>((r) => feed.listen(0, '127.0.0.1', () => r()));
    port = (feed.address() as { port: number }).port;
    const url = await databases.freshUrl();
    const seed = await openDatabase({ url });
    org = await createOrganisation(seed.db, { name: 'Buurtwerk West', verified: true });
    await seed.close();
    portal = await startPortal({ port: 0, databaseUrl: url, meili: { url: meili.url, apiKey: meili.masterKey, index: 'portal_feeds_pinned' }, feedResolver: resolver, schedule: false, log: () => {} });
  });
  afterAll(async () => {
    await portal?.close();
    await new Promise<void>((r) => feed?.close(() => r()));
  });

  it('refuses a host that resolves to a private address, at registration', async () => {
    await expect(checkFeedUrl('http://mixed.example/feed.json', false, resolver)).rejects.toThrow('the URL points to a private address');
    await expect(portal.feeds.register(org.id, 'http://mixed.example/feed.json')).rejects.toThrow(/private/);
  });

  it('refuses a host whose second answer is loopback: the fetch checks the address it connects to', async () => {
    requests.length = 0;
    // The registration check sees 93.184.216.34; the fetch's own lookup then gets 127.0.0.1.
    const { result } = await portal.feeds.register(org.id, `http://rebind.example:${port}/feed.json`);
    expect(resolver.asked.filter((h) => h === 'rebind.example')).toHaveLength(2);
    expect(result).toMatchObject({ status: 'failed', message: expect.stringContaining('rebind.example is 127.0.0.1 (loopback), not a public address') });
    expect(requests).toEqual([]);
  });

  it('connects to the resolved address itself (contrast: loopback allowed, a name only the injected resolver knows)', async () => {
    requests.length = 0;
    const fetched = await fetchFeed(`http://only-here.example:${port}/feed.json`, { etag: null, lastModified: null }, { allowPrivate: true, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    expect(fetched).toMatchObject({ status: 'ok', contentType: 'application/json' });
    expect(requests).toEqual([{ url: '/feed.json', host: `only-here.example:${port}` }]);
  });
});
