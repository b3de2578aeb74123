import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMeiliClient, waitForTask } from '@sociale-kaart/meili';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest, IngestError, lockIndexOf, type IngestReport } from '../src/index.js';
import { PACKAGE_DIR, ndjsonFeed, runCli, templateCsv, validRow } from './helpers.js';

const meili = useMeilisearch();
let dir: string;

async function feed(name: string, n: number, options: { from?: number; invalid?: number } = {}): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, ndjsonFeed(n, options));
  return file;
}

async function indexUids(): Promise<string[]> {
  return (await meili.client.getIndexes({ limit: 1000 })).results.map((i) => i.uid).sort();
}

async function allIds(index: string): Promise<string[]> {
  const res = await meili.client.index(index).getDocuments({ fields: ['id'], limit: 100_000 });
  return res.results.map((d) => String(d.id)).sort();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sk-ingest-'));
});

describe('ingest into a real Meilisearch', () => {
  it('publishes into a new live index with the shared settings, and replaces it on the next run', async () => {
    const csv = join(dir, 'buurt.csv');
    await writeFile(csv, templateCsv([validRow(1), validRow(2, { Postcode: 'fout' }), validRow(3)]));
    const first = await ingest({ inputs: [await feed('eerste.ndjson', 30), csv], meiliUrl: meili.url, meiliKey: meili.masterKey, index: 'publish' });
    expect(first).toMatchObject({ index: 'publish', published: true, accepted: 32, rejected: 1, documents: 32, previousDocuments: 0, exitCode: 1 });
    expect(await indexUids()).toEqual(['publish']);
    const index = meili.client.index('publish');
    expect((await index.getStats()).numberOfDocuments).toBe(32);
    expect(await index.getFilterableAttributes()).toEqual(expect.arrayContaining(['categories', 'needs', '_geo', 'status']));
    const hits = await index.search('wandelgroep', { filter: 'categories = "walking_nature"', limit: 100 });
    expect(hits.hits).toHaveLength(30);
    const coffee = await index.search('', { filter: 'source = "buurt" AND days = "di"' });
    expect(coffee.hits.map((h) => h.id).sort()).toEqual(['buurt_act-1', 'buurt_act-3']);
    // Every document carries its revision (the search API's hit store keys on it).
    const published = (await index.getDocuments({ limit: 100 })).results;
    expect(published).toHaveLength(32);
    for (const doc of published) expect(doc.rev, String(doc.id)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(published.map((d) => d.rev)).size).toBe(32);

    const second = await ingest({ inputs: [await feed('tweede.ndjson', 25, { from: 100 })], meiliUrl: meili.url, meiliKey: meili.masterKey, index: 'publish' });
    expect(second).toMatchObject({ published: true, documents: 25, previousDocuments: 32, exitCode: 0 });
    expect(await allIds('publish')).toEqual(Array.from({ length: 25 }, (_, i) => `tweede_s${100 + i}_l${100 + i}`).sort());
    // The old data, the staging index and the lock are gone.
    expect(await indexUids()).toEqual(['publish']);
  });

  it('a search during an ingest sees all old or all new data, never a mix and never nothing', async () => {
    const index = 'swap';
    const v1 = await ingest({ inputs: [await feed('versie-een.ndjson', 1500)], client: meili.client, index });
    expect(v1.published).toBe(true);
    const client = createMeiliClient({ url: meili.url, apiKey: meili.masterKey });
    const seen: Array<{ sources: string[]; total: number | undefined; hits: number }> = [];
    let done = false;
    const searching = (async () => {
      while (!done) {
        const r = await client.index(index).search('wandelgroep', { limit: 1000, attributesToRetrieve: ['source'] });
        const facet = await client.index(index).search('', { limit: 0, facets: ['source'] });
        seen.push({ sources: [...new Set(r.hits.map((h) => String(h.source)))], total: r.estimatedTotalHits, hits: r.hits.length });
        seen.push({ sources: Object.keys(facet.facetDistribution?.source ?? {}), total: facet.estimatedTotalHits, hits: facet.estimatedTotalHits ?? 0 });
      }
    })();
    const v2 = await ingest({ inputs: [await feed('versie-twee.ndjson', 4000, { from: 10_000 })], client: meili.client, index, batchSize: 250 });
    // Keep searching a little after the swap.
    await new Promise((r) => setTimeout(r, 200));
    done = true;
    await searching;
    expect(v2.published).toBe(true);
    expect(seen.length).toBeGreaterThan(20);
    for (const s of seen) {
      expect(s.hits).toBeGreaterThan(0);
      expect(s.sources).toHaveLength(1);
      expect(s.total).toBe(s.sources[0] === 'versie-een' ? 1500 : 4000);
    }
    expect(seen[0]!.sources).toEqual(['versie-een']);
    expect(seen.at(-1)!.sources).toEqual(['versie-twee']);
  });

  it('guard: refuses (exit 3) when more than half the records are rejected; live untouched; --force publishes', async () => {
    const index = 'guard-rejects';
    await ingest({ inputs: [await feed('goed.ndjson', 20)], client: meili.client, index });
    const before = await allIds(index);
    const report = await ingest({ inputs: [await feed('slecht.ndjson', 4, { from: 500, invalid: 5 })], client: meili.client, index });
    expect(report).toMatchObject({ published: false, exitCode: 3, accepted: 4, rejected: 5, refused: { code: 'too_many_rejected' } });
    expect(report.refused!.message).toContain('5 of 9 records were rejected');
    expect(await allIds(index)).toEqual(before);
    expect(await indexUids()).not.toContain(expect.stringContaining(`${index}__`));
    const forced = await ingest({ inputs: [join(dir, 'slecht.ndjson')], client: meili.client, index, force: true });
    expect(forced).toMatchObject({ published: true, exitCode: 1, documents: 4 });
    expect(await allIds(index)).toHaveLength(4);
  });

  it('guard: refuses when the new index would have fewer than half the documents of the live one', async () => {
    const index = 'guard-shrink';
    await ingest({ inputs: [await feed('groot.ndjson', 100)], client: meili.client, index });
    const report: IngestReport = await ingest({ inputs: [await feed('klein.ndjson', 49)], client: meili.client, index });
    expect(report).toMatchObject({ published: false, exitCode: 3, documents: 49, previousDocuments: 100, refused: { code: 'too_few_documents' } });
    expect(await allIds(index)).toHaveLength(100);
    expect((await indexUids()).filter((u) => u.startsWith(`${index}__`))).toEqual([]);
    // Exactly half is allowed.
    const half = await ingest({ inputs: [await feed('half.ndjson', 50)], client: meili.client, index });
    expect(half.published).toBe(true);
  });

  it('an unreadable input publishes nothing (exit 2)', async () => {
    const index = 'unreadable';
    await ingest({ inputs: [await feed('basis.ndjson', 10)], client: meili.client, index });
    const report = await ingest({ inputs: [join(dir, 'basis.ndjson'), join(dir, 'bestaat-niet.csv')], client: meili.client, index, force: true });
    expect(report).toMatchObject({ published: false, exitCode: 2, refused: { code: 'unreadable_input' } });
    expect(await allIds(index)).toHaveLength(10);
  });

  it('two ingests on the same index at once: the second waits, they never interleave', async () => {
    const index = 'concurrent';
    const a = await feed('concurrent-a.ndjson', 3000);
    const b = await feed('concurrent-b.ndjson', 2000, { from: 50_000 });
    const finished: string[] = [];
    let waited = 0;
    const run = (file: string, name: string) =>
      ingest({ inputs: [file], client: meili.client, index, batchSize: 500, force: true, lock: { onWait: () => waited++ } }).then((r) => {
        finished.push(name);
        return r;
      });
    const [ra, rb] = await Promise.all([run(a, 'a'), run(b, 'b')]);
    expect(ra.published && rb.published).toBe(true);
    expect(waited).toBe(1);
    const last = finished.at(-1);
    const facets = await meili.client.index(index).search('', { limit: 0, facets: ['source'] });
    expect(facets.facetDistribution?.source).toEqual(last === 'a' ? { 'concurrent-a': 3000 } : { 'concurrent-b': 2000 });
    expect(await indexUids()).not.toContain(lockIndexOf(index));
  });

  it('fails clearly when the lock is held and the wait is over; takes over a stale lock', async () => {
    const index = 'locked';
    const lock = lockIndexOf(index);
    await waitForTask(meili.client, await meili.client.createIndex(lock, { primaryKey: 'id' }));
    const now = new Date().toISOString();
    await waitForTask(meili.client, await meili.client.index(lock).addDocuments([{ id: 'lock', token: 't', pid: 4242, host: 'elders', startedAt: now, heartbeatAt: now }]));
    const err = await ingest({ inputs: [await feed('wacht.ndjson', 5)], client: meili.client, index, lock: { timeoutMs: 300 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as Error).message).toContain('another ingest holds the lock');
    expect((err as Error).message).toContain('pid 4242 on elders');
    expect(await indexUids()).not.toContain(index);
    // The holder crashed: after staleMs without a heartbeat the lock is taken over.
    const report = await ingest({ inputs: [join(dir, 'wacht.ndjson')], client: meili.client, index, lock: { timeoutMs: 5000, staleMs: 200 } });
    expect(report.published).toBe(true);
    expect(await indexUids()).not.toContain(lock);
  });
});

describe('sociale-kaart-index ingest (the real CLI)', () => {
  it('exit 0 on success, 3 on a guard with the reason printed, 4 when Meilisearch is unreachable', async () => {
    const env = { MEILI_MASTER_KEY: meili.masterKey };
    const ok = await runCli(['ingest', await feed('cli.ndjson', 40), '--meili-url', meili.url, '--index', 'cli'], { env });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('published: 40 document(s) now live in "cli"');
    const guard = await runCli(['ingest', await feed('cli-klein.ndjson', 3), '--meili-url', meili.url, '--index', 'cli', '--report', join(dir, 'cli-report.json')], { env });
    expect(guard.code).toBe(3);
    expect(guard.stdout).toContain('NOT published: the new index would have 3 documents, fewer than half of the 40');
    expect((await allIds('cli')).length).toBe(40);
    const forced = await runCli(['ingest', join(dir, 'cli-klein.ndjson'), '--meili-url', meili.url, '--index', 'cli', '--force'], { env });
    expect(forced.code).toBe(0);
    expect((await allIds('cli')).length).toBe(3);
    const down = await runCli(['ingest', join(dir, 'cli.ndjson'), '--meili-url', 'http://127.0.0.1:9', '--index', 'cli'], { env });
    expect(down.code).toBe(4);
    expect(down.stderr).toContain('live index untouched');
  });

  it('--watch --interval re-ingests on a schedule until stopped', async () => {
    const file = await feed('watch.ndjson', 12);
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', join(PACKAGE_DIR, 'src/cli-main.ts'), 'ingest', file, '--meili-url', meili.url, '--index', 'watch', '--watch', '--interval', '1s'], {
      cwd: PACKAGE_DIR,
      env: { ...process.env, MEILI_MASTER_KEY: meili.masterKey },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const twice = new Promise<void>((resolveTwice) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        if ((stdout.match(/published: 12 document\(s\)/g) ?? []).length >= 2) resolveTwice();
      });
    });
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    await Promise.race([twice, exited]);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect((stdout.match(/published: 12 document\(s\)/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(stdout).toContain('next ingest in 1.0 s');
    expect(await allIds('watch')).toHaveLength(12);
  });
});

