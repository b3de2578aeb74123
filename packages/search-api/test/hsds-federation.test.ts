/**
 * Federation: kaart B includes kaart A by ingesting A's HSDS API
 * (`sociale-kaart-index ingest <A>/hsds --format hsds-api`). Two search APIs on loopback,
 * two Meilisearch indexes; B's activity documents must be A's, field by field, except what
 * differs by design (mapped explicitly below).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '@sociale-kaart/indexer';
import { documentRevision } from '@sociale-kaart/meili';
import type { Activity } from '@sociale-kaart/schema';
import { createApp } from '../src/app.js';
import { createMeiliBackend } from '../src/backend.js';
import { defaultConfig } from '../src/config.js';
import { organizationUuid, serviceUuid } from '../src/hsds.js';
import { locationUuid } from '../src/hsds/locations.js';
import { useDemoApi } from './hsds-demo.js';

const { api: kaartA, docs } = useDemoApi();
const INDEX_B = 'kaart-b';

let server: ServerType | undefined;
let baseA = '';
let dir = '';
let exitCode = -1;
let errors = '';
let kaartB: Activity[] = [];
let apiB: ReturnType<typeof createApp>;
let closeB: () => void = () => {};

beforeAll(async () => {
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: kaartA.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  baseA = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'sk-federation-'));
  const io = { out: () => {}, err: (s: string) => (errors += s), isTTY: false };
  // Loopback is refused by default (feed URLs never reach private addresses): allowed for this test only.
  const args = ['ingest', `${baseA}/hsds`, '--format', 'hsds-api', '--meili-url', kaartA.meili.url, '--meili-key', kaartA.meili.masterKey, '--index', INDEX_B, '--allow-private-urls', '--report', join(dir, 'report.json')];
  exitCode = await main(args, io);
  kaartB = (await kaartA.meili.client.index(INDEX_B).getDocuments({ limit: 10_000 })).results as unknown as Activity[];
  const backend = createMeiliBackend({ url: kaartA.meili.url, apiKey: kaartA.meili.masterKey, index: INDEX_B, timeoutMs: 2000 });
  closeB = () => backend.close();
  apiB = createApp({ backend, config: defaultConfig({ rateLimitPerSecond: 0 }), log: () => {} });
}, 300_000);

afterAll(async () => {
  closeB();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * What kaart B's copy of one of A's documents must be. By design:
 * - `source` is B's name for the feed (from A's URL), and ids are namespaced by it:
 *   the document id is `<source>_<service id>_<location id>`, the organisation id `<source>_<A's organisation UUID>`;
 * - the service id is A's HSDS service id (a UUID; A's own serviceId where it already was one),
 *   and it is also the record id in B's source (`sourceRecordId`);
 * - `categorySource` is "feed": B read the categories from A's taxonomy terms, whatever A derived them from;
 * - a daily schedule is weekly on all seven days: HSDS 3.1 knows only WEEKLY and MONTHLY
 *   (same days, same times, same facets).
 * Everything else — text, taxonomy, audience, ages, schedules and their facets, place,
 * coordinates, cost, accessibility, contact, referral fields, status, dates — is A's.
 */
function expectedInB(a: Activity, source: string): Activity {
  const serviceId = serviceUuid(a.serviceId);
  return {
    ...a,
    id: `${source}_${serviceId}_${locationUuid(a.id)}`,
    source,
    serviceId,
    sourceRecordId: serviceId,
    organization: { ...a.organization, id: `${source}_${organizationUuid(a.organization.id)}` },
    categorySource: 'feed',
    schedules: a.schedules.map((s) => (s.freq === 'daily' && s.interval === 1 ? { ...s, freq: 'weekly', byday: [...EVERY_DAY] } : s)),
  };
}

const EVERY_DAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

describe('federation through the HSDS API', () => {
  it('ingests kaart A into kaart B without a rejected record', () => {
    expect(exitCode, errors).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ accepted: docs().length, rejected: 0 });
  });

  it("reproduces every one of A's activity documents in B", () => {
    expect(kaartB).toHaveLength(docs().length);
    const source = kaartB[0]!.source;
    expect(source).toMatch(/^127-0-0-1/);
    const byLocation = new Map(kaartB.map((b) => [b.id.slice(-36), b]));
    // Every difference as "document.field: A's value ≠ B's value", so one run shows them all.
    const differences: string[] = [];
    for (const a of docs()) {
      const b = byLocation.get(locationUuid(a.id)) as Record<string, unknown> | undefined;
      if (!b) {
        differences.push(`${a.id}: missing in B`);
        continue;
      }
      const want = expectedInB(a, source) as unknown as Record<string, unknown>;
      // The revision is B's own (a hash of the rest of B's document: meili src/revision.ts).
      if (b.rev !== documentRevision(b)) differences.push(`${a.id}.rev: ${JSON.stringify(b.rev)} is not the revision of B's document`);
      for (const field of new Set([...Object.keys(want), ...Object.keys(b)].filter((f) => f !== 'rev'))) {
        if (!isDeepStrictEqual(want[field], b[field])) differences.push(`${a.id}.${field}: ${JSON.stringify(want[field])} ≠ ${JSON.stringify(b[field])}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it("serves B's copy under the same HSDS service ids as A", async () => {
    const a = (await kaartA.json('/hsds/services?per_page=5')).body.contents as Array<{ id: string; name: string }>;
    for (const item of a) {
      const res = await apiB.request(`/hsds/services/${item.id}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { name: string }).name).toBe(item.name);
    }
  });
});
