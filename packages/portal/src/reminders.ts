/**
 * Freshness reminders: an organisation whose published activities were last confirmed more
 * than `reminderDays` ago gets a mail asking it to check them ("Alles klopt nog"), at most
 * once per `intervalDays`. Run daily by the portal; the clock is injected.
 */
import { markReminded, remindersDue, type Db } from '@sociale-kaart/db';
import { daysBefore, type Freshness } from './freshness.js';
import type { Mailer } from './mail.js';
import { dateInNetherlands } from './service.js';

export interface ReminderDeps {
  db: Db;
  mailer: Mailer;
  freshness: Freshness;
  portalUrl: () => string;
  clock: () => Date;
  log: (line: Record<string, unknown>) => void;
  /** Days between two reminders to one organisation (default 30). */
  intervalDays?: number;
}

/** Sends the reminders due now; returns the organisations mailed. */
export async function sendFreshnessReminders(deps: ReminderDeps): Promise<string[]> {
  const now = deps.clock();
  const today = dateInNetherlands(now);
  const remindedBefore = new Date(now.getTime() - (deps.intervalDays ?? 30) * 86_400_000);
  const due = await remindersDue(deps.db, daysBefore(today, deps.freshness.reminderDays), remindedBefore);
  const mailed: string[] = [];
  for (const org of due) {
    if (!org.email) continue;
    try {
      await deps.mailer.send({
        to: org.email,
        subject: 'Kloppen uw activiteiten nog?',
        text:
          `Beste ${org.name},\n\n${org.count} van uw activiteiten op de sociale kaart zijn langer dan ${deps.freshness.reminderDays} dagen niet gecontroleerd.\n` +
          `Huisartsen en inwoners vertrouwen op gegevens die kloppen. Wilt u ze nakijken? Klopt alles, klik dan op "Alles klopt nog":\n${deps.portalUrl()}/activiteiten\n\n` +
          `Na ${deps.freshness.staleDays} dagen zien zoekers "Gegevens mogelijk verouderd"; na ${deps.freshness.hideDays} dagen tonen we de activiteit niet meer.\n\n` +
          `(Some of your activities were not checked for ${deps.freshness.reminderDays} days. Please review them in the portal.)`,
      });
      await markReminded(deps.db, org.organisationId, now);
      mailed.push(org.organisationId);
    } catch (err) {
      deps.log({ level: 'error', msg: 'freshness reminder not sent', organisation: org.organisationId, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return mailed;
}
