/**
 * A full reindex keeps what organisations publish in the portal: `sociale-kaart-index ingest
 * --database-url` adds the database's published activities to the feeds (a real indexer CLI
 * process, a real Meilisearch, PGlite and PostgreSQL), and leaves out the long-unconfirmed.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiKey, createOrganisation, openDatabase } from '@sociale-kaart/db';
import { DATABASE_KINDS, useDatabases } from '@sociale-kaart/db/testing';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { startPortal, type RunningPortal } from '../src/index.js';
import { PACKAGE_DIR } from './cli.js';
import { serviceRecord } from './fixtures.js';

const meili = useMeilisearch();
const INDEXER = resolve(PACKAGE_DIR, '../indexer/bin/sociale-kaart-index.js');
const FEED = resolve(PACKAGE_DIR, '../../examples/feeds/csv-template/oldambt.csv');

function ingest(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [INDEXER, 'ingest', ...args, '--meili-url', meili.url, '--quiet'], { env: { ...process.env, MEILI_MASTER_KEY: meili.masterKey } }, (err, stdout, stderr) => {
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

describe.each(DATABASE_KINDS)('a full reindex on %s', (kind) => {
  const databases = useDatabases(kind);
  const index = `portal_reindex_${kind}`;
  let portal: RunningPortal | undefined;
  afterAll(() => portal?.close());

  const has = async (id: string) => {
    try {
      await meili.client.index(index).getDocument(id);
      return true;
    } catch {
      return false;
    }
  };

  it('keeps portal activities beside the feeds, one source per organisation, and leaves out the long-unconfirmed', async () => {
    const url = await databases.freshUrl();
    const seed = await openDatabase({ url });
    const linde = await createOrganisation(seed.db, { name: 'Stichting De Linde', verified: true });
    const { key } = await createApiKey(seed.db, linde.id);
    await seed.close();

    // Saved (and so last confirmed) 200 days ago.
    const then = new Date(Date.now() - 200 * 86_400_000);
    portal = await startPortal({ port: 0, databaseUrl: url, meili: { url: meili.url, apiKey: meili.masterKey, index }, schedule: false, clock: () => then, log: () => {} });
    const saved = await fetch(`${portal.url}/v1/providers/${linde.id}/activities/koffie`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(serviceRecord()),
    });
    expect(saved.status).toBe(201);
    const { id } = (await saved.json()) as { id: string };
    // The embedded database belongs to one process at a time: the portal lets go before the indexer opens it.
    await portal.close();
    portal = undefined;
    expect(await has(id)).toBe(true);

    const withDb = await ingest([FEED, '--index', index, '--database-url', url, '--report', '-']);
    expect(withDb.code, withDb.out).toBeLessThanOrEqual(1);
    const report = JSON.parse(withDb.out.slice(withDb.out.indexOf('{'), withDb.out.lastIndexOf('}') + 1));
    expect(report.sources).toContainEqual({ source: `portal-${linde.id}`, previousDocuments: 1, documents: 1 });
    expect(await has(id)).toBe(true);

    // Not confirmed for longer than the limit: out of search, like the portal's own hiding.
    const strict = await ingest([FEED, '--index', index, '--database-url', url, '--hide-unconfirmed-days', '100']);
    expect(strict.code, strict.out).toBeLessThanOrEqual(1);
    expect(await has(id)).toBe(false);
    const again = await ingest([FEED, '--index', index, '--database-url', url]);
    expect(again.code, again.out).toBeLessThanOrEqual(1);
    expect(await has(id)).toBe(true);

    // Without the database, the same reindex drops the portal's activity: the flag is what keeps it.
    const feedOnly = await ingest([FEED, '--index', index]);
    expect(feedOnly.code, feedOnly.out).toBeLessThanOrEqual(1);
    expect(await has(id)).toBe(false);
  }, 120_000);
});
