/**
 * Moves a JSON-lines referral store (SK_REFERRAL_STORE, from before the database) into the
 * database at start, once: every referral with its history (through appendReferralStatus,
 * in order) and the unexpired signature digests, then the file is renamed `<path>.migrated`.
 * A referral already in the database is skipped, so a start that stopped half-way simply
 * runs again. The file never held patient data, so neither does anything moved from it.
 */
import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { appendReferralStatus, createReferral, getReferral, rememberSignature, type Db } from '@sociale-kaart/db';
import { FileReferralStore } from './store.js';

export interface FileMigrationResult {
  /** Referrals written to the database (the ones it already had are not counted). */
  migrated: number;
  skipped: number;
  /** Where the file is now. */
  renamedTo: string;
}

/** Undefined when there is no file at `path` (nothing to do, or done before). */
export async function migrateFileStore(db: Db, path: string, { clock = () => new Date() }: { clock?: () => Date } = {}): Promise<FileMigrationResult | undefined> {
  if (!existsSync(path)) return undefined;
  const file = await FileReferralStore.open(path, { clock });
  const { referrals, signatures } = file.contents();
  await file.close();

  let migrated = 0;
  let skipped = 0;
  for (const r of referrals) {
    if (await getReferral(db, r.id)) {
      skipped++;
      continue;
    }
    await createReferral(db, {
      id: r.id,
      targetType: r.targetType,
      activityId: r.activityId,
      organisationId: r.organizationId,
      reasons: [],
      referrer: r.referrer ?? null,
      tokenHash: r.tokenHash,
      // The file store only ever served webhooks.
      delivery: 'webhook',
      createdAt: new Date(r.createdAt),
    });
    for (const entry of r.history) await appendReferralStatus(db, r.id, entry);
    migrated++;
  }
  const now = clock();
  for (const s of signatures) if (s.expiresAt > now) await rememberSignature(db, s.digest, s.expiresAt, now);

  const renamedTo = `${path}.migrated`;
  await rename(path, renamedTo);
  return { migrated, skipped, renamedTo };
}
