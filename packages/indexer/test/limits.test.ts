import { createWriteStream } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateInputs } from '../src/index.js';
import { PACKAGE_DIR, ndjsonFeed, runCli, templateCsv, validRow } from './helpers.js';

const HSDS_CSV = resolve(PACKAGE_DIR, '../schema/vendor/hsds/3.1/examples/csv');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sk-limits-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a truncated ndjson feed', () => {
  it('a last line without a newline that is not JSON makes the input unreadable (exit 2)', async () => {
    const file = join(dir, 'afgebroken.ndjson');
    const full = ndjsonFeed(3);
    await writeFile(file, full.slice(0, full.length - 40));
    const report = await validateInputs([file]);
    expect(report.inputs[0]!.error).toBe(
      'de laatste regel (3) is afgebroken: geen regeleinde en geen geldige JSON; het bestand is waarschijnlijk niet compleet / the last line (3) is cut off: no line ending and not valid JSON; the file is probably incomplete',
    );
    expect(report.errors).toMatchObject([{ input: file, record: null, code: 'input_unreadable' }]);
    const r = await runCli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('the last line (3) is cut off');
  });

  it('a last line without a newline that is JSON is a complete record; a broken line in the middle rejects only itself', async () => {
    const file = join(dir, 'zonder-regeleinde.ndjson');
    const lines = ndjsonFeed(3).trimEnd().split('\n');
    await writeFile(file, [lines[0], '{"id": "kapot", ', lines[1], lines[2]].join('\n'));
    const report = await validateInputs([file]);
    expect(report.inputs[0]).toMatchObject({ records: 4, accepted: 3, rejected: 1 });
    expect(report.inputs[0]!.error).toBeUndefined();
    expect(report.errors).toMatchObject([{ record: 2, line: 2, code: 'json_invalid' }]);
  });
});

describe('byte limits per record and per input', () => {
  it('an ndjson line over --max-record-bytes is rejected by itself, without being held', async () => {
    const file = join(dir, 'groot-record.ndjson');
    const [a, b] = ndjsonFeed(2).trimEnd().split('\n');
    const huge = JSON.stringify({ id: 'groot', name: 'x'.repeat(5000), status: 'active' });
    await writeFile(file, `${a}\n${huge}\n${b}\n`);
    const report = await validateInputs([file], { limits: { maxRecordBytes: 4096 } });
    expect(report.inputs[0]).toMatchObject({ records: 3, accepted: 2, rejected: 1 });
    expect(report.errors).toMatchObject([{ record: 2, line: 2, code: 'record_too_large', messageEn: 'line 2 is larger than 4 KiB (--max-record-bytes)' }]);
  });

  it('a file over --max-input-bytes is refused before it is read (exit 2, naming the input)', async () => {
    const file = join(dir, 'te-groot.csv');
    await writeFile(file, templateCsv(Array.from({ length: 200 }, (_, i) => validRow(i + 1))));
    const report = await validateInputs([file], { limits: { maxInputBytes: 10_000 } });
    expect(report.inputs[0]!.error).toContain(`${file} is larger than 10000 bytes (--max-input-bytes): stopped reading at 10000 bytes`);
    const r = await runCli(['validate', file, '--max-input-bytes', '10000']);
    expect(r.code).toBe(2);
    expect((await runCli(['validate', file, '--max-input-bytes', 'veel'])).code).toBe(64);
    expect((await validateInputs([file])).inputs[0]).toMatchObject({ accepted: 200 });
  });

  it('a 100 MB CSV with a quote that is never closed stops at the record limit instead of filling memory', async () => {
    const file = join(dir, 'open-aanhalingsteken.csv');
    const out = createWriteStream(file);
    out.write(templateCsv([validRow(1)]));
    out.write('act-2;Buurtwerk;"Koffie');
    const block = Buffer.alloc(1024 * 1024, 'lange tekst zonder einde ');
    for (let i = 0; i < 100; i++) out.write(block);
    await new Promise((r) => out.end(r));
    // A heap far smaller than the file: holding the runaway field would crash the process.
    const r = await runCli(['validate', file], { env: { NODE_OPTIONS: '--max-old-space-size=48' } });
    expect(r.stderr).not.toMatch(/heap out of memory/i);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('the row from line 3 is larger than 1 MiB (--max-record-bytes; a quote that is never closed?): stopped reading');
  }, 120_000);
});

describe('datapackage.json paths stay inside the package folder', () => {
  const pkg = (name: string) => join(dir, name);
  // The vendored example's own datapackage.json is a link that was not copied: write one that lists every table.
  async function packageWith(name: string, servicesPath: string): Promise<string> {
    await cp(HSDS_CSV, pkg(name), { recursive: true });
    const tables = (await readdir(pkg(name))).filter((f) => f.endsWith('.csv')).map((f) => f.slice(0, -4));
    const resources = tables.map((t) => ({ name: t, path: t === 'services' ? servicesPath : `${t}.csv` }));
    await writeFile(join(pkg(name), 'datapackage.json'), JSON.stringify({ name: 'hsds-example', resources }));
    return pkg(name);
  }

  beforeAll(async () => {
    await mkdir(pkg('buiten'), { recursive: true });
    await cp(join(HSDS_CSV, 'services.csv'), join(pkg('buiten'), 'services.csv'));
  });

  it.each([
    ['a path up and out', '../buiten/services.csv'],
    ['an absolute path', '<absolute>'],
    ['a URL', 'file:///etc/passwd'],
  ])('%s: exit 2 with the resource named', async (_, given) => {
    const path = given === '<absolute>' ? join(dir, 'buiten', 'services.csv') : given;
    const input = await packageWith(`pakket-${Math.random().toString(36).slice(2)}`, path);
    const report = await validateInputs([input]);
    expect(report.inputs[0]!.error).toContain(`datapackage.json, resource "services": ${JSON.stringify(path)} is outside the package folder`);
    expect(report.accepted).toBe(0);
  });

  it('a symlink that leads out of the folder: exit 2 from the CLI', async () => {
    const input = await packageWith('pakket-symlink', 'services.csv');
    await rm(join(input, 'services.csv'));
    await symlink(join(pkg('buiten'), 'services.csv'), join(input, 'services.csv'));
    const r = await runCli(['validate', input]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('datapackage.json, resource "services": "services.csv" is outside the package folder');
    // Without datapackage.json the table found by its name is checked the same way.
    await rm(join(input, 'datapackage.json'));
    expect((await validateInputs([input])).inputs[0]!.error).toContain('services.csv: "services.csv" is outside the package folder');
  });

  it('the package itself, with paths inside it, still reads', async () => {
    const input = await packageWith('pakket-goed', './services.csv');
    const report = await validateInputs([input]);
    expect(report.inputs[0]!.error).toBeUndefined();
    expect(report.inputs[0]!.records).toBeGreaterThan(0);
  });
});
