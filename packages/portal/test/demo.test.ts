import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { currentReferralKey, getOrganisation, listOrganisations, userByEmail } from '@sociale-kaart/db';
import { useDatabases } from '@sociale-kaart/db/testing';
import { organizationId } from '@sociale-kaart/indexer';
import { referralPublicPart, type ReferralPublicKey } from '@sociale-kaart/schema';
import { openReferral, readRecoveryFile, sealReferral } from '@sociale-kaart/sealing';
import { seedDemoOrganisations } from '../src/index.js';
import { PACKAGE_DIR } from './cli.js';
import { PATIENT_PART } from './inbox-fixtures.js';

const FEEDS = resolve(PACKAGE_DIR, '..', '..', 'examples', 'feeds');
const PASSPHRASE = 'alleen voor de demo';
const INBOX = ['Trajectum Welzijn', 'Stichting Buurtkracht Overvecht'];

describe('seedDemoOrganisations', () => {
  const databases = useDatabases('pglite');
  const dirs: string[] = [];
  const keyDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sk-demo-keys-'));
    dirs.push(dir);
    return join(dir, 'demo-keys');
  };
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('makes one verified organisation with an editor per organisation in the demo feeds, under the id its activities carry, once', async () => {
    const { db } = await databases.open();
    const feeds = [join(FEEDS, 'hsds-json', 'utrecht.json'), join(FEEDS, 'csv-template', 'oldambt.csv')];
    const first = await seedDemoOrganisations(db, feeds, { operatorEmail: 'beheer@demo.sociale-kaart.example' });
    expect(first.length).toBeGreaterThan(1);
    expect(first.every((o) => o.created && o.organisation.verified && !o.inbox && o.organisation.receive_mode === null)).toBe(true);
    const oldambt = first.find((o) => o.organisation.name === 'Welzijn Oldambt Samen');
    expect(oldambt?.signInEmail).toBe('welzijn-oldambt-samen@demo.sociale-kaart.example');
    expect(oldambt?.organisation.id).toMatch(/^oldambt_org-/);
    expect(await userByEmail(db, oldambt!.signInEmail)).toMatchObject({ role: 'editor', organisation_id: oldambt!.organisation.id });
    expect(await userByEmail(db, 'beheer@demo.sociale-kaart.example')).toMatchObject({ role: 'operator' });
    // The id the relay routes by: the feed's own organisation id, namespaced by the source as the indexer does.
    const feed = JSON.parse(await readFile(feeds[0]!, 'utf8')) as { contents: { organization?: { id: string; name: string } }[] };
    const trajectum = feed.contents.find((s) => s.organization?.name === 'Trajectum Welzijn')!.organization!;
    expect(first.find((o) => o.organisation.name === 'Trajectum Welzijn')?.organisation.id).toBe(organizationId('utrecht', trajectum.id));

    const again = await seedDemoOrganisations(db, feeds);
    expect(again.map((o) => o.organisation.id)).toEqual(first.map((o) => o.organisation.id));
    expect(again.some((o) => o.created)).toBe(false);
    expect((await listOrganisations(db)).length).toBe(first.length);
  });

  it('gives the named organisations the hosted inbox and a key whose private half exists only in a recovery file; a restart reuses it', async () => {
    const { db } = await databases.open();
    const feeds = [join(FEEDS, 'hsds-json', 'utrecht.json')];
    const dir = await keyDir();
    const first = await seedDemoOrganisations(db, feeds, { inbox: { organisations: INBOX, keyDir: dir, passphrase: PASSPHRASE } });
    const inboxes = first.filter((o) => o.inbox);
    expect(inboxes.map((o) => o.organisation.name).sort()).toEqual([...INBOX].sort());
    expect(first.filter((o) => !o.inbox).every((o) => o.organisation.receive_mode === null)).toBe(true);
    const files = new Map<string, string>();
    for (const { organisation, inbox } of inboxes) {
      expect((await getOrganisation(db, organisation.id))?.receive_mode).toBe('inbox');
      expect(inbox).toMatchObject({ recoveryFile: join(dir, `${organisation.id}.json`), passphrase: PASSPHRASE, current: true });
      expect((await stat(inbox!.recoveryFile)).mode & 0o777).toBe(0o600);
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
      const text = await readFile(inbox!.recoveryFile, 'utf8');
      files.set(organisation.id, text);
      expect(JSON.parse(text)).toMatchObject({ format: 'sociale-kaart/referral-key-recovery', kid: inbox!.kid });
      expect(JSON.parse(text).publicKey).not.toHaveProperty('d');
      // The database holds the public key only; what is sealed to it opens with the file's key.
      const published = (await currentReferralKey(db, organisation.id))!;
      expect(published.kid).toBe(inbox!.kid);
      expect(published.public_jwk).not.toHaveProperty('d');
      const publicPart = { ...referralPublicPart({ target: 'activity', activityId: 'utrecht_x', organizationId: organisation.id, reasons: ['eenzaamheid'] }) };
      const sealed = await sealReferral(published.public_jwk as ReferralPublicKey, { kid: published.kid }, PATIENT_PART, publicPart);
      const key = await readRecoveryFile(text, PASSPHRASE);
      await expect(openReferral(key, sealed, publicPart)).resolves.toEqual(PATIENT_PART);
    }

    const again = await seedDemoOrganisations(db, feeds, { inbox: { organisations: INBOX, keyDir: dir, passphrase: PASSPHRASE } });
    for (const { organisation, inbox } of again.filter((o) => o.inbox)) {
      expect(inbox!.kid).toBe(first.find((o) => o.organisation.id === organisation.id)!.inbox!.kid);
      expect(await readFile(inbox!.recoveryFile, 'utf8')).toBe(files.get(organisation.id));
    }

    // A fresh database beside the kept key files (.data/pglite deleted): the same keys are published again.
    const { db: fresh } = await databases.open();
    const reseeded = await seedDemoOrganisations(fresh, feeds, { inbox: { organisations: INBOX, keyDir: dir, passphrase: PASSPHRASE } });
    for (const { organisation, inbox } of reseeded.filter((o) => o.inbox)) {
      expect((await currentReferralKey(fresh, organisation.id))?.kid).toBe(inbox!.kid);
      expect(inbox!.kid).toBe(first.find((o) => o.organisation.id === organisation.id)!.inbox!.kid);
    }
  });

  it('says which inbox organisation is not in the feeds, and which key file does not open', async () => {
    const { db } = await databases.open();
    const feeds = [join(FEEDS, 'hsds-json', 'utrecht.json')];
    const dir = await keyDir();
    await expect(seedDemoOrganisations(db, feeds, { inbox: { organisations: ['Stichting Bestaat Niet'], keyDir: dir, passphrase: PASSPHRASE } })).rejects.toThrow(
      'Demo inbox organisations not found in the feeds: Stichting Bestaat Niet',
    );
    const [seeded] = (await seedDemoOrganisations(db, feeds, { inbox: { organisations: ['Trajectum Welzijn'], keyDir: dir, passphrase: PASSPHRASE } })).filter((o) => o.inbox);
    await writeFile(seeded!.inbox!.recoveryFile, '{"format":"iets anders"}');
    await expect(seedDemoOrganisations(db, feeds, { inbox: { organisations: ['Trajectum Welzijn'], keyDir: dir, passphrase: PASSPHRASE } })).rejects.toThrow(
      /The demo key file .*utrecht_e83f6fc7.*\.json does not open with the demo passphrase \(.*not a Sociale Kaart recovery file.*\)\. Delete it to make a new key\./,
    );
  });
});
