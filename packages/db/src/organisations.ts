/** Organisations: who publishes, and (verified) who may receive referrals. */
import type { Db } from './connect.js';
import { newOrganisationId } from './secrets.js';
import type { Organisation } from './tables.js';

export interface NewOrganisation {
  name: string;
  kvk?: string | null;
  email?: string | null;
  phone?: string | null;
  website?: string | null;
  verified?: boolean;
  /** Give a fixed id (the demo seeds organisations under known ids); default: derived from the name. */
  id?: string;
}

export async function createOrganisation(db: Db, input: NewOrganisation, now = new Date()): Promise<Organisation> {
  return db
    .insertInto('organisations')
    .values({
      id: input.id ?? newOrganisationId(input.name),
      name: input.name,
      kvk: input.kvk ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      website: input.website ?? null,
      verified: input.verified ?? false,
      verified_at: input.verified ? now : null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getOrganisation(db: Db, id: string): Promise<Organisation | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listOrganisations(db: Db): Promise<Organisation[]> {
  return db.selectFrom('organisations').selectAll().orderBy('name').orderBy('id').execute();
}

/** Marks an organisation verified (the operator checked who it is); undefined when there is none. */
export async function verifyOrganisation(db: Db, id: string, kvk?: string, now = new Date()): Promise<Organisation | undefined> {
  return db
    .updateTable('organisations')
    .set({ verified: true, verified_at: now, updated_at: now, ...(kvk ? { kvk } : {}) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export type OrganisationChanges = Partial<Pick<Organisation, 'name' | 'email' | 'phone' | 'website'>>;

export async function updateOrganisation(db: Db, id: string, changes: OrganisationChanges, now = new Date()): Promise<Organisation | undefined> {
  return db.updateTable('organisations').set({ ...changes, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirst();
}

/** JSON for people and scripts: camelCase, ISO dates. */
export function organisationJson(o: Organisation) {
  return {
    id: o.id,
    name: o.name,
    kvk: o.kvk,
    email: o.email,
    phone: o.phone,
    website: o.website,
    verified: o.verified,
    verifiedAt: o.verified_at ? new Date(o.verified_at).toISOString() : null,
    createdAt: new Date(o.created_at).toISOString(),
  };
}
