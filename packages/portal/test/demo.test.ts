import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listOrganisations, userByEmail } from '@sociale-kaart/db';
import { useDatabases } from '@sociale-kaart/db/testing';
import { seedDemoOrganisations } from '../src/index.js';
import { PACKAGE_DIR } from './cli.js';

const FEEDS = resolve(PACKAGE_DIR, '..', '..', 'examples', 'feeds');

describe('seedDemoOrganisations', () => {
  const databases = useDatabases('pglite');

  it('makes one verified organisation with an editor per organisation in the demo feeds, once', async () => {
    const { db } = await databases.open();
    const feeds = [join(FEEDS, 'hsds-json', 'utrecht.json'), join(FEEDS, 'csv-template', 'oldambt.csv')];
    const first = await seedDemoOrganisations(db, feeds, { operatorEmail: 'beheer@demo.sociale-kaart.example' });
    expect(first.length).toBeGreaterThan(1);
    expect(first.every((o) => o.created && o.organisation.verified && o.organisation.id.startsWith('demo-'))).toBe(true);
    const oldambt = first.find((o) => o.organisation.name === 'Welzijn Oldambt Samen');
    expect(oldambt?.signInEmail).toBe('welzijn-oldambt-samen@demo.sociale-kaart.example');
    expect(await userByEmail(db, oldambt!.signInEmail)).toMatchObject({ role: 'editor', organisation_id: oldambt!.organisation.id });
    expect(await userByEmail(db, 'beheer@demo.sociale-kaart.example')).toMatchObject({ role: 'operator' });

    const again = await seedDemoOrganisations(db, feeds);
    expect(again.map((o) => o.organisation.id)).toEqual(first.map((o) => o.organisation.id));
    expect(again.some((o) => o.created)).toBe(false);
    expect((await listOrganisations(db)).length).toBe(first.length);
  });
});
