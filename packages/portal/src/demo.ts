/**
 * Demo seeding for `npm start`: one verified organisation per organisation named in the
 * demo feeds, each with an editor whose address signs in through the demo mailbox.
 * Idempotent: ids and addresses derive from the organisation's name, so a restart finds
 * what the last run made.
 */
import { createOrganisation, getOrganisation, upsertUser, type Db, type Organisation } from '@sociale-kaart/db';
import { transformInputs, type InputLike } from '@sociale-kaart/indexer';

export interface DemoOrganisation {
  organisation: Organisation;
  /** The editor's address: type it on the sign-in page, then open the mail in the demo mailbox. */
  signInEmail: string;
  created: boolean;
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
export async function seedDemoOrganisations(db: Db, feeds: readonly InputLike[], options: { emailDomain?: string; operatorEmail?: string } = {}): Promise<DemoOrganisation[]> {
  const domain = options.emailDomain ?? 'demo.sociale-kaart.example';
  const { activities } = await transformInputs(feeds);
  const byName = new Map<string, { kvk: string | null; website: string | null }>();
  for (const a of activities) if (a.organization.name && !byName.has(a.organization.name)) byName.set(a.organization.name, { kvk: a.organization.kvk ?? null, website: a.organization.website ?? null });
  const out: DemoOrganisation[] = [];
  for (const [name, info] of [...byName].sort(([a], [b]) => a.localeCompare(b, 'nl'))) {
    const id = `demo-${slug(name)}`;
    const email = `${slug(name)}@${domain}`;
    let organisation = await getOrganisation(db, id);
    const created = !organisation;
    organisation ??= await createOrganisation(db, { id, name, kvk: info.kvk, website: info.website, email, verified: true });
    await upsertUser(db, { email, role: 'editor', organisationId: organisation.id });
    out.push({ organisation, signInEmail: email, created });
  }
  if (options.operatorEmail) await upsertUser(db, { email: options.operatorEmail, role: 'operator' });
  return out;
}
