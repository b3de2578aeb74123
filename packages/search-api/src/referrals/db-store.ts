/**
 * The relay's referrals in the database (@sociale-kaart/db), shared with the portal's inbox
 * and the monitor. Every status goes through `appendReferralStatus`, the one writer of a
 * referral's history and derived columns. The database handle belongs to the caller: closing
 * the store leaves it open.
 */
import { appendReferralStatus, createReferral, getReferral, rememberSignature, type Db, type ReferralRow } from '@sociale-kaart/db';
import type { ReferralStatus } from '@sociale-kaart/schema';
import type { NewReferral, ReferralRecord, ReferralStatusEntry, ReferralStore, StoreOptions } from './store.js';

function toRecord(row: ReferralRow): ReferralRecord {
  return {
    id: row.id,
    targetType: row.target_type,
    activityId: row.activity_id,
    organizationId: row.organisation_id,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    tokenHash: row.token_hash,
    ...(row.referrer === null ? {} : { referrer: row.referrer }),
    gemeente: row.gemeente,
    reasons: row.reasons,
    delivery: row.delivery,
    status: row.status as ReferralStatus,
    history: row.history.map((e) => ({ ...e, status: e.status as ReferralStatusEntry['status'] })),
  };
}

export class DbReferralStore implements ReferralStore {
  readonly keepsSealed = true;
  private readonly clock: () => Date;

  constructor(
    private readonly db: Db,
    { clock = () => new Date() }: StoreOptions = {},
  ) {
    this.clock = clock;
  }

  async create(r: NewReferral): Promise<ReferralRecord> {
    const row = await createReferral(this.db, {
      id: r.id,
      targetType: r.targetType,
      activityId: r.activityId,
      organisationId: r.organizationId,
      gemeente: r.gemeente ?? null,
      reasons: r.reasons ?? [],
      referrer: r.referrer ?? null,
      tokenHash: r.tokenHash,
      delivery: r.delivery ?? 'webhook',
      sealed: r.sealed ?? null,
      publicPart: r.publicPart ?? null,
      createdAt: new Date(r.createdAt),
    });
    return toRecord(row);
  }

  async get(id: string): Promise<ReferralRecord | undefined> {
    const row = await getReferral(this.db, id);
    return row && toRecord(row);
  }

  async addStatus(id: string, entry: ReferralStatusEntry): Promise<ReferralRecord | undefined> {
    const row = await appendReferralStatus(this.db, id, entry);
    return row && toRecord(row);
  }

  async rememberSignature(digest: string, expiresAt: Date): Promise<boolean> {
    return rememberSignature(this.db, digest, expiresAt, this.clock());
  }

  async close(): Promise<void> {}
}
