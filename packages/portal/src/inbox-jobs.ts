/**
 * The inbox's two jobs, run by the portal server on croner schedules (and callable directly,
 * with an injected clock, in tests):
 *  - the notifier mails "Er is een nieuwe verwijzing" to the organisation's address for each
 *    new inbox referral (no patient data: the server has none to give; a link to the inbox);
 *  - retention deletes sealed payloads past their time; the status history stays.
 */
import { getOrganisation, type Db } from '@sociale-kaart/db';
import { deleteExpiredPayloads, markNotified, referralsToNotify, type Retention } from './inbox-store.js';
import type { Mailer } from './mail.js';

export interface InboxJobDeps {
  db: Db;
  mailer: Mailer;
  portalUrl: () => string;
  clock: () => Date;
  log: (line: Record<string, unknown>) => void;
}

/** Mails each organisation about its referrals not yet notified; returns the referral ids mailed. */
export async function notifyNewReferrals(deps: InboxJobDeps): Promise<string[]> {
  const mailed: string[] = [];
  for (const referral of await referralsToNotify(deps.db)) {
    const org = await getOrganisation(deps.db, referral.organisation_id);
    if (!org?.email) {
      deps.log({ level: 'warn', msg: 'new referral not mailed: the organisation has no e-mail address', organisation: referral.organisation_id, referral: referral.id });
      continue;
    }
    try {
      const link = `${deps.portalUrl()}/inbox/${encodeURIComponent(referral.id)}`;
      await deps.mailer.send({
        to: org.email,
        subject: 'Er is een nieuwe verwijzing',
        text:
          `Beste ${org.name},\n\nEr staat een nieuwe verwijzing in uw inbox op de sociale kaart.\n` +
          `De gegevens zijn versleuteld: u leest ze alleen in het portaal, op een apparaat met de sleutel van uw team.\n\n${link}\n\n` +
          `(There is a new referral in your inbox. Its details are encrypted; read them in the portal on a device that has your team's key.)`,
      });
      await markNotified(deps.db, referral.id, referral.organisation_id, deps.clock());
      mailed.push(referral.id);
    } catch (err) {
      deps.log({ level: 'error', msg: 'new referral mail not sent', organisation: referral.organisation_id, referral: referral.id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return mailed;
}

/** Deletes the payloads past `retention`; returns their referral ids. */
export async function applyRetention(deps: Pick<InboxJobDeps, 'db' | 'clock' | 'log'>, retention: Retention): Promise<string[]> {
  const ids = await deleteExpiredPayloads(deps.db, retention, deps.clock());
  if (ids.length > 0) deps.log({ level: 'info', msg: 'sealed payloads deleted after their retention period', count: ids.length });
  return ids;
}
