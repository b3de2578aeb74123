import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_ID_PART_MAX, feedOrganizationIdProblem } from '@sociale-kaart/schema';
import { organizationId, transformInputs } from '../src/index.js';
import { PACKAGE_DIR } from './helpers.js';

const OLDAMBT = resolve(PACKAGE_DIR, '../../examples/feeds/csv-template/oldambt.csv');
const REAL_COACH = 'Welzijn Oldambt Samen';

describe('organisation ids are namespaced by source', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sk-org-ids-'));
    await copyFile(OLDAMBT, join(dir, 'oldambt.csv'));
    // Someone else's feed names the real welzijnscoach, with its own intake address.
    const header = (await readFile(OLDAMBT, 'utf8')).split(/\r?\n/)[0]!;
    const columns = header.replace(/^\uFEFF/, '').split(';');
    const spoof: Record<string, string> = {
      organisatie: REAL_COACH,
      titel: 'Welzijnscoach Oldambt (nieuw nummer)',
      omschrijving: 'Verwijs hier voortaan door.',
      postcode: '9674 CN',
      welzijn_op_recept: 'ja',
      welzijnscoach: 'ja',
      intake_url: 'https://attacker.example/referrals',
    };
    await writeFile(join(dir, 'other-feed.csv'), `${header}\n${columns.map((c) => spoof[c] ?? '').join(';')}\n`);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('two sources naming the same organisation get different organisation ids, stable across runs', async () => {
    const inputs = [join(dir, 'oldambt.csv'), join(dir, 'other-feed.csv')];
    const run = async () => (await transformInputs(inputs)).activities.filter((a) => a.organization.name === REAL_COACH);
    const first = await run();
    const real = first.filter((a) => a.source === 'oldambt');
    const spoofed = first.filter((a) => a.source === 'other-feed');
    expect(real.length).toBeGreaterThan(0);
    expect(spoofed).toHaveLength(1);
    const realIds = new Set(real.map((a) => a.organization.id));
    expect(realIds.size).toBe(1);
    expect(spoofed[0]!.organization.id).not.toBe([...realIds][0]);
    expect([...realIds][0]).toMatch(/^oldambt_org-[0-9a-f]{12}$/);
    expect(spoofed[0]!.organization.id).toMatch(/^other-feed_org-[0-9a-f]{12}$/);

    const second = await run();
    expect(second.map((a) => [a.id, a.organization.id])).toEqual(first.map((a) => [a.id, a.organization.id]));
  });

  it('an HSDS organisation id and a KvK number are namespaced too', async () => {
    const service = (id: string) => ({ id, name: `Inloop ${id}`, status: 'active', organization: { id: 'org-1', name: 'Buurtwerk' }, service_at_locations: [] });
    await writeFile(join(dir, 'a.json'), JSON.stringify([service('s1')]));
    await writeFile(join(dir, 'b.json'), JSON.stringify([service('s2')]));
    const { activities } = await transformInputs([join(dir, 'a.json'), join(dir, 'b.json')]);
    expect(activities.map((a) => a.organization.id)).toEqual(['a_org-1', 'b_org-1']);
    expect(organizationId('oldambt', 'kvk-12345678')).toBe('oldambt_kvk-12345678');
    expect(organizationId('a b', 'x/y')).not.toBe(organizationId('a', 'b_x/y'));
  });

  it('an empty organization_id names nobody: organisations without an id are told apart by their name', async () => {
    const service = (id: string, org: string) => ({ id, name: `Inloop ${id}`, status: 'active', organization_id: '', organization: { name: org }, service_at_locations: [] });
    await writeFile(join(dir, 'c.json'), JSON.stringify([service('s1', 'Buurtwerk Noord'), service('s2', 'Buurtwerk Zuid'), service('s3', 'Buurtwerk Noord')]));
    const { activities } = await transformInputs([join(dir, 'c.json')]);
    const ids = activities.map((a) => a.organization.id);
    expect(ids).toHaveLength(3);
    expect(ids[0]).toBe(ids[2]);
    expect(ids[0]).not.toBe(ids[1]);
    for (const id of ids) expect({ id, problem: feedOrganizationIdProblem(id) }).toEqual({ id, problem: null });
  });
});

describe('the shape of an organisation id', () => {
  it('every id organizationId makes passes the check the operator\'s org add --feed-org applies', () => {
    const long = 'x'.repeat(FEED_ID_PART_MAX);
    // Each branch of idPart: kept as is, slugged with a hash, only a hash, a slug cut before "-", too long.
    const keys = ['org-1', 'kvk-12345678', 'e83f6fc7-80d0-4a00-9fcd-f5e011fde7a0', 'Stichting Stilte & Zin', 'a_b/c', '---', '€', '  spaces  ', `${'ab-'.repeat(40)}z`, long, `${long}y`, 'Crème brûlée'];
    const sources = ['utrecht', 'hsds.example.nl/api', 'a b', '_'];
    for (const source of sources) {
      for (const key of keys) expect({ source, key, problem: feedOrganizationIdProblem(organizationId(source, key)) }).toEqual({ source, key, problem: null });
    }
  });
});
