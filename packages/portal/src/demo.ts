/**
 * Demo seeding for `npm start`: one verified organisation per organisation named in the
 * demo feeds, each with an editor whose address signs in through the demo mailbox; and, for
 * the organisations the demo names, the hosted inbox with a team key.
 *
 * Ids: a portal organisation is seeded under the id its feed activities carry — the id the
 * indexer's own transform derives (`organizationId(source, feed's key)`, namespaced by the
 * source), read here from the same transform the ingest runs (`feedOrganisations`), so the
 * relay, which routes by the indexed activity's `organization.id`, finds the organisation
 * that was verified (in production: `sociale-kaart-admin org add --feed-org`). It is
 * the operator who seeds and verifies (running the demo on its own feed files); the
 * namespacing keeps one feed from claiming another feed's organisation, and where patient
 * data goes still comes only from what is seeded here (the receive mode and the key).
 *
 * Idempotent: ids derive from the feeds and addresses from the names, so a restart finds
 * what the last run made; an inbox organisation's key is made once and reused.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createOrganisation, currentReferralKey, getOrganisation, setReceiveMode, setReferralKey, upsertUser, type Db, type Organisation } from '@sociale-kaart/db';
import type { InputLike } from '@sociale-kaart/indexer';
import type { ReferralPublicKey } from '@sociale-kaart/schema';
import { createReferralKey, readRecoveryFile, recoveryFileText } from '@sociale-kaart/sealing';
import { feedOrganisations } from './feed-organisations.js';

export interface DemoInbox {
  /** The recovery file (the private key encrypted with `passphrase`), as the /sleutel page imports it. */
  recoveryFile: string;
  passphrase: string;
  kid: string;
  /** False when a coach has since published another key in the portal: the file then opens only older referrals. */
  current: boolean;
}

export interface DemoOrganisation {
  organisation: Organisation;
  /** The editor's address: type it on the sign-in page, then open the mail in the demo mailbox. */
  signInEmail: string;
  created: boolean;
  /** Set for an organisation that receives in the hosted inbox. */
  inbox?: DemoInbox;
}

export interface DemoSeedOptions {
  emailDomain?: string;
  operatorEmail?: string;
  /**
   * Organisations (by their name in the feeds) that receive referrals in the hosted inbox. Each
   * gets a key pair made here exactly as the /sleutel page makes it in the browser: only the
   * public key goes into the database; the private key exists only in `keyDir/<id>.json`,
   * encrypted with `passphrase` (mode 0600). Demo only: a real team makes its key in its browser.
   */
  inbox?: { organisations: readonly string[]; keyDir: string; passphrase: string };
}

function slug(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 50)
      .replace(/-$/, '') || 'organisatie'
  );
}

/** Seeds the organisations of `feeds` (files or URLs the indexer reads); plus an operator `beheer@…` when `operatorEmail` is given. */
export async function seedDemoOrganisations(db: Db, feeds: readonly InputLike[], options: DemoSeedOptions = {}): Promise<DemoOrganisation[]> {
  const domain = options.emailDomain ?? 'demo.sociale-kaart.example';
  const { organisations } = await feedOrganisations(feeds);
  const inboxNames = new Set(options.inbox?.organisations ?? []);
  const names = new Set(organisations.map((o) => o.name));
  const unknown = [...inboxNames].filter((n) => !names.has(n));
  if (unknown.length > 0) throw new Error(`Demo inbox organisations not found in the feeds: ${unknown.join(', ')}`);

  const out: DemoOrganisation[] = [];
  for (const { id, ...info } of organisations) {
    const email = `${slug(info.name)}@${domain}`;
    let organisation = await getOrganisation(db, id);
    const created = !organisation;
    organisation ??= await createOrganisation(db, { id, name: info.name, kvk: info.kvk, website: info.website, email, verified: true });
    await upsertUser(db, { email, role: 'editor', organisationId: organisation.id });
    const seeded: DemoOrganisation = { organisation, signInEmail: email, created };
    if (options.inbox && inboxNames.has(info.name)) {
      // The operator's choice, made once: an editor who later picks another way on the receiving page keeps it.
      if (organisation.receive_mode === null) {
        await setReceiveMode(db, id, 'inbox');
        seeded.organisation = { ...organisation, receive_mode: 'inbox' };
      }
      seeded.inbox = await demoInboxKey(db, id, options.inbox);
    }
    out.push(seeded);
  }
  if (options.operatorEmail) await upsertUser(db, { email: options.operatorEmail, role: 'operator' });
  return out;
}

/**
 * The organisation's demo key: made and written once; on a restart the file is opened with the
 * passphrase (so the demo never prints a file that does not open) and its public key is
 * published again only when the organisation has no current key (a fresh database).
 */
async function demoInboxKey(db: Db, organisationId: string, { keyDir, passphrase }: { keyDir: string; passphrase: string }): Promise<DemoInbox> {
  const recoveryFile = join(keyDir, `${organisationId}.json`);
  let publicJwk: ReferralPublicKey;
  if (existsSync(recoveryFile)) {
    try {
      ({ publicJwk } = await readRecoveryFile(await readFile(recoveryFile, 'utf8'), passphrase));
    } catch (error) {
      throw new Error(`The demo key file ${recoveryFile} does not open with the demo passphrase (${(error as Error).message}). Delete it to make a new key.`);
    }
  } else {
    const made = await createReferralKey(passphrase);
    publicJwk = made.key.publicJwk;
    await mkdir(keyDir, { recursive: true, mode: 0o700 });
    await writeFile(recoveryFile, recoveryFileText(made.recoveryFile), { mode: 0o600, flag: 'wx' });
  }
  const current = await currentReferralKey(db, organisationId);
  if (!current) await setReferralKey(db, organisationId, publicJwk.kid, publicJwk);
  return { recoveryFile, passphrase, kid: publicJwk.kid, current: !current || current.kid === publicJwk.kid };
}
