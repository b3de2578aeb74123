import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { activitySchema } from '@sociale-kaart/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { transformInputs, type IndexReport } from '../src/index.js';
import type { Activity } from '@sociale-kaart/schema';

const FEEDS = resolve(import.meta.dirname, '../../../examples/feeds');

interface Manifest {
  feeds: Array<{ path: string; form: string; gemeente: string; records: number; online: number; temporarilyClosed: number; welzijnscoach: number }>;
  total: number;
}

describe('the demo feeds in examples/feeds (all three input forms)', () => {
  let manifest: Manifest;
  let activities: Activity[];
  let report: IndexReport;

  beforeAll(async () => {
    manifest = JSON.parse(await readFile(join(FEEDS, 'manifest.json'), 'utf8')) as Manifest;
    ({ activities, report } = await transformInputs(manifest.feeds.map((f) => join(FEEDS, f.path))));
  });

  it('every record of every feed is accepted, in the detected format', () => {
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ accepted: manifest.total, rejected: 0, documents: manifest.total });
    expect(report.inputs.map((i) => [i.format, i.records, i.accepted])).toEqual(manifest.feeds.map((f) => [f.form, f.records, f.records]));
    expect(manifest.total).toBeGreaterThanOrEqual(400);
  });

  it('the documents are valid and spread over the gemeenten', () => {
    for (const a of activities) expect(activitySchema.safeParse(a).success).toBe(true);
    for (const f of manifest.feeds) {
      const inFeed = activities.filter((a) => a.gemeente === f.gemeente || (a.online && !a.gemeente));
      expect(inFeed.length).toBeGreaterThan(0);
      const closed = activities.filter((a) => a.source === report.inputs[manifest.feeds.indexOf(f)]!.source && a.status === 'temporarily_closed');
      expect(closed).toHaveLength(f.temporarilyClosed);
      const coaches = activities.filter((a) => a.source === report.inputs[manifest.feeds.indexOf(f)]!.source && a.isWelzijnscoach);
      expect(coaches).toHaveLength(f.welzijnscoach);
    }
    expect(activities.every((a) => a.online || a._geo)).toBe(true);
    expect(new Set(activities.flatMap((a) => a.categories)).size).toBeGreaterThanOrEqual(10);
  });

  it('every welzijnscoach, in every input form, carries its electronic intake', () => {
    const coaches = activities.filter((a) => a.isWelzijnscoach);
    expect(coaches.length).toBe(manifest.feeds.reduce((n, f) => n + f.welzijnscoach, 0));
    for (const c of coaches) {
      expect(c.intake?.url, c.id).toMatch(/^https:\/\/intake\./);
      expect(c.intake?.email, c.id).toMatch(/@/);
      expect(c.acceptsWelzijnOpRecept).toBe(true);
    }
  });

  it('reads "aanmelden nodig" from HSDS attributes and from the template alike', () => {
    for (const form of ['hsds-json', 'hsds-ndjson', 'hsds-csv', 'csv-template']) {
      const sources = report.inputs.filter((i) => i.format === form).map((i) => i.source);
      const inForm = activities.filter((a) => sources.includes(a.source));
      expect(inForm.some((a) => a.referralRequired), form).toBe(true);
      expect(inForm.some((a) => !a.referralRequired), form).toBe(true);
    }
  });

  it('the template in the guide reads without a single warning', async () => {
    const r = await transformInputs([join(FEEDS, 'csv-template/sociale-kaart-sjabloon.csv')]);
    expect(r.report).toMatchObject({ accepted: 1, rejected: 0, warningsTotal: 0 });
    expect(r.activities[0]).toMatchObject({ categories: ['exercise', 'walking_nature'], days: ['di', 'do'], free: true });
  });

  it('each cost line says every fact once, in the provider\'s own words', () => {
    const lines = activities.map((a) => a.costDescription).filter((c): c is string => !!c);
    expect(lines.length).toBeGreaterThan(100);
    for (const line of lines) {
      const amounts = [...line.matchAll(/€\s*(\d+(?:,\d{1,2})?)/g)].map((m) => m[1]);
      expect(new Set(amounts).size, line).toBe(amounts.length);
      const sentences = line.split(/(?<=[.!?])\s+/).map((s) => s.toLowerCase());
      expect(new Set(sentences).size, line).toBe(sentences.length);
      expect(line.match(/gratis/gi)?.length ?? 0, line).toBeLessThanOrEqual(1);
    }
    expect(lines).toContain('€ 4,50 per maaltijd. Met de U-pas doet u gratis mee.');
    expect(lines).toContain('€ 3 per keer, inclusief koffie of thee. Met de Rotterdampas krijgt u korting.');
    expect(lines).toContain('Koffie of thee € 1. De toegang is gratis.');
    expect(lines).not.toContain('Per maaltijd: € 4,50 € 4,50 per maaltijd; Een maaltijd kost € 4,50. Met de U-pas doet u gratis mee.');
    // Nothing paid loses its price on the way.
    const paid = activities.filter((x) => !x.free && x.source !== 'oldambt');
    expect(paid.length).toBeGreaterThan(50);
    for (const a of paid) expect(a.costDescription ?? '', a.id).toMatch(/€ \d/);
  });
});
