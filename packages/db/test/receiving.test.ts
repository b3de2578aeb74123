import { describe, expect, it } from 'vitest';
import {
  DataKeyError,
  WebhookApprovalError,
  approveWebhook,
  createOrganisation,
  decryptWithDataKey,
  encryptWithDataKey,
  getOrganisation,
  getReceivingSettings,
  importDataKey,
  newDataKeyText,
  newWebhookSecret,
  setReceiveMode,
  setWebhookUrl,
  webhookSecretOf,
} from '../src/index.js';
import { DATABASE_KINDS, useDatabases } from '../src/testing.js';

describe('the data key', () => {
  it('opens what it sealed, only for the row it was bound to, and only with the same key', async () => {
    const key = await importDataKey(newDataKeyText());
    const sealed = await encryptWithDataKey(key, 'geheim-0123456789', 'webhook-secret:org-1');
    expect(sealed).not.toContain('geheim');
    expect(await decryptWithDataKey(key, sealed, 'webhook-secret:org-1')).toBe('geheim-0123456789');
    await expect(decryptWithDataKey(key, sealed, 'webhook-secret:org-2')).rejects.toThrow(DataKeyError);
    const other = await importDataKey(newDataKeyText());
    await expect(decryptWithDataKey(other, sealed, 'webhook-secret:org-1')).rejects.toThrow(/does not open with this data key/);
    await expect(decryptWithDataKey(key, 'plain-text', 'webhook-secret:org-1')).rejects.toThrow(/not a sealed secret/);
  });

  it('refuses a key that is not 32 bytes of base64url, saying so', async () => {
    await expect(importDataKey('short')).rejects.toThrow(/SK_DATA_KEY must be 32 random bytes/);
    await expect(importDataKey('not base64url!')).rejects.toThrow(/SK_DATA_KEY must be base64url/);
  });
});

describe.each(DATABASE_KINDS)('receiving settings on %s', (kind) => {
  const databases = useDatabases(kind);

  it('keeps the webhook secret encrypted, and a changed URL needs approval again', async () => {
    const { db } = await databases.open();
    const key = await importDataKey(newDataKeyText());
    const org = await createOrganisation(db, { name: 'Welzijn West', verified: true });
    await setReceiveMode(db, org.id, 'webhook');
    await setWebhookUrl(db, org.id, 'https://intake.welzijn-west.example/referrals');
    await expect(approveWebhook(db, org.id)).rejects.toThrow(/no webhook secret yet/);
    const secret = (await newWebhookSecret(db, key, org.id))!;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const row = (await getOrganisation(db, org.id))!;
    expect(row.webhook_secret_sealed).not.toContain(secret);
    expect(await webhookSecretOf(key, row)).toBe(secret);

    expect(await getReceivingSettings(db, org.id)).toMatchObject({ receiveMode: 'webhook', webhookApproved: false, hasWebhookSecret: true });
    await approveWebhook(db, org.id);
    expect(await getReceivingSettings(db, org.id)).toMatchObject({ webhookApproved: true, webhookUrl: 'https://intake.welzijn-west.example/referrals' });
    await setWebhookUrl(db, org.id, 'https://elders.example/referrals');
    expect(await getReceivingSettings(db, org.id)).toMatchObject({ webhookApproved: false, webhookApprovedAt: null });
  });

  it('approves no webhook of an unverified or unknown organisation', async () => {
    const { db } = await databases.open();
    const org = await createOrganisation(db, { name: 'Nog niet gecontroleerd' });
    await setWebhookUrl(db, org.id, 'https://intake.example/referrals');
    await expect(approveWebhook(db, org.id)).rejects.toThrow(WebhookApprovalError);
    await expect(approveWebhook(db, org.id)).rejects.toThrow(/is not verified/);
    await expect(approveWebhook(db, 'nobody')).rejects.toThrow(/no organisation nobody/);
  });
});
