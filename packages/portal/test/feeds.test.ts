import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, feedsOf, openDatabase, type Organisation } from '@sociale-kaart/db';
import { DATABASE_KINDS, useDatabases } from '@sociale-kaart/db/testing';
import { activityId } from '@sociale-kaart/indexer';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { checkFeedUrl, startMailbox, startPortal, type Mailbox, type RunningPortal } from '../src/index.js';
import { serviceRecord } from './fixtures.js';

const meili = useMeilisearch();

/**
 * An HSDS CSV package as a publisher would put it online: a datapackage.json whose tables
 * live in a subfolder, plus a table the reader does not use (it must not be fetched).
 */
const CSV_PACKAGE: Record<string, string> = {
  '/pakket/datapackage.json': JSON.stringify({
    profile: 'tabular-data-package',
    resources: [
      { name: 'services', path: 'tabellen/diensten.csv' },
      { name: 'organizations', path: 'tabellen/organisaties.csv' },
      { name: 'locations', path: 'tabellen/locaties.csv' },
      { name: 'addresses', path: 'tabellen/adressen.csv' },
      { name: 'service_at_location', path: 'tabellen/service_at_location.csv' },
      { name: 'programs', path: 'tabellen/programmas.csv' },
    ],
  }),
  '/pakket/tabellen/diensten.csv':
    'id,organization_id,name,description,status\r\n' +
    'pk-1,org-1,Samen koken in de wijk,"Elke week koken we samen een maaltijd, daarna eten we samen.",active\r\n' +
    'pk-2,org-1,Wandelen op maandag,Een rustige wandeling door het park met koffie na afloop.,active\r\n' +
    'pk-3,org-1,,Een dienst zonder naam.,active\r\n',
  '/pakket/tabellen/organisaties.csv': 'id,name\r\norg-1,Stichting in het pakket\r\n',
  '/pakket/tabellen/locaties.csv': 'id,name,location_type\r\nbuurthuis,Buurthuis De Linde,physical\r\n',
  '/pakket/tabellen/adressen.csv': 'id,location_id,address_1,postal_code,city,country,address_type\r\na1,buurthuis,Kanaalstraat 12,3531 AB,Utrecht,NL,physical\r\n',
  '/pakket/tabellen/service_at_location.csv': 'id,service_id,location_id\r\ns1,pk-1,buurthuis\r\ns2,pk-2,buurthuis\r\ns3,pk-3,buurthuis\r\n',
  '/pakket/tabellen/programmas.csv': 'id,name\r\n',
};

/** A feed on loopback whose answer the test sets; it records the validators it was sent and every path asked for. */
function feedServer() {
  let answer: { status: number; body?: string; etag?: string } = { status: 200, body: '[]' };
  const seen: Array<{ ifNoneMatch: string | undefined }> = [];
  const paths: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    paths.push(req.url ?? '');
    if (req.url === '/oud.json') {
      res.writeHead(301, { location: '/aanbod.json' }).end();
      return;
    }
    const packaged = CSV_PACKAGE[req.url ?? ''];
    if (packaged !== undefined) {
      res.writeHead(200, { 'content-type': req.url!.endsWith('.json') ? 'application/json' : 'text/csv' }).end(packaged);
      return;
    }
    if (req.url === '/buiten/datapackage.json') {
      // A descriptor that points one table at another host: refused before anything is fetched from it.
      const port = (server.address() as { port: number }).port;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ resources: [{ name: 'services', path: `http://localhost:${port}/pakket/tabellen/diensten.csv` }] }));
      return;
    }
    seen.push({ ifNoneMatch: req.headers['if-none-match'] });
    if (answer.etag && req.headers['if-none-match'] === answer.etag) {
      res.writeHead(304).end();
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.etag ? { etag: answer.etag } : {}) }).end(answer.body ?? '');
  });
  return {
    server,
    seen,
    paths,
    set(a: typeof answer) {
      answer = a;
    },
    async listen(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      return `http://127.0.0.1:${(server.address() as { port: number }).port}/aanbod.json`;
    },
  };
}

const services = (...ids: string[]) =>
  JSON.stringify(ids.map((id) => ({ ...serviceRecord({ id, name: `Activiteit ${id}` }), organization: { id: 'x', name: 'Stichting in de feed' } })));

describe('feed URLs', () => {
  it('refuses loopback, private and non-http addresses unless allowed', async () => {
    await expect(checkFeedUrl('http://127.0.0.1:8080/feed.json', false)).rejects.toThrow(/loopback/);
    await expect(checkFeedUrl('http://10.1.2.3/feed.json', false)).rejects.toThrow(/private/);
    await expect(checkFeedUrl('http://[::1]/feed.json', false)).rejects.toThrow(/loopback/);
    await expect(checkFeedUrl('file:///etc/passwd', false)).rejects.toThrow(/only http and https/);
    await expect(checkFeedUrl('https://user:pw@example.org/', false)).rejects.toThrow(/credentials/);
    await expect(checkFeedUrl('http://8.8.8.8/feed.json', false)).resolves.toBeInstanceOf(URL);
    await expect(checkFeedUrl('http://127.0.0.1:8080/feed.json', true)).resolves.toBeInstanceOf(URL);
  });
});

describe.each(DATABASE_KINDS)('registered feeds on %s', (kind) => {
  const databases = useDatabases(kind);
  const index = `portal_feeds_${kind}`;
  const feed = feedServer();
  let mailbox: Mailbox;
  let portal: RunningPortal;
  let org: Organisation;
  let feedUrl = '';

  beforeAll(async () => {
    feedUrl = await feed.listen();
    mailbox = await startMailbox();
    const url = await databases.freshUrl();
    const seed = await openDatabase({ url });
    org = await createOrganisation(seed.db, { name: 'Buurtwerk Oost', email: 'info@oost.example', verified: true });
    await seed.close();
    portal = await startPortal({ port: 0, databaseUrl: url, meili: { url: meili.url, apiKey: meili.masterKey, index }, smtpUrl: mailbox.smtpUrl, allowPrivateFeeds: true, log: () => {} });
  });
  afterAll(async () => {
    await portal?.close();
    await mailbox?.close();
    await new Promise<void>((r) => feed.server.close(() => r()));
  });

  const doc = async (key: string) => {
    try {
      return (await meili.client.index(index).getDocument(activityId(`portal-${org.id}`, key, 'buurthuis'))) as Record<string, unknown>;
    } catch {
      return null;
    }
  };

  it('pulls with ETag, keeps published activities when the feed fails or shrinks, and mails the failure', async () => {
    feed.set({ status: 200, body: services('a', 'b'), etag: '"v1"' });
    const { feed: registered, result } = await portal.feeds.register(org.id, feedUrl);
    expect(result).toMatchObject({ status: 'ok', accepted: 2, rejected: 0, published: 2 });
    expect(await doc('a')).toMatchObject({ title: 'Activiteit a', organization: { id: org.id, name: 'Buurtwerk Oost' } });
    expect(registered.schedule).toBe('0 * * * *');

    // Unchanged: the server sees the validator and answers 304.
    expect(await portal.feeds.pull(registered.id)).toMatchObject({ status: 'not_modified' });
    expect(feed.seen.at(-1)?.ifNoneMatch).toBe('"v1"');

    // Failing: reported, mailed, nothing removed.
    const mail = mailbox.waitFor((m) => m.to.includes('info@oost.example'));
    feed.set({ status: 500, body: 'kapot' });
    expect(await portal.feeds.pull(registered.id)).toMatchObject({ status: 'failed', message: expect.stringContaining('HTTP 500') });
    expect((await mail).subject).toBe('Uw feed kon niet worden opgehaald');
    expect(await doc('a')).not.toBeNull();

    // Shrinking: b is no longer in the feed but stays published; a is updated.
    feed.set({ status: 200, body: JSON.stringify(JSON.parse(services('a')).map((s: Record<string, unknown>) => ({ ...s, name: 'Activiteit a, nieuw' }))), etag: '"v2"' });
    expect(await portal.feeds.pull(registered.id)).toMatchObject({ status: 'ok', accepted: 1, published: 1 });
    expect(await doc('a')).toMatchObject({ title: 'Activiteit a, nieuw' });
    expect(await doc('b')).toMatchObject({ title: 'Activiteit b' });

    // A moved feed: the redirect is followed (each hop's address checked).
    const moved = await portal.feeds.register(org.id, feedUrl.replace('/aanbod.json', '/oud.json'));
    expect(moved.result).toMatchObject({ status: 'ok', accepted: 1 });

    const [stored] = await feedsOf(portal.database.db, org.id);
    expect(stored?.etag).toBe('"v2"');
    expect(stored?.last_result).toMatchObject({ status: 'ok', accepted: 1 });
  });

  it('pulls an HSDS CSV package: its tables fetched relative to datapackage.json, the good services published', async () => {
    const packageUrl = feedUrl.replace('/aanbod.json', '/pakket/datapackage.json');
    feed.paths.length = 0;
    const { feed: registered, result } = await portal.feeds.register(org.id, packageUrl, 'hsds-csv');
    expect(result).toMatchObject({ status: 'ok', accepted: 2, rejected: 1, published: 2 });
    expect(result.errors).toEqual([expect.objectContaining({ record: 3, path: 'services.csv:name' })]);
    expect(await doc('pk-1')).toMatchObject({ title: 'Samen koken in de wijk', organization: { id: org.id, name: 'Buurtwerk Oost' }, location: { postcode: '3531 AB' } });
    expect(await doc('pk-2')).toMatchObject({ title: 'Wandelen op maandag' });
    expect(await doc('pk-3')).toBeNull();
    // Only the tables the reader joins, each once; the unused "programs" table is not fetched.
    expect([...feed.paths].sort()).toEqual(
      ['/pakket/datapackage.json', ...['adressen', 'diensten', 'locaties', 'organisaties', 'service_at_location'].map((t) => `/pakket/tabellen/${t}.csv`)].sort(),
    );

    // Detected without a format too, from the datapackage.json name.
    await portal.feeds.unregister(org.id, registered.id);
    expect((await portal.feeds.register(org.id, packageUrl)).result).toMatchObject({ status: 'ok', accepted: 2, published: 2 });
  });

  it('refuses a package whose datapackage.json points a table at another origin, and says which', async () => {
    feed.paths.length = 0;
    const before = await doc('pk-1');
    const { result } = await portal.feeds.register(org.id, feedUrl.replace('/aanbod.json', '/buiten/datapackage.json'), 'hsds-csv');
    expect(result.status).toBe('failed');
    expect(result.message).toContain("resource services: \"http://localhost:");
    expect(result.message).toContain("is not on the package's own origin http://127.0.0.1:");
    expect(feed.paths).toEqual(['/buiten/datapackage.json']);
    expect(await doc('pk-1')).toEqual(before);
  });
});
