import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eq } from '@sociale-kaart/meili';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/index.js';
import { PACKAGE_DIR, runCli } from './helpers.js';

const meili = useMeilisearch();
const FEEDS = resolve(PACKAGE_DIR, '../../examples/feeds');
let dir: string;
let inputs: string[];
let rotterdam: string;

async function countOf(index: string, source: string): Promise<number> {
  return (await meili.client.index(index).search('', { filter: eq('source', source), limit: 0 })).estimatedTotalHits ?? -1;
}

// The demo feeds, copied so that one of them can be emptied or cut short.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sk-source-guard-'));
  await cp(FEEDS, join(dir, 'feeds'), { recursive: true });
  rotterdam = join(dir, 'feeds/hsds-json/rotterdam.ndjson');
  inputs = [join(dir, 'feeds/hsds-json/utrecht.json'), rotterdam, join(dir, 'feeds/hsds-csv/maastricht'), join(dir, 'feeds/csv-template/oldambt.csv')];
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('per-source guards', () => {
  it('one emptied source is refused (exit 3, source and both counts named); its activities stay searchable; --force publishes', async () => {
    const index = 'bronnen';
    const env = { MEILI_MASTER_KEY: meili.masterKey };
    const first = await ingest({ inputs, client: meili.client, index });
    expect(first).toMatchObject({ published: true, documents: 460 });
    expect(first.sources).toEqual([
      { source: 'utrecht', previousDocuments: 0, documents: 120 },
      { source: 'rotterdam', previousDocuments: 0, documents: 110 },
      { source: 'maastricht', previousDocuments: 0, documents: 130 },
      { source: 'oldambt', previousDocuments: 0, documents: 100 },
    ]);
    const original = await readFile(rotterdam, 'utf8');

    await writeFile(rotterdam, '{"contents":[]}\n');
    const emptied = await runCli(['ingest', ...inputs, '--meili-url', meili.url, '--index', index, '--report', join(dir, 'report.json')], { env });
    expect(emptied.code).toBe(3);
    expect(emptied.stdout).toContain('source "rotterdam" would drop from 110 to 0 documents (to zero); live index "bronnen" left untouched (--force publishes anyway)');
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ published: false, exitCode: 3, documents: 350, previousDocuments: 460, refused: { code: 'source_shrank', source: 'rotterdam' } });
    expect(await countOf(index, 'rotterdam')).toBe(110);
    const hit = await meili.client.index(index).search('', { filter: eq('source', 'rotterdam'), limit: 1 });
    expect(hit.hits[0]).toMatchObject({ source: 'rotterdam' });

    // Down by more than half (110 → 40) is refused too; exactly half would pass.
    await writeFile(rotterdam, original.split('\n').slice(0, 40).join('\n') + '\n');
    const shrunk = await ingest({ inputs, client: meili.client, index });
    expect(shrunk).toMatchObject({ published: false, exitCode: 3, refused: { code: 'source_shrank', source: 'rotterdam' } });
    expect(shrunk.refused!.message).toContain('would drop from 110 to 40 documents (by more than half)');
    expect(shrunk.sources.find((s) => s.source === 'rotterdam')).toEqual({ source: 'rotterdam', previousDocuments: 110, documents: 40 });
    expect(await countOf(index, 'rotterdam')).toBe(110);

    const forced = await runCli(['ingest', ...inputs, '--meili-url', meili.url, '--index', index, '--force'], { env });
    expect(forced.code).toBe(0);
    expect(await countOf(index, 'rotterdam')).toBe(40);

    // The count the guard compares with is the live index's own: after the forced publish, 40 is the base.
    await writeFile(rotterdam, original.split('\n').slice(0, 20).join('\n') + '\n');
    expect(await ingest({ inputs, client: meili.client, index })).toMatchObject({ published: true, sources: expect.arrayContaining([{ source: 'rotterdam', previousDocuments: 40, documents: 20 }]) });
    await writeFile(rotterdam, original);
  });

  it('a source left out of the run on purpose is not held back by its own guard (the whole-index guard still is)', async () => {
    const index = 'weglaten';
    await ingest({ inputs, client: meili.client, index });
    const without = await ingest({ inputs: inputs.filter((i) => i !== rotterdam), client: meili.client, index });
    expect(without).toMatchObject({ published: true, documents: 350 });
    expect(await countOf(index, 'rotterdam')).toBe(0);
  });

  it('a truncated ndjson feed publishes nothing (exit 2), the live index keeps every source', async () => {
    const index = 'afgebroken';
    await ingest({ inputs, client: meili.client, index });
    const original = await readFile(rotterdam, 'utf8');
    try {
      await writeFile(rotterdam, original.slice(0, Math.floor(original.length * 0.7)).replace(/\n[^\n]*$/, '\n{"id": "rdam-'));
      const report = await ingest({ inputs, client: meili.client, index, force: true });
      expect(report).toMatchObject({ published: false, exitCode: 2, refused: { code: 'unreadable_input' } });
      expect(report.inputs[1]!.error).toContain('is cut off');
      expect(await countOf(index, 'rotterdam')).toBe(110);
    } finally {
      await writeFile(rotterdam, original);
    }
  });
});
