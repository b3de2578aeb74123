import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hostileRows, runCli, templateCsv, validRow } from './helpers.js';

const EX = resolve(import.meta.dirname, '../../schema/vendor/hsds/3.1/examples');

describe('sociale-kaart-index validate (the real CLI in a child process)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sk-cli-'));
    await writeFile(join(dir, 'goed.csv'), templateCsv([validRow(1), validRow(2)]));
    await writeFile(join(dir, 'hostile.csv'), templateCsv(hostileRows()));
  });

  it('exit 0 when every record is valid, summary printed', async () => {
    const r = await runCli(['validate', join(dir, 'goed.csv')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 accepted, 0 rejected');
  });

  it('exit 1 when some records are rejected; --report writes the report as DESIGN.md says', async () => {
    const reportFile = join(dir, 'report.json');
    const r = await runCli(['validate', join(dir, 'hostile.csv'), '--report', reportFile]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('9998 accepted, 2 rejected');
    expect(r.stdout).toContain('[Postcode]: postcode "12345" is geen Nederlandse postcode');
    const report = JSON.parse(await readFile(reportFile, 'utf8'));
    expect(report).toMatchObject({ accepted: 9998, rejected: 2, documents: 9997 });
    expect(typeof report.durationMs).toBe('number');
    expect(report.inputs).toEqual([expect.objectContaining({ input: join(dir, 'hostile.csv'), format: 'csv-template' })]);
    expect(report.errors.map((e: Record<string, unknown>) => [e.input, e.record, e.path, typeof e.message])).toEqual([
      [join(dir, 'hostile.csv'), 2, 'Postcode', 'string'],
      [join(dir, 'hostile.csv'), 3, 'Titel', 'string'],
    ]);
  });

  it('exit 2 when an input cannot be read, even next to a good one', async () => {
    const r = await runCli(['validate', join(dir, 'goed.csv'), join(dir, 'weg.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('NOT READ');
  });

  it('--report - puts the JSON on stdout and the summary on stderr', async () => {
    const r = await runCli(['validate', join(EX, 'service_full.json'), '--report', '-']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.errors.map((e: { path: string }) => e.path)).toEqual([
      'service_at_locations[0].location.latitude',
      'service_at_locations[0].location.addresses[0].country',
      'service_at_locations[0].location.addresses[0].postal_code',
    ]);
    expect(r.stderr).toContain('0 accepted, 1 rejected');
  });

  it('--format forces the reader', async () => {
    await writeFile(join(dir, 'feed.txt'), `${JSON.stringify({ id: 's1', name: 'Belcirkel', status: 'active', organization: { name: 'Welzijn' } })}\n`);
    const forced = await runCli(['validate', join(dir, 'feed.txt'), '--format', 'ndjson', '--report', '-']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).inputs[0]).toMatchObject({ format: 'hsds-ndjson', accepted: 1 });
    const wrong = await runCli(['validate', join(dir, 'goed.csv'), '--format', 'hsds-json']);
    expect(wrong.code).toBe(2);
  });

  it('exit 64 on a usage error, 0 with --help', async () => {
    expect((await runCli(['validate'])).code).toBe(64);
    expect((await runCli(['publiceer', 'x'])).code).toBe(64);
    expect((await runCli(['validate', 'x', '--format', 'xml'])).code).toBe(64);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('ingest <input…>');
  });
});
