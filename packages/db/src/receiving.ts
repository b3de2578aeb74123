/**
 * How an organisation receives referrals: the hosted inbox, or its own webhook. Only a
 * verified organisation is ever routed to (the relay checks), and a webhook only at the URL
 * the operator approved: changing the URL withdraws the approval until the operator looks
 * again. The webhook's HMAC secret is encrypted at rest under the data key (data-key.ts).
 */
import type { Db } from './connect.js';
import { decryptWithDataKey, encryptWithDataKey, type DataKey } from './data-key.js';
import { randomToken } from './secrets.js';
import type { Organisation, ReceiveMode } from './tables.js';

export interface ReceivingSettings {
  organisationId: string;
  verified: boolean;
  receiveMode: ReceiveMode | null;
  webhookUrl: string | null;
  /** The operator approved the current webhook URL. */
  webhookApproved: boolean;
  webhookApprovedAt: Date | null;
  hasWebhookSecret: boolean;
}

const boundTo = (organisationId: string) => `webhook-secret:${organisationId}`;

export function receivingSettingsOf(o: Organisation): ReceivingSettings {
  return {
    organisationId: o.id,
    verified: o.verified,
    receiveMode: o.receive_mode,
    webhookUrl: o.webhook_url,
    webhookApproved: o.webhook_url !== null && o.webhook_url === o.webhook_approved_url,
    webhookApprovedAt: o.webhook_url !== null && o.webhook_url === o.webhook_approved_url ? o.webhook_approved_at : null,
    hasWebhookSecret: o.webhook_secret_sealed !== null,
  };
}

export async function getReceivingSettings(db: Db, organisationId: string): Promise<ReceivingSettings | undefined> {
  const o = await db.selectFrom('organisations').selectAll().where('id', '=', organisationId).executeTakeFirst();
  return o && receivingSettingsOf(o);
}

export async function setReceiveMode(db: Db, organisationId: string, mode: ReceiveMode | null, now = new Date()): Promise<boolean> {
  const r = await db.updateTable('organisations').set({ receive_mode: mode, updated_at: now }).where('id', '=', organisationId).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Sets (or clears, with null) the webhook URL; the caller has checked it is an https URL. */
export async function setWebhookUrl(db: Db, organisationId: string, url: string | null, now = new Date()): Promise<boolean> {
  const r = await db.updateTable('organisations').set({ webhook_url: url, updated_at: now }).where('id', '=', organisationId).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Makes a new webhook secret, stores it encrypted and returns it: the only time it is shown.
 * The old secret stops working at once. Undefined when there is no such organisation.
 */
export async function newWebhookSecret(db: Db, dataKey: DataKey, organisationId: string, now = new Date()): Promise<string | undefined> {
  const secret = randomToken(32);
  const sealed = await encryptWithDataKey(dataKey, secret, boundTo(organisationId));
  const r = await db.updateTable('organisations').set({ webhook_secret_sealed: sealed, updated_at: now }).where('id', '=', organisationId).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0 ? secret : undefined;
}

/** The webhook secret in the clear, for signing a delivery; undefined when none is set. */
export async function webhookSecretOf(dataKey: DataKey, o: Pick<Organisation, 'id' | 'webhook_secret_sealed'>): Promise<string | undefined> {
  return o.webhook_secret_sealed === null ? undefined : decryptWithDataKey(dataKey, o.webhook_secret_sealed, boundTo(o.id));
}

export class WebhookApprovalError extends Error {
  override name = 'WebhookApprovalError';
}

/** The operator approves the organisation's current webhook URL. Throws a WebhookApprovalError saying why not. */
export async function approveWebhook(db: Db, organisationId: string, now = new Date()): Promise<ReceivingSettings> {
  const o = await db.selectFrom('organisations').selectAll().where('id', '=', organisationId).executeTakeFirst();
  if (!o) throw new WebhookApprovalError(`no organisation ${organisationId}`);
  if (!o.verified) throw new WebhookApprovalError(`organisation ${organisationId} is not verified: verify it first (org verify ${organisationId})`);
  if (!o.webhook_url) throw new WebhookApprovalError(`organisation ${organisationId} has no webhook URL to approve`);
  if (!o.webhook_secret_sealed) throw new WebhookApprovalError(`organisation ${organisationId} has no webhook secret yet: it makes one on its receiving page`);
  const updated = await db
    .updateTable('organisations')
    .set({ webhook_approved_url: o.webhook_url, webhook_approved_at: now, updated_at: now })
    .where('id', '=', organisationId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return receivingSettingsOf(updated);
}
