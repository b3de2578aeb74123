/**
 * Routes and sealing keys from the database: what a **verified** organisation chose in the
 * portal. `inbox`: the referral is kept sealed for its hosted inbox. `webhook`: delivered to
 * its own URL, only while that URL is the one the operator approved, signed with its secret
 * (stored encrypted; opened here with the data key, never logged). An unverified
 * organisation, or one without a choice, gets no route: patient data does not go there.
 */
import { currentReferralKey, getOrganisation, receivingSettingsOf, webhookSecretOf, type DataKey, type Db } from '@sociale-kaart/db';
import { referralPublicKeySchema, type ReferralPublicKey } from '@sociale-kaart/schema';
import type { Logger } from '../http/log.js';
import type { IntakeRoutes } from './routes.js';

export interface ReferralKeys {
  /** The organisation's current public key for sealed referrals, or undefined when it has none. */
  currentKey(organizationId: string): Promise<ReferralPublicKey | undefined>;
}

export const NO_REFERRAL_KEYS: ReferralKeys = { currentKey: async () => undefined };

export function databaseRoutes(db: Db, { dataKey, logger }: { dataKey: DataKey | undefined; logger: Logger }): IntakeRoutes {
  return {
    async routeFor(organizationId) {
      const org = await getOrganisation(db, organizationId);
      if (!org?.verified) return undefined;
      if (org.receive_mode === 'inbox') return { kind: 'inbox' };
      if (org.receive_mode !== 'webhook') return undefined;
      const settings = receivingSettingsOf(org);
      if (!settings.webhookApproved || !settings.webhookUrl) return undefined;
      if (!dataKey) {
        logger.warn('referral.webhook_without_data_key', { organizationId, note: 'SK_DATA_KEY is not set: the webhook secret cannot be opened' });
        return undefined;
      }
      try {
        const secret = await webhookSecretOf(dataKey, org);
        return secret ? { secret, intakeUrl: settings.webhookUrl } : undefined;
      } catch (error) {
        logger.error('referral.webhook_secret_unreadable', { organizationId, error: (error as Error).message });
        return undefined;
      }
    },
  };
}

export function databaseReferralKeys(db: Db, { logger }: { logger: Logger }): ReferralKeys {
  return {
    async currentKey(organizationId) {
      const row = await currentReferralKey(db, organizationId);
      if (!row) return undefined;
      const parsed = referralPublicKeySchema.safeParse({ ...row.public_jwk, kid: row.kid });
      if (!parsed.success) {
        // Written by the portal after validation; a bad row means no usable key, not a crash.
        logger.error('referral.key_invalid', { organizationId, kid: row.kid });
        return undefined;
      }
      return parsed.data;
    },
  };
}
