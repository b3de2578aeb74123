import { describe, expect, it } from 'vitest';
import { createOrganisation, getReceivingSettings, importDataKey, newDataKeyText, newWebhookSecret, openDatabase, setWebhookUrl } from '@sociale-kaart/db';
import { useDatabases } from '@sociale-kaart/db/testing';
import { runCli } from './cli.js';

// The command is a thin shell over approveWebhook (tested on both databases in @sociale-kaart/db).
describe('sociale-kaart-admin webhook approve', () => {
  const databases = useDatabases('pglite');

  it('approves the current webhook URL, and says why it cannot for an organisation without a secret', async () => {
    const url = await databases.freshUrl();
    const opened = await openDatabase({ url });
    const ready = await createOrganisation(opened.db, { name: 'Welzijn Klaar', verified: true });
    const bare = await createOrganisation(opened.db, { name: 'Welzijn Kaal', verified: true });
    await setWebhookUrl(opened.db, ready.id, 'https://intake.klaar.example/referrals');
    await setWebhookUrl(opened.db, bare.id, 'https://intake.kaal.example/referrals');
    await newWebhookSecret(opened.db, await importDataKey(newDataKeyText()), ready.id);
    await opened.close();

    const approved = await runCli('admin-main', ['webhook', 'approve', ready.id], { DATABASE_URL: url });
    expect(approved.stderr).toBe('');
    expect(approved.code).toBe(0);
    expect(JSON.parse(approved.stdout)).toMatchObject({ organisationId: ready.id, webhookUrl: 'https://intake.klaar.example/referrals' });

    const refused = await runCli('admin-main', ['webhook', 'approve', bare.id], { DATABASE_URL: url });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('has no webhook secret yet');
    expect((await runCli('admin-main', ['webhook', 'approve'], { DATABASE_URL: url })).code).toBe(64);

    const check = await openDatabase({ url });
    try {
      expect(await getReceivingSettings(check.db, ready.id)).toMatchObject({ webhookApproved: true });
      expect(await getReceivingSettings(check.db, bare.id)).toMatchObject({ webhookApproved: false });
    } finally {
      await check.close();
    }
  });
});
